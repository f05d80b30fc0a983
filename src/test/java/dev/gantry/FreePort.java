package dev.gantry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a test's server to listen on. Chosen below Linux's ephemeral range (32768–60999):
 * a port the OS handed out and took back can be given to the next outgoing connection of a
 * load test before the server binds it; a port outside the range never is.
 */
public final class FreePort {
    private static final int LOW = 20000;
    private static final int HIGH = 32000;

    private FreePort() {
    }

    /** A port nothing listens on now, on any interface. */
    public static int pick() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOW + " and " + HIGH));
    }
}
