package dev.gantry.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server that sends Gantry's email, and the sender it uses.
 *
 * @param host the server's DNS name or IP address
 * @param port its port (default 25)
 * @param from the sender's address
 * @param username the login, if the server wants one (only in config.yml)
 * @param password the login's password (only in config.yml)
 * @param starttls whether the connection must be upgraded to TLS (STARTTLS) before anything is sent
 */
public record SmtpServer(String host, int port, String from, Optional<String> username, Optional<String> password,
                         boolean starttls) {
    static final Rule<String> ADDRESS = Rule.string("HOST or HOST:PORT of the SMTP server, like mail.example.com:587",
            text -> Addresses.isHostPort(text, false));
    static final Rule<String> TLS = Rule.oneOf("none", "starttls");

    /** Checks for nulls. */
    public SmtpServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The server without its password, which is never shown. */
    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + ", from " + from + username.map(u -> ", user " + u).orElse("")
                + (starttls ? ", starttls" : "") + "]";
    }

    /** The server of {@code notify/email}: smtp and from, and the optional login and tls. */
    static Optional<SmtpServer> read(YamlMap email) {
        Optional<String> smtp = email.required("smtp", ADDRESS, "smtp: mail.example.com:587");
        Optional<String> from = email.required("from", EmailSpec.ADDRESS, "from: gantry@example.com");
        Optional<String> username = email.optional("username", Rule.text());
        Optional<String> password = email.optional("password", Rule.text());
        if (email.has("username") != email.has("password")) {
            String given = email.has("username") ? "username" : "password";
            email.problem(given, "needs " + (given.equals("username") ? "password" : "username")
                    + " beside it; give both, or neither for a server without login");
        }
        String tls = email.get("tls", TLS, "none");
        if (smtp.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(smtp.get(), from.get(), username, password, tls));
    }

    /** The server at {@code address} (HOST[:PORT], already checked), with tls {@code none} or {@code starttls}. */
    static SmtpServer of(String address, String from, Optional<String> username, Optional<String> password, String tls) {
        int colon = address.lastIndexOf(':');
        boolean hasPort = colon > address.lastIndexOf(']');
        String host = (hasPort ? address.substring(0, colon) : address).replace("[", "").replace("]", "");
        int port = hasPort ? Integer.parseInt(address.substring(colon + 1)) : 25;
        return new SmtpServer(host, port, from, username, password, tls.equals("starttls"));
    }

    /** HOST:PORT as config.yml writes it, IPv6 addresses in brackets. */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
