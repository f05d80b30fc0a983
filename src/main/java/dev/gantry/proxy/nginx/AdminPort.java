package dev.gantry.proxy.nginx;

import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.OptionalInt;

/**
 * The loopback port of nginx's admin endpoint: chosen by the OS at the first start and remembered
 * in a file, so every later gantry process finds it.
 */
final class AdminPort {
    private AdminPort() {
    }

    /** The remembered port, if one is. */
    static OptionalInt remembered(NginxFiles files) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(files.adminPortFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The remembered port, else a new one. */
    static int current(NginxFiles files) {
        OptionalInt port = remembered(files);
        return port.isPresent() ? port.getAsInt() : chooseNew(files);
    }

    /** A port the OS finds free now on 127.0.0.1, remembered from now on. */
    static int chooseNew(NginxFiles files) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            NginxFiles.write(files.adminPortFile(), port + "\n");
            return port;
        } catch (IOException e) {
            throw new ProxyUnavailableException("Choosing a loopback port for nginx's admin endpoint failed: "
                    + e.getMessage() + " (" + files.adminPortFile() + ")", e);
        }
    }
}
