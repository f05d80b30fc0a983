package dev.gantry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How {@link GantryCli} starts the CLI's JVM: as {@code bin/gantry} does, on the built {@code target/gantry.jar}
 * and {@code target/runtime-classpath.txt} (not the test class path), sqlite-jdbc's unpacked native library, and a
 * class-data archive of the classes a {@code gantry run} loads. The first run (not handed to a server) of a JVM of
 * tests whose jar has no archive yet writes one when it ends ({@code -XX:ArchiveClassesAtExit}, to a file of its own, then moved into place
 * whole); every later command starts from it, about half a second of CPU less each, which the ITs, CPU-bound on two
 * cores, spend hundreds of times. The archive is named by the jar's modification time, so that a rebuilt jar never
 * meets an archive of the one before (the JVM would refuse it and start without).
 */
final class CliLauncher {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path JAR = TARGET.resolve("gantry.jar");
    private static final AtomicBoolean ARCHIVING = new AtomicBoolean();

    private CliLauncher() {
    }

    /**
     * The command line of {@code gantry args...} in {@code home}, and the archive it writes when it ends, if it is the
     * one that does: a run, not one a server of that home takes over (it would archive only the hand-over's classes).
     */
    static Launch of(List<String> args, Path home) {
        Path archive = archive();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        Path writes = null;
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else if (!args.isEmpty() && args.getFirst().equals("run")
                && !Files.exists(home.resolve("server.sock")) && ARCHIVING.compareAndSet(false, true)) {
            writes = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
            command.add("-XX:ArchiveClassesAtExit=" + writes);
        }
        Path sqlite = TARGET.resolve("sqlite-native/org/sqlite/native/Linux").resolve(System.getProperty("os.arch")
                .replace("amd64", "x86_64").replace("arm64", "aarch64"));
        if (Files.isRegularFile(sqlite.resolve("libsqlitejdbc.so"))) {
            command.addAll(List.of("-Dorg.sqlite.lib.path=" + sqlite, "-Dorg.sqlite.lib.name=libsqlitejdbc.so"));
        }
        command.addAll(List.of("-cp", classPath(), "dev.gantry.cli.Main"));
        command.addAll(args);
        return new Launch(command, writes);
    }

    /** A command line, and the archive file its JVM writes at its end (null: none). */
    record Launch(List<String> command, Path writesArchive) {

        /**
         * After its process ended: the archive it wrote, if whole, moved into place for every later command; if it
         * wrote none (killed, or refused), the next run tries.
         */
        void ended() {
            if (writesArchive == null) {
                return;
            }
            try {
                if (Files.isRegularFile(writesArchive) && Files.size(writesArchive) > 0) {
                    Path archive = archive();
                    Files.move(writesArchive, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    removeOlderThan(archive);
                } else {
                    Files.deleteIfExists(writesArchive);
                    ARCHIVING.set(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the CLI's class-data archive into place", e);
            }
        }
    }

    /** The archives of jars built before: 35 MB each, of no use to anyone. */
    private static void removeOlderThan(Path archive) throws IOException {
        try (var archives = Files.newDirectoryStream(TARGET, "it-gantry-*.jsa")) {
            for (Path older : archives) {
                if (!older.equals(archive)) {
                    Files.deleteIfExists(older);
                }
            }
        }
    }

    private static Path archive() {
        try {
            return TARGET.resolve("it-gantry-" + Files.getLastModifiedTime(JAR).toMillis() + ".jsa");
        } catch (IOException e) {
            throw new UncheckedIOException("no " + JAR + ": the ITs run the CLI from the jar `mvn verify` builds", e);
        }
    }

    private static String classPath() {
        try {
            return JAR + java.io.File.pathSeparator + Files.readString(TARGET.resolve("runtime-classpath.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no target/runtime-classpath.txt: `mvn verify` writes it at process-classes", e);
        }
    }
}
