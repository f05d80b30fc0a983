package dev.gantry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a test's server to listen on. Chosen below Linux's ephemeral range (32768–60999):
 * a port the OS handed out and took back can be given to the next outgoing connection of a
 * load test before the server binds it; a port outside the range never is. A port is handed out once
 * per JVM (a test's HTTP and HTTPS ports, picked one after the other, once came out equal), and the
 * ITs' forks ({@code it.forks} in pom.xml, told as {@code gantry.test.fork} and {@code gantry.test.forks})
 * each pick from a share of the range of their own, so two tests running side by side never choose the
 * same port.
 */
public final class FreePort {
    private static final int LOW = 20000;
    private static final int HIGH = 32000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A port nothing listens on now, on any interface, and not handed out before by this JVM. */
    public static int pick() {
        int forks = property("gantry.test.forks", 1);
        int fork = property("gantry.test.fork", 1);
        int share = (HIGH - LOW) / Math.max(1, forks);
        int low = LOW + share * (fork >= 1 && fork <= forks ? fork - 1 : 0);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, low + share);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + low + " and " + (low + share)));
    }

    /** A number the build tells this JVM (which IT fork it is, of how many); unit tests run as fork 1 of 1. */
    private static int property(String name, int otherwise) {
        try {
            return Integer.parseInt(System.getProperty(name, String.valueOf(otherwise)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
