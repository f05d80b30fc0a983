package dev.gantry.handoff;

import dev.gantry.config.Installation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where {@code gantry server} takes the runs {@code gantry run} hands it (docs/server.md, "Runs handed to the
 * server"): a Unix socket in GANTRY_HOME, which is its owner's only (0700), and the fingerprint of the
 * installation as this process sees it: the build, and every GANTRY_* and DOCKER_* variable and PATH. A run is
 * handed over only when the CLI's fingerprint is the server's, so the server runs it exactly as the CLI would.
 */
public record HandoffSocket(Path path, String fingerprint) {
    /** The socket's name in GANTRY_HOME. */
    public static final String FILE = "server.sock";
    /** The longest socket path Linux takes (sun_path holds 108 bytes with the closing zero). */
    static final int MAX_PATH_BYTES = 107;

    /** The socket of the installation {@code env} names; none when its home is no path or too long a one for a socket. */
    public static Optional<HandoffSocket> of(Map<String, String> env) {
        Path path;
        try {
            path = Installation.home(env).resolve(FILE);
        } catch (InvalidPathException e) {
            return Optional.empty();  // the run itself reports a bad GANTRY_HOME
        }
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new HandoffSocket(path, fingerprint(env)));
    }

    /** A digest of this build and of the variables that can change what a run does. */
    static String fingerprint(Map<String, String> env) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every JDK has", e);
        }
        digest.update((build() + "\0").getBytes(StandardCharsets.UTF_8));
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith("GANTRY_") || name.startsWith("DOCKER_") || name.equals("PATH")) {
                digest.update((name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8));
            }
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Where Gantry's classes come from and when that was written: a rebuilt gantry.jar is another build. */
    private static String build() {
        CodeSource source = HandoffSocket.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "unknown";
        }
        try {
            Path where = Path.of(source.getLocation().toURI());
            return where + "@" + Files.getLastModifiedTime(where).toMillis();
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }
}
