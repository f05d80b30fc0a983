package dev.gantry.it;

import static org.assertj.core.api.Assertions.fail;

import dev.gantry.LabCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lab Swarm that bin/env-up starts (docs/swarm.md#the-lab): its manager's address, from
 * swarm-docker-host in the lab's directory, and bin/lab to list, cut, restore, kill and start its nodes.
 * A test that needs it fails, and does not skip, when it is not there: bin/test starts it.
 */
final class SwarmLab {
    private static final Path LAB = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("bin/lab");

    private final String manager;

    private SwarmLab(String manager) {
        this.manager = manager;
    }

    /** The lab, after checking that its manager answers; fails the test otherwise. */
    static SwarmLab require() {
        Path file = LabCredentials.envDir().resolve("swarm-docker-host");
        if (!Files.isRegularFile(file)) {
            fail("The Swarm lab is not set up: %s is missing. Run bin/env-up (bin/test does), which starts it.", file);
        }
        String address = read(file);
        try (var engine = new DockerObjects(address)) {
            if (!engine.answers()) {
                fail("The Swarm manager at %s (from %s) does not answer. Run bin/env-up (bin/test does).", address, file);
            }
        }
        return new SwarmLab(address);
    }

    /**
     * Holds the lab for a test, across the IT forks: shared by tests that deploy to it, exclusive for a test
     * that kills or cuts nodes, so that no deploy of another test runs while a node is broken. Close to release.
     */
    static Held hold(boolean exclusive) {
        Path file = LabCredentials.envDir().resolve("run").resolve("swarm-lab-tests.lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = channel.lock(0, Long.MAX_VALUE, !exclusive);
            return () -> {
                try (channel) {
                    lock.release();
                } catch (IOException e) {
                    throw new UncheckedIOException("unlocking " + file + " failed", e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + file + " failed", e);
        }
    }

    /** A hold on the lab; closing it lets others have it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The manager's DOCKER_HOST. */
    String manager() {
        return manager;
    }

    /** One node of {@code bin/lab nodes}. */
    record Node(String name, String id, String dockerHost, String state) {
        /** The node's address on the lab's bridge, where its tasks publish their ports. */
        String address() {
            return "10.214.0." + (10 + Integer.parseInt(name.substring("node".length())));
        }
    }

    /** The nodes as {@code bin/lab nodes} lists them. */
    List<Node> nodes() {
        Run run = lab("nodes");
        if (run.exitCode() != 0) {
            fail("bin/lab nodes failed: %s", run);
        }
        return run.output().lines().skip(1).map(line -> line.trim().split("\\s+"))
                .map(f -> new Node(f[0], f[1], f[2], f[3])).toList();
    }

    /** Runs {@code bin/lab ARGS}, within a minute. */
    static Run lab(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = LAB.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return Run.of(Duration.ofMinutes(1), command);
    }

    /** A finished command: its exit code and its output (stdout and stderr together). */
    record Run(List<String> command, int exitCode, String output) {
        static Run of(Duration deadline, String... command) {
            Path output = null;
            try {
                output = Files.createTempFile("swarm-lab", ".out");
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .start();
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail("%s did not finish within %s: %s", Arrays.toString(command), deadline, Files.readString(output));
                }
                return new Run(List.of(command), process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("running " + Arrays.toString(command) + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + Arrays.toString(command), e);
            } finally {
                if (output != null) {
                    output.toFile().delete();
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        }
    }
}
