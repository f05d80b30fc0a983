package dev.gantry.source;

import dev.gantry.Printable;
import dev.gantry.config.ByteSizes;
import dev.gantry.config.GitLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files a checkout of the service's directory would write, read from the commit and checked as a
 * whole before anything is written: every name one git itself would check out (no {@code .}, {@code ..},
 * {@code .git} in any spelling git treats as it, no empty name or {@code /}), every tree well formed (no
 * duplicate names), and no more files or bytes than {@link GitLimits} allow.
 */
public final class CheckoutPlan {
    /** One file to write: its path relative to the service directory, its mode and its blob. */
    public record Entry(String path, FileMode mode, ObjectId blob) {
    }

    private static final int MAX_LINK = 4096;  // PATH_MAX on Linux, with its NUL

    private final ServiceSource source;
    private final List<Entry> entries;
    private final List<String> submodules;
    private final long bytes;

    private CheckoutPlan(ServiceSource source, List<Entry> entries, List<String> submodules, long bytes) {
        this.source = source;
        this.entries = List.copyOf(entries);
        this.submodules = List.copyOf(submodules);
        this.bytes = bytes;
    }

    /** Reads and checks the service's tree in the commit of {@code source}; throws what is wrong with it. */
    public static CheckoutPlan of(ServiceSource source, GitLimits limits) {
        try (Repository repo = source.open(); ObjectReader reader = repo.newObjectReader()) {
            return new Reading(source, limits, reader).read(serviceTree(source, repo));
        } catch (IOException e) {
            throw new SourceException("Reading the tree of commit " + source.release().shortCommit() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The commit this plan checks out. */
    public ServiceSource source() {
        return source;
    }

    /** The entries to write, each checked. */
    public List<Entry> entries() {
        return entries;
    }

    /** The paths of submodules, which are not checked out. */
    public List<String> submodules() {
        return submodules;
    }

    /** The bytes the files hold, together. */
    public long bytes() {
        return bytes;
    }

    private static ObjectId serviceTree(ServiceSource source, Repository repo) throws IOException {
        try (RevWalk revs = new RevWalk(repo)) {
            ObjectId root = revs.parseCommit(ObjectId.fromString(source.release().commit())).getTree();
            if (source.servicePath().isEmpty()) {
                return root;
            }
            try (TreeWalk dir = TreeWalk.forPath(repo, source.servicePath(), root)) {
                if (dir == null || dir.getFileMode(0) != FileMode.TREE) {
                    throw new SourceException("Commit " + source.release().shortCommit() + " has no directory "
                            + source.servicePath() + ". Commit the service there, or run Gantry on the directory that holds it.");
                }
                return dir.getObjectId(0);
            }
        }
    }

    /** One pass over the trees, breadth first (no recursion: a tree may be nested as deep as its author likes). */
    private static final class Reading {
        private final ServiceSource source;
        private final GitLimits limits;
        private final ObjectReader reader;
        private final ObjectChecker checker = TreeRules.apply(new ObjectChecker());
        private final List<Entry> entries = new ArrayList<>();
        private final List<String> submodules = new ArrayList<>();
        private long bytes;

        Reading(ServiceSource source, GitLimits limits, ObjectReader reader) {
            this.source = source;
            this.limits = limits;
            this.reader = reader;
        }

        CheckoutPlan read(ObjectId serviceTree) throws IOException {
            Deque<Tree> trees = new ArrayDeque<>(List.of(new Tree(serviceTree, "")));
            while (!trees.isEmpty()) {
                Tree tree = trees.removeFirst();
                byte[] raw = treeBytes(tree);
                check(tree, raw);
                for (var parser = parser(raw); !parser.eof(); parser.next()) {
                    entry(tree.path() + parser.getEntryPathString(), parser).ifPresent(trees::addLast);
                }
            }
            return new CheckoutPlan(source, entries, submodules, bytes);
        }

        private byte[] treeBytes(Tree tree) throws IOException {
            try {
                return reader.open(tree.id(), Constants.OBJ_TREE).getCachedBytes(
                        (int) Math.min(limits.fileBytes(), Integer.MAX_VALUE - 8));
            } catch (LargeObjectException e) {
                throw refused("a directory " + shown(tree.path()) + " whose listing alone is larger than "
                        + ByteSizes.format(limits.fileBytes()), "Objects are limited to "
                        + ByteSizes.format(limits.fileBytes()) + " (git-max-file-size)");
            }
        }

        /** Records one entry of a tree; answers the subtree to read, if it is one. */
        private Optional<Tree> entry(String path, CanonicalTreeParser parser) throws IOException {
            FileMode mode = parser.getEntryFileMode();
            if (mode == FileMode.TREE) {
                return Optional.of(new Tree(parser.getEntryObjectId(), path + "/"));
            }
            if (mode == FileMode.GITLINK) {
                submodules.add(path);
                return Optional.empty();
            }
            file(path, mode, parser.getEntryObjectId());
            return Optional.empty();
        }

        private void file(String path, FileMode mode, ObjectId blob) throws IOException {
            long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
            if (size > limits.fileBytes()) {
                throw refused("a file " + shown(path) + " of " + ByteSizes.format(size), "Files are limited to "
                        + ByteSizes.format(limits.fileBytes()) + " (git-max-file-size). Keep large files out of the"
                        + " service's directory, or raise the limit");
            }
            bytes += size;
            if (bytes > limits.checkoutBytes()) {
                throw refused("more than " + ByteSizes.format(limits.checkoutBytes()) + " of files in "
                        + shown(""), "A checkout is limited to " + ByteSizes.format(limits.checkoutBytes())
                        + " (checkout-max-size). Keep what the build does not need out of the service's directory,"
                        + " or raise the limit");
            }
            if (entries.size() >= limits.objects()) {
                throw refused("more than " + limits.objects() + " files in " + shown(""), "A checkout is limited to "
                        + limits.objects() + " files (git-max-objects). Keep generated files out of the commit, or raise the limit");
            }
            if (mode == FileMode.SYMLINK) {
                link(path, blob, size);
            }
            entries.add(new Entry(path, mode, blob.copy()));
        }

        /** A symlink's target must be one the file system can hold: no NUL, shorter than PATH_MAX. */
        private void link(String path, ObjectId blob, long size) throws IOException {
            if (size >= MAX_LINK || new String(reader.open(blob).getCachedBytes(MAX_LINK), StandardCharsets.UTF_8)
                    .indexOf('\0') >= 0) {
                throw refused("a symlink " + shown(path) + " whose target no file system takes (a NUL byte, or "
                        + MAX_LINK + " bytes or more)", "Rewrite the history without it");
            }
        }

        /**
         * The tree as git's fsck checks it: its names, and what a name alone does not show (two entries of one
         * name, the order). The message names the entry when one name is the problem.
         */
        private void check(Tree tree, byte[] raw) {
            try {
                checker.checkTree(tree.id(), raw);
            } catch (CorruptObjectException e) {
                throw badName(raw).map(bad -> refused("an entry " + shown(tree.path() + bad.name()) + " ("
                        + bad.why() + ")", "A commit may not hold entries named '.', '..' or '.git' (in any case or"
                        + " spelling git treats as .git), nor an empty name or one with '/': git never makes them, only"
                        + " a tree written by hand does. Rewrite the history without that entry"))
                        .orElseGet(() -> refused("a malformed directory " + shown(tree.path()) + " (" + e.getMessage()
                                + ")", "git never writes such a tree, only a tree written by hand does. Rewrite the"
                                + " history without it"));
            }
        }

        /** The first entry of {@code raw} whose name git refuses, if a name is what is wrong. */
        private Optional<BadName> badName(byte[] raw) {
            try {
                for (var parser = parser(raw); !parser.eof(); parser.next()) {
                    byte[] name = new byte[parser.getNameLength()];
                    parser.getName(name, 0);
                    try {
                        checker.checkPathSegment(name, 0, name.length);
                    } catch (CorruptObjectException e) {
                        return Optional.of(new BadName(new String(name, StandardCharsets.UTF_8), e.getMessage()));
                    }
                }
            } catch (RuntimeException e) {
                // a tree too broken to list: the whole tree's message says it
            }
            return Optional.empty();
        }

        /** A path of the service as the repository names it, quoted and made printable: names come from the commit. */
        private String shown(String path) {
            String full = source.servicePath().isEmpty() ? path : source.servicePath() + "/" + path;
            return "\"" + Printable.of(full.isEmpty() ? "/" : full) + "\"";
        }

        private UnsafeCommitException refused(String what, String fix) {
            return new UnsafeCommitException("Commit " + source.release().shortCommit() + " has " + what
                    + ", so Gantry will not check it out; nothing was written. " + fix + ", then push or run again.");
        }
    }

    private static CanonicalTreeParser parser(byte[] raw) {
        var parser = new CanonicalTreeParser();
        parser.reset(raw);
        return parser;
    }

    private record Tree(ObjectId id, String path) {
    }

    private record BadName(String name, String why) {
    }
}
