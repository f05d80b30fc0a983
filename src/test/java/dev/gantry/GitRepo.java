package dev.gantry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A throwaway git repository for tests: write files, commit them. */
public final class GitRepo {
    private final Path root;

    private GitRepo(Path root) {
        this.root = root;
    }

    /** A new repository at {@code root}, branch main. */
    public static GitRepo init(Path root) {
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            return new GitRepo(root);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git init in " + root + " failed", e);
        }
    }

    /** Its working tree. */
    public Path root() {
        return root;
    }

    /** Its {@code file:} URL, as a remote names it. */
    public String url() {
        return root.toUri().toString();
    }

    /** Writes {@code content} to {@code path} in the working tree. */
    public GitRepo write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything in the working tree; answers the commit id. */
    public String commit(String message) {
        try (Git git = Git.open(root.toFile())) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage(message).setAuthor("Test", "test@gantry.invalid")
                    .setCommitter("Test", "test@gantry.invalid").setSign(false).call().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git commit in " + root + " failed", e);
        }
    }
}
