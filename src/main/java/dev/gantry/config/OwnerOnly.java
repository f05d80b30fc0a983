package dev.gantry.config;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files policy of {@code $GANTRY_HOME} (docs/installation-config.md, "Home directory"): the store,
 * logs, workspaces, repositories, keys and proxy files are the owner's only. Java has no umask, so
 * the home is made 0700 (which alone keeps everyone else out of everything below it), and group's and
 * others' rights are taken off everything in it when a command starts and when it ends; the stage
 * logs and the key file are made 0600 as they are created. {@code config.yml} is the user's own
 * file: it is warned about, not changed. Neither is {@code secrets.key}: a key that others could read
 * may have been read, so the vault refuses it and tells the person, rather than this quietly hiding it.
 */
public final class OwnerOnly {
    /** rwx------ */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** rw------- */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** Files whose loose mode is the person's to see and fix: warned about or refused, never changed. */
    private static final Set<String> LEFT_TO_THE_PERSON = Set.of("config.yml", "secrets.key");

    private OwnerOnly() {
    }

    /**
     * Creates {@code home} (0700) if it is missing, and takes group's and others' rights from it and
     * from everything below it, except config.yml and secrets.key; symbolic links are left alone (a mode set on one
     * would land on what it points to). A file system without POSIX modes is left as it is.
     */
    public static void secure(Path home) {
        try {
            directory(home);
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    ownerOnly(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isSymbolicLink() && !LEFT_TO_THE_PERSON.contains(home.relativize(file).toString())) {
                        ownerOnly(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;  // gone meanwhile (a workspace another run deleted)
                }
            });
        } catch (UnsupportedOperationException e) {
            // no POSIX modes here (not Linux or macOS): nothing to set
        } catch (IOException e) {
            throw new ConfigException("GANTRY_HOME", List.of(new ConfigProblem("GANTRY_HOME", 0,
                    "cannot make " + home + " and its contents owner-only: " + e.getMessage() + ". Gantry keeps"
                            + " its store, logs and keys there; make it a directory you own.")), "");
        }
    }

    /**
     * Takes group's and others' bits off {@code path}, keeping the owner's (an executable stays
     * executable). A path that went away meanwhile (a workspace another run deleted) or that is not
     * ours to change is left: the home's own 0700 still keeps everyone else out of it.
     */
    private static void ownerOnly(Path path) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(OTHERS::contains)) {
                Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
                mode.stream().filter(bit -> !OTHERS.contains(bit)).forEach(owner::add);
                Files.setPosixFilePermissions(path, owner);
            }
        } catch (IOException e) {
            // see above
        }
    }

    /** Creates {@code dir} and its missing parents, and makes {@code dir} 0700. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIRECTORY);
        return dir;
    }

    /** Makes the file {@code file} 0600. */
    public static void file(Path file) throws IOException {
        Files.setPosixFilePermissions(file, FILE);
    }

    /**
     * The warning for {@code config.yml} in {@code home}, if group or others may read or write it: it
     * can hold the webhook secret and the store's password.
     */
    public static Optional<String> configWarning(Path home) {
        Path config = home.resolve("config.yml");
        try {
            if (!Files.isRegularFile(config)) {
                return Optional.empty();
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(config);
            if (mode.stream().noneMatch(OTHERS::contains)) {
                return Optional.empty();
            }
            return Optional.of(config + " is readable or writable by group or others (mode "
                    + PosixFilePermissions.toString(mode) + "), and it can hold secrets (webhook-secret, the store's"
                    + " password). Make it the owner's only: chmod 600 " + config);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
