package dev.gantry.handoff;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code gantry run} handed to the server: the directory of the service (absolute), how long to wait for its
 * lock, and whether errors show their stack trace ({@code --verbose}).
 */
public record HandoffRequest(Path path, Duration lockWait, boolean verbose) {
    /** The protocol's name and version, the first thing a client sends. */
    static final String PROTOCOL = "gantry-handoff/1";

    /** Writes the request with the client's {@code fingerprint}. */
    void write(DataOutputStream out, String fingerprint) throws IOException {
        out.writeUTF(PROTOCOL);
        out.writeUTF(fingerprint);
        out.writeUTF(path.toString());
        out.writeLong(lockWait.toMillis());
        out.writeBoolean(verbose);
        out.flush();
    }

    /**
     * Reads a request that must carry {@code fingerprint}; throws {@link Refused} with the reason the client is
     * told when it is another protocol, another installation or not a request a run can take.
     */
    static HandoffRequest read(DataInputStream in, String fingerprint) throws IOException {
        if (!PROTOCOL.equals(in.readUTF())) {
            throw new Refused("another version of the handoff protocol (expected " + PROTOCOL + ")");
        }
        if (!fingerprint.equals(in.readUTF())) {
            throw new Refused("another build or environment (GANTRY_*, DOCKER_*, PATH) than the server's");
        }
        String path = in.readUTF();
        long lockWaitMillis = in.readLong();
        boolean verbose = in.readBoolean();
        try {
            Path directory = Path.of(path);
            if (!directory.isAbsolute() || lockWaitMillis < 0) {
                throw new Refused("a relative path or a negative lock wait");
            }
            return new HandoffRequest(directory, Duration.ofMillis(lockWaitMillis), verbose);
        } catch (InvalidPathException e) {
            throw new Refused("a path that is no path");
        }
    }

    /** Why the server does not take a request; the client then runs the flow itself. */
    static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }
}
