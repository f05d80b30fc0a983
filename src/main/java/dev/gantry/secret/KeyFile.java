package dev.gantry.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets key: 32 random bytes (AES-256) in {@code $GANTRY_HOME/secrets.key}, readable only by
 * its owner. Created on first use, owner-only from the moment it exists; a key file that others may
 * read or write is refused.
 */
final class KeyFile {
    static final String NAME = "secrets.key";
    static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path path;

    KeyFile(Path home) {
        this.path = home.resolve(NAME);
    }

    Path path() {
        return path;
    }

    /** The key; the file must exist (secrets were set with it). */
    SecretKey read() {
        if (!Files.exists(path)) {
            throw new SecretKeyException(path, "The secrets key " + path + " is missing, so the stored secrets cannot"
                    + " be decrypted. Put back the key file they were set with, or set each secret again"
                    + " (`gantry secret set SERVICE NAME`).");
        }
        return load();
    }

    /** The key, created first if there is none yet. */
    SecretKey readOrCreate() {
        if (!Files.exists(path)) {
            create();
        }
        return load();
    }

    private SecretKey load() {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (mode.stream().anyMatch(OTHERS::contains)) {
                throw new SecretKeyException(path, "The secrets key " + path + " can be read or changed by other users"
                        + " (mode " + PosixFilePermissions.toString(mode) + "), so Gantry will not use it. Make it"
                        + " readable by its owner only: chmod 600 " + path);
            }
            byte[] key = Files.readAllBytes(path);
            if (key.length != BYTES) {
                throw new SecretKeyException(path, "The secrets key " + path + " holds " + key.length + " bytes, not the "
                        + BYTES + " of a Gantry key. Put back the key file the secrets were set with.");
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException | UnsupportedOperationException e) {
            throw new SecretKeyException(path, "Reading the secrets key " + path + " failed: " + e
                    + ". Check that it is a file of this user on a POSIX file system.", e);
        }
    }

    /**
     * Writes a new key to an owner-only temporary file, then links it in place: the key file never
     * exists with other permissions or half written, and a key another process created meanwhile wins.
     */
    private void create() {
        Path temporary = null;
        try {
            Files.createDirectories(path.getParent());
            temporary = Files.createTempFile(path.getParent(), ".secrets.key-", ".new",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key));
                channel.force(true);
            }
            Files.createLink(path, temporary);
        } catch (FileAlreadyExistsException raced) {
            // another gantry created the key between our check and our link: use theirs
        } catch (IOException | UnsupportedOperationException e) {
            throw new SecretKeyException(path, "Creating the secrets key " + path + " failed: " + e
                    + ". Check that GANTRY_HOME is writable and on a POSIX file system.", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // a leftover .secrets.key-*.new is owner-only and harmless; the key itself is in place
        }
    }
}
