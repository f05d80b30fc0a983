package dev.gantry.server;

/** Where the server listens: HOST:PORT, the host an IPv6 address in brackets if it is one. */
record ListenAddress(String host, int port) {

    static ListenAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw bad(text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535 || host.isBlank()) {
                throw bad(text);
            }
            return new ListenAddress(host, port);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    /** HOST:PORT with {@code port}, for the URL people are shown. */
    String withPort(int actual) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + actual;
    }

    private static ServerInputException bad(String text) {
        return new ServerInputException("The server address \"" + text + "\" is not HOST:PORT; give one like"
                + " 127.0.0.1:7070 (--addr, server-addr in config.yml, or GANTRY_SERVER_ADDR).");
    }
}
