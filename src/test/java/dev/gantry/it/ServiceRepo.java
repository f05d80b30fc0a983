package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git repository in a temp dir holding a copy of a service under a subdirectory, the way a
 * person's repository holds one service among others. Its gantry.yml names the service uniquely,
 * so that what a test builds, pushes and records is its own.
 */
final class ServiceRepo {
    private static final Pattern SERVICE_LINE = Pattern.compile("(?m)^service:.*$");
    private static final Pattern IMAGE_LINE = Pattern.compile("(?m)^image:.*$");

    private final Path workTree;
    private final Path serviceDir;

    private ServiceRepo(Path workTree, Path serviceDir) {
        this.workTree = workTree;
        this.serviceDir = serviceDir;
    }

    /**
     * A new repository at {@code workTree} with {@code source} copied into {@code subdirectory}, its
     * gantry.yml naming the service (and its image) {@code service}, committed.
     */
    static ServiceRepo create(Path workTree, Path source, String subdirectory, String service) {
        Path serviceDir = workTree.resolve(subdirectory);
        copyTree(source, serviceDir);
        try {
            Git.init().setDirectory(workTree.toFile()).setInitialBranch("main").call().close();
        } catch (GitAPIException e) {
            throw new IllegalStateException("git init in " + workTree + " failed", e);
        }
        var repo = new ServiceRepo(workTree, serviceDir);
        if (Files.exists(serviceDir.resolve("gantry.yml"))) {
            repo.write("gantry.yml", named(repo.read("gantry.yml"), service));
        }
        repo.commit("Add " + service);
        return repo;
    }

    /** {@code gantryYml} with its service: (and image:, if present) set to {@code service}. */
    static String named(String gantryYml, String service) {
        Matcher serviceLine = SERVICE_LINE.matcher(gantryYml);
        assertThat(serviceLine.find()).as("a service: line in%n%s", gantryYml).isTrue();
        String renamed = serviceLine.replaceFirst("service: " + service);
        return IMAGE_LINE.matcher(renamed).replaceFirst("image: " + service);
    }

    /** The root of the work tree. */
    Path workTree() {
        return workTree;
    }

    /** The service's directory, the PATH given to {@code gantry run}. */
    Path serviceDir() {
        return serviceDir;
    }

    /** The full sha of the commit at HEAD: the release a run builds. */
    String head() {
        try (Git git = Git.open(workTree.toFile())) {
            return git.getRepository().resolve("HEAD").getName();
        } catch (IOException e) {
            throw new UncheckedIOException("reading HEAD of " + workTree + " failed", e);
        }
    }

    /** A file of the service, as it is on disk. */
    String read(String relative) {
        try {
            return Files.readString(serviceDir.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file of the service on disk (not committed). */
    ServiceRepo write(String relative, String content) {
        try {
            Path file = serviceDir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one occurrence of {@code text} in a file of the service, on disk (not committed). */
    ServiceRepo replace(String relative, String text, String replacement) {
        String content = read(relative);
        assertThat(content).as("the text to change in %s", relative).containsOnlyOnce(text);
        return write(relative, content.replace(text, replacement));
    }

    /** Deletes a file of the service on disk (not committed). */
    ServiceRepo delete(String relative) {
        try {
            Files.delete(serviceDir.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change in the work tree (additions and deletions); returns the commit's full sha. */
    String commit(String message) {
        try (Git git = Git.open(workTree.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit().setMessage(message)
                    .setAuthor("Gantry IT", "it@gantry.invalid")
                    .setCommitter("Gantry IT", "it@gantry.invalid")
                    .setSign(false)
                    .call();
            return commit.getName();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("git commit in " + workTree + " failed", e);
        }
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + source + " to " + target + " failed", e);
        }
    }
}
