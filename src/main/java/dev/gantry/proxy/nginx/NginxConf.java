package dev.gantry.proxy.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx configuration Gantry runs: the public listeners, the admin listener on an owner-only unix
 * socket and the Lua route table. Rendered from {@code proxy/nginx/nginx.conf.template}; paths in it
 * are relative to the nginx prefix directory, but for the socket's, which nginx binds as it is given.
 *
 * @param adminSocket the admin endpoint's socket, an absolute path
 * @param certificate the PEM file with the certificate chain and the private key, relative to the prefix
 */
record NginxConf(int httpPort, int httpsPort, Path adminSocket, String certificate) {
    static final String TEMPLATE = "/proxy/nginx/nginx.conf.template";
    static final String LUA_MODULE = "/proxy/nginx/gantry.lua";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/-]+");

    NginxConf {
        if (!SAFE_PATH.matcher(certificate).matches()) {
            throw new IllegalArgumentException("certificate path for nginx.conf has unsafe characters: " + certificate);
        }
        if (!adminSocket.isAbsolute() || adminSocket.toString().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("admin socket path for nginx.conf must be absolute, without control"
                    + " characters: " + adminSocket);
        }
    }

    /** The whole nginx.conf text. */
    String render() {
        Map<String, String> values = Map.of(
                "http_port", Integer.toString(httpPort),
                "https_port", Integer.toString(httpsPort),
                "admin_socket", quoted("unix:" + adminSocket),
                "certificate", certificate);
        Matcher matcher = PLACEHOLDER.matcher(resource(TEMPLATE));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(TEMPLATE + " names an unknown value " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    /** A string nginx reads as one word whatever it holds: GANTRY_HOME may have spaces, quotes or ';'. */
    static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A text resource shipped with Gantry. */
    static String resource(String name) {
        try (InputStream in = NginxConf.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from Gantry's classpath; the build is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " from Gantry's classpath failed", e);
        }
    }
}
