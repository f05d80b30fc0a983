package dev.gantry.source;

import dev.gantry.Printable;
import dev.gantry.config.GitLimits;
import dev.gantry.config.ServiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A service's directory inside a git work tree, pinned to the commit at HEAD. Gantry builds that
 * commit exactly: uncommitted changes are reported, never built. {@code workTree} may also be a bare
 * repository ({@link #of}), as a push to the server leaves one. The commit's title is taken through
 * {@link Printable}: it is shown on terminals, in the API and in notifications.
 */
public record ServiceSource(Path workTree, String servicePath, Release release) {
    static final String CONFIG_FILE = "gantry.yml";
    private static final long MAX_CONFIG_BYTES = 4L << 20;

    /** Finds the git work tree around {@code directory} and its HEAD commit. */
    public static ServiceSource locate(Path directory) {
        Path dir = realDirectory(directory);
        var builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw new SourceException(directory + " is not inside a git work tree. Gantry deploys commits:"
                    + " run `git init && git add . && git commit -m init` there, or give a directory inside a repository.");
        }
        try (Repository repo = builder.build(); RevWalk walk = new RevWalk(repo)) {
            if (repo.isBare()) {
                throw new SourceException(directory + " is inside a bare git repository; give a directory of a work tree.");
            }
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                throw new SourceException("The git repository at " + repo.getWorkTree() + " has no commits yet."
                        + " Commit the service first: `git add . && git commit`.");
            }
            RevCommit commit = walk.parseCommit(head);
            Path workTree = repo.getWorkTree().toPath().toRealPath();
            String servicePath = workTree.relativize(dir).toString().replace('\\', '/');
            var status = Git.wrap(repo).status();
            if (!servicePath.isEmpty()) {
                status.addPath(servicePath);
            }
            boolean dirty = !status.call().isClean();
            return new ServiceSource(workTree, servicePath, new Release(head.name(), Printable.of(commit.getShortMessage()), dirty));
        } catch (IOException | GitAPIException e) {
            throw new SourceException("Reading the git repository around " + directory + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The service at the root of {@code repository}, a work tree or a bare repository, at
     * {@code commit} (a full or abbreviated sha, or a ref): what the server runs for a push.
     */
    public static ServiceSource of(Path repository, String commit) {
        String noSuchCommit = "The git repository " + repository + " has no commit " + commit
                + ". Push it first, or give a commit the repository has.";
        try (Repository repo = build(repository.toRealPath()); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(commit + "^{commit}");
            if (id == null) {
                throw new SourceException(noSuchCommit);
            }
            RevCommit found = walk.parseCommit(id);
            return new ServiceSource(repository.toRealPath(), "", new Release(id.name(), Printable.of(found.getShortMessage()), false));
        } catch (MissingObjectException | IncorrectObjectTypeException | RevisionSyntaxException e) {
            throw new SourceException(noSuchCommit, e);
        } catch (IOException e) {
            throw new SourceException("Reading commit " + commit + " of the git repository " + repository + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The service's {@code gantry.yml} as committed, parsed and validated. */
    public ServiceConfig config() {
        return ServiceConfig.parse(configText(), repoPath(CONFIG_FILE));
    }

    /** The text of the service's {@code gantry.yml} as committed. */
    public String configText() {
        String path = repoPath(CONFIG_FILE);
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(release.commit()));
            try (TreeWalk file = TreeWalk.forPath(repo, path, commit.getTree())) {
                if (file == null) {
                    throw new SourceException(missingConfigMessage(path));
                }
                var blob = repo.open(file.getObjectId(0));
                if (blob.getSize() > MAX_CONFIG_BYTES) {
                    throw new SourceException(path + " is " + blob.getSize() + " bytes; a gantry.yml is a few hundred."
                            + " Commit the real gantry.yml (see docs/gantry-yml.md).");
                }
                return new String(blob.getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new SourceException("Reading " + path + " from commit " + release.shortCommit() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks that the service's directory in the commit can be checked out: safe names, well-formed trees,
     * within {@code limits}; throws an {@link UnsafeCommitException} naming what is wrong.
     */
    public void checkTree(GitLimits limits) {
        CheckoutPlan.of(this, limits);
    }

    /** A path inside the service, as the repository names it. */
    String repoPath(String relative) {
        return servicePath.isEmpty() ? relative : servicePath + "/" + relative;
    }

    /** Opens the repository the commit is in; the caller closes it. */
    public Repository open() throws IOException {
        return build(workTree);
    }

    private static Repository build(Path repository) throws IOException {
        var builder = new FileRepositoryBuilder().setMustExist(true);
        boolean bare = Files.isRegularFile(repository.resolve("HEAD")) && Files.isDirectory(repository.resolve("objects"));
        return (bare ? builder.setGitDir(repository.toFile()) : builder.setWorkTree(repository.toFile())).build();
    }

    private String missingConfigMessage(String path) {
        Path onDisk = workTree.resolve(path);
        if (Files.exists(onDisk)) {
            return path + " exists but is not in commit " + release.shortCommit() + ". Gantry deploys what is"
                    + " committed: `git add " + path + " && git commit`, then run again.";
        }
        return "There is no " + path + " in commit " + release.shortCommit() + ". Add a gantry.yml that names the"
                + " service (see docs/gantry-yml.md), commit it, and run again.";
    }

    private static Path realDirectory(Path directory) {
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new SourceException(directory + " is not a directory. Give the directory that holds the"
                        + " service's gantry.yml.");
            }
            return real;
        } catch (IOException e) {
            throw new SourceException(directory + " does not exist. Give the directory that holds the service's"
                    + " gantry.yml.", e);
        }
    }
}
