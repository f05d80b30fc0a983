package dev.gantry.cli;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.config.Installation;
import dev.gantry.engine.Swarm;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.stage.RunListener;
import dev.gantry.wiring.InstallationParts;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code gantry demo}: brings this machine's environment up (bin/env-up) and runs the flow on the
 * example service, from a git repository of its own under GANTRY_HOME/demo, with the lab's credentials and
 * engines (.env/gantry.env): releases on the lab's Swarm, tests and builds on the CD engine, and a killed
 * replica shown replaced. DOCKER_HOST and GANTRY_CD_DOCKER_HOST of the environment win over the file's.
 */
@Command(name = "demo", description = "Bring the environment up, deploy examples/books-ms, change it, deploy again.")
final class DemoCommand implements Callable<Integer> {
    private static final String EXAMPLE = "books-ms";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path root = projectRoot();
        environmentUp(root, out);
        DemoLab lab = new DemoLab(root);
        Installation installation = Installation.load(lab.environment());
        Path service = demoRepository(root.resolve("examples").resolve(EXAMPLE), installation.home().resolve("demo").resolve(EXAMPLE));
        try (InstallationParts parts = InstallationParts.open(installation, warningsTo(out))) {
            boolean swarm = parts.productionEngine().swarm().role() == Swarm.Role.MANAGER;
            if (swarm) {
                onTheSwarm(service, parts, out);
            }
            out.println("demo: first release of " + service);
            RunOutcome first = RunCommand.flow(parts, service, out, Pipeline.LOCK_WAIT);
            secondCommit(service);
            out.println("demo: a second commit, deployed beside the first in the other colour");
            RunOutcome second = RunCommand.flow(parts, service, out, Pipeline.LOCK_WAIT);
            if (second.colour() == first.colour()) {
                throw new DemoException("the second release went live in " + second.colour().word() + " again");
            }
            String books = second.url();
            int status = answer(books);
            if (status != 200) {
                throw new DemoException("the release is live but " + books + " answered " + status);
            }
            if (swarm) {
                new DemoHealing(parts, lab, out).show(EXAMPLE, () -> answer(books));
            }
            out.println("demo: books-ms answers through the proxy. Try it:");
            out.println("  curl " + books);
            out.println("  curl -X POST -H 'Content-Type: application/json' -d '{\"title\":\"Dune\",\"author\":\"Frank Herbert\"}' " + books);
            out.println("  set -a; . .env/gantry.env; set +a" + (swarm ? "" : "; DOCKER_HOST=" + parts.productionEngine().address())
                    + "   # the lab's credentials and engines, as the demo used them");
            out.println("  bin/gantry status books-ms; bin/gantry history books-ms; bin/gantry rollback books-ms");
            return 0;
        }
    }

    /**
     * On the Swarm the example runs one replica: its books are in a volume, which is each node's own on a Swarm, so two
     * replicas on two nodes would answer from two catalogues (and its integration tests see that).
     */
    private static void onTheSwarm(Path service, InstallationParts parts, PrintWriter out) {
        out.println("demo: on the lab's Swarm: " + parts.orchestrator().describe() + "; tests and builds on the CD engine");
        out.println("demo: one replica of books-ms (its books are in a volume, which is each node's own on a Swarm)");
        commit(service, "gantry.yml", text -> text.replace("  replicas: 2\n", "  replicas: 1\n"),
                "books-ms: one replica on the Swarm");
    }

    private static RunListener warningsTo(PrintWriter out) {
        return new RunListener() {
            @Override
            public void warning(String message) {
                out.println("warning: " + message);
                out.flush();
            }
        };
    }

    private static Path projectRoot() {
        String root = System.getProperty("gantry.root");
        if (root == null || !Files.isRegularFile(Path.of(root, "bin", "env-up"))) {
            throw new DemoException("the demo needs Gantry's source tree (bin/env-up and examples/); run it as"
                    + " bin/gantry demo from a clone of Gantry");
        }
        return Path.of(root);
    }

    private static void environmentUp(Path root, PrintWriter out) {
        out.println("demo: bringing the environment up (bin/env-up)");
        out.flush();
        try {
            Process envUp = new ProcessBuilder(List.of(root.resolve("bin/env-up").toString())).inheritIO().start();
            int code = envUp.waitFor();
            if (code != 0) {
                throw new DemoException("bin/env-up exited with " + code + "; its output above says what is missing");
            }
        } catch (IOException e) {
            throw new DemoException("cannot start bin/env-up: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while bringing the environment up");
        }
    }

    private static void secondCommit(Path service) {
        commit(service, "README.md", text -> text + "\nSecond release, deployed by gantry demo.\n", "books-ms: second release");
    }

    /** Changes {@code file} of the demo's repository as {@code change} says and commits it with {@code message}. */
    private static void commit(Path service, String file, UnaryOperator<String> change, String message) {
        try (Git git = Git.open(service.toFile())) {
            Path changed = service.resolve(file);
            Files.writeString(changed, change.apply(Files.readString(changed)));
            git.add().addFilepattern(file).call();
            git.commit().setMessage(message).setAuthor("Gantry demo", "demo@gantry.invalid")
                    .setCommitter("Gantry demo", "demo@gantry.invalid").setSign(false).call();
        } catch (IOException | GitAPIException e) {
            throw new DemoException("committing \"" + message + "\" in " + service + " failed: " + e.getMessage());
        }
    }

    private static int answer(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A fresh copy of the example, committed in a repository of its own. */
    private static Path demoRepository(Path example, Path target) {
        try {
            deleteTree(target);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.walk(example)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(example.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            try (Git git = Git.init().setDirectory(target.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("books-ms: first release").setAuthor("Gantry demo", "demo@gantry.invalid")
                        .setCommitter("Gantry demo", "demo@gantry.invalid").setSign(false).call();
            }
            return target;
        } catch (IOException | GitAPIException e) {
            throw new DemoException("preparing the demo repository at " + target + " failed: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The demo could not run. */
    static final class DemoException extends GantryException {
        DemoException(String message) {
            super("demo: " + message);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.ENVIRONMENT_UNUSABLE;
        }
    }
}
