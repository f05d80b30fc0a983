package dev.gantry.proxy;

/** One address the proxy sends a service's requests to. */
public record Backend(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
