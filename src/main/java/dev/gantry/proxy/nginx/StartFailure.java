package dev.gantry.proxy.nginx;

import dev.gantry.proxy.Certificate;
import dev.gantry.proxy.ProxyUnavailableException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Why nginx refused to start, from what it printed, turned into what the user must do. */
final class StartFailure {
    static final String INSTALL = "apt-get install -y nginx libnginx-mod-http-lua lua-resty-core";
    // nginx: [emerg] bind() to 0.0.0.0:8080 failed (98: Address already in use)
    private static final Pattern BIND = Pattern.compile("bind\\(\\) to (\\S+):(\\d+) failed \\((\\d+): ([^)]*)\\)");
    private static final String EADDRINUSE = "98";
    private static final String EACCES = "13";

    private StartFailure() {
    }

    /** The error for a failed {@code nginx -t} or start, given what nginx printed. */
    static ProxyUnavailableException explain(String what, String output, NginxConf conf, NginxFiles files) {
        Matcher bind = BIND.matcher(output);
        if (bind.find()) {
            return bindFailure(bind, conf);
        }
        if (output.contains("ngx_http_lua_module.so") || output.contains("ndk_http_module.so")
                || output.contains("resty.core") || output.contains("ngx.balancer")) {
            return new ProxyUnavailableException(what + " failed because nginx's Lua module is missing: "
                    + lastLines(output) + ". Install it: " + INSTALL + " (bin/env-up does).");
        }
        String hint = output.contains("certificate.pem")
                ? " " + Certificate.user(files.proxyDir()) + " must hold the certificate chain and then its private key, in PEM"
                        + " (the file HAProxy's crt takes); remove it to use a self-signed certificate."
                : " See " + files.errorLog() + ".";
        return new ProxyUnavailableException(what + " failed: " + lastLines(output) + "." + hint);
    }

    private static ProxyUnavailableException bindFailure(Matcher bind, NginxConf conf) {
        int port = Integer.parseInt(bind.group(2));
        String setting = port == conf.httpPort() ? "GANTRY_PROXY_HTTP_PORT"
                : port == conf.httpsPort() ? "GANTRY_PROXY_HTTPS_PORT" : null;
        String cause = bind.group(3).equals(EADDRINUSE) ? "another process listens on it"
                : bind.group(3).equals(EACCES) ? "ports below 1024 need root (or CAP_NET_BIND_SERVICE)"
                : bind.group(4);
        String fix = setting == null
                ? "Stop what listens there"
                : "Set " + setting + " (or proxy-" + (port == conf.httpPort() ? "http" : "https")
                        + "-port in config.yml) to a free port, or stop what listens on " + port;
        return new ProxyUnavailableException("Starting nginx failed: it cannot listen on port " + port + " ("
                + bind.group(1) + ":" + port + "): " + cause + ". " + fix + ".");
    }

    private static String lastLines(String output) {
        var lines = output.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
