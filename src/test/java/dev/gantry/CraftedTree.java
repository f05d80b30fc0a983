package dev.gantry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A commit whose tree is written literally, entry by entry, as an attacker would write it by hand: names
 * git itself refuses ({@code ..}, {@code .git}, {@code a/b}) go in as given. A value is a file's content
 * (a String), a symlink ({@link Link}) or a directory (a Map of the same).
 */
public final class CraftedTree {
    /** A symlink entry pointing at {@code target}. */
    public record Link(String target) {
    }

    private CraftedTree() {
    }

    /**
     * Writes {@code entries} as the tree of a new commit on branch main of the repository at
     * {@code repository} (a work tree or a bare one), main moved to it; answers the commit's sha.
     */
    public static String commit(Path repository, Map<String, Object> entries) {
        var builder = new FileRepositoryBuilder().setMustExist(true);
        builder = repository.resolve(".git").toFile().isDirectory() ? builder.setWorkTree(repository.toFile())
                : builder.setGitDir(repository.toFile());
        try (Repository repo = builder.build(); ObjectInserter inserter = repo.newObjectInserter()) {
            var commit = new CommitBuilder();
            commit.setTreeId(tree(inserter, entries));
            ObjectId parent = repo.resolve("refs/heads/main");
            if (parent != null) {
                commit.setParentId(parent);
            }
            var who = new PersonIdent("Crafted", "crafted@gantry.invalid");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("Crafted tree\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a crafted commit into " + repository + " failed", e);
        }
    }

    /** The tree object of {@code entries}, in git's order (a directory sorts as if its name ended in '/'). */
    @SuppressWarnings("unchecked")
    private static ObjectId tree(ObjectInserter inserter, Map<String, Object> entries) throws IOException {
        List<Map.Entry<String, Object>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparing(e -> e.getKey() + (e.getValue() instanceof Map ? "/" : "")));
        var raw = new java.io.ByteArrayOutputStream();
        for (var entry : sorted) {
            FileMode mode;
            ObjectId id;
            if (entry.getValue() instanceof Map<?, ?> dir) {
                mode = FileMode.TREE;
                id = tree(inserter, (Map<String, Object>) dir);
            } else if (entry.getValue() instanceof Link link) {
                mode = FileMode.SYMLINK;
                id = inserter.insert(Constants.OBJ_BLOB, link.target().getBytes(StandardCharsets.UTF_8));
            } else {
                mode = FileMode.REGULAR_FILE;
                id = inserter.insert(Constants.OBJ_BLOB, ((String) entry.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            mode.copyTo(raw);
            raw.write(' ');
            raw.write(entry.getKey().getBytes(StandardCharsets.UTF_8));
            raw.write(0);
            id.copyRawTo(raw);
        }
        return inserter.insert(Constants.OBJ_TREE, raw.toByteArray());
    }
}
