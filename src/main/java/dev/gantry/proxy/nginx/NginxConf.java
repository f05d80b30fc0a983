package dev.gantry.proxy.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx configuration Gantry runs: the public listeners, the admin listener on loopback and the
 * Lua route table. Rendered from {@code proxy/nginx/nginx.conf.template}; paths in it are relative
 * to the nginx prefix directory.
 *
 * @param certificate the PEM file with the certificate chain and the private key, relative to the prefix
 */
record NginxConf(int httpPort, int httpsPort, int adminPort, String certificate) {
    static final String TEMPLATE = "/proxy/nginx/nginx.conf.template";
    static final String LUA_MODULE = "/proxy/nginx/gantry.lua";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/-]+");

    NginxConf {
        if (!SAFE_PATH.matcher(certificate).matches()) {
            throw new IllegalArgumentException("certificate path for nginx.conf has unsafe characters: " + certificate);
        }
    }

    /** The whole nginx.conf text. */
    String render() {
        Map<String, String> values = Map.of(
                "http_port", Integer.toString(httpPort),
                "https_port", Integer.toString(httpsPort),
                "admin_port", Integer.toString(adminPort),
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
