package dev.gantry.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules for the network addresses of the installation config: registry, engines, discovery, store. */
final class Addresses {
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String HOST = "(?:\\[[0-9A-Fa-f:.]+\\]|" + LABEL + "(?:\\." + LABEL + ")*)";
    private static final Pattern HOST_PORT = Pattern.compile(HOST + "(?::([0-9]{1,5}))?");

    static final Rule<String> REGISTRY = Rule.string(
            "HOST or HOST:PORT without a scheme or path, like 127.0.0.1:5000", text -> isHostPort(text, false));
    static final Rule<String> SERVER_ADDR = Rule.string(
            "HOST:PORT, like 127.0.0.1:7070", text -> isHostPort(text, true));
    static final Rule<String> DOCKER_HOST = Rule.string(
            "unix:///path/to/docker.sock or tcp://HOST:PORT", Addresses::isDockerHost);
    static final Rule<String> DISCOVERY = Rule.string(
            "embedded or etcd://HOST:PORT", text -> text.equals("embedded")
                    || text.startsWith("etcd://") && isHostPort(text.substring("etcd://".length()), true));
    static final Rule<String> STORE = Rule.matching(
            "a JDBC URL like jdbc:postgresql://HOST:5432/gantry", Pattern.compile("jdbc:[a-z][a-z0-9]*:[^\\p{Cntrl}]+"));

    static final Rule<String> PROXY_URL = Rule.string(
            "http://HOST[:PORT] or https://HOST[:PORT], optionally with a path, like https://www.example.com",
            Addresses::isHttpUrl).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);

    private Addresses() {
    }

    static boolean isHostPort(String text, boolean portRequired) {
        Matcher matcher = HOST_PORT.matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        String port = matcher.group(1);
        return port == null ? !portRequired : Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }

    private static boolean isHttpUrl(String text) {
        Matcher matcher = Pattern.compile("https?://([^/]+)(/[A-Za-z0-9._~%/-]*)?").matcher(text);
        return matcher.matches() && isHostPort(matcher.group(1), false);
    }

    private static boolean isDockerHost(String text) {
        if (text.startsWith("unix://")) {
            return text.matches("unix:///[^\\p{Cntrl}]+");
        }
        return text.startsWith("tcp://") && isHostPort(text.substring("tcp://".length()), true);
    }
}
