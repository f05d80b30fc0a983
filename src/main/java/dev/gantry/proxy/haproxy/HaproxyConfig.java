package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders haproxy.cfg: the template (global, defaults, the frontend that routes by the map files)
 * and one backend section per pool. A slot outside the live bank, or beyond the route's replicas,
 * is parked at {@code 127.0.0.1:1 disabled} until a switch addresses it at runtime.
 */
final class HaproxyConfig {
    static final String PARKED = "127.0.0.1:1";

    /** The listening ports, the certificate and the file paths the configuration names. */
    record Listeners(int httpPort, int httpsPort, HaproxyFiles files) {
    }

    private HaproxyConfig() {
    }

    static String render(Listeners listeners, Map<String, Route> routes, Pools pools) {
        HaproxyFiles files = listeners.files();
        StringBuilder cfg = new StringBuilder(template()
                .replace("${adminSocket}", files.adminSocket().toString())
                .replace("${httpPort}", Integer.toString(listeners.httpPort()))
                .replace("${httpsPort}", Integer.toString(listeners.httpsPort()))
                .replace("${certificate}", files.certificate().toString())
                .replace("${hostsMap}", files.hostsMap().toString())
                .replace("${routesMap}", files.routesMap().toString()));
        for (Pool pool : pools.pools()) {
            List<Backend> live = pool.isSpare() ? List.of() : routes.get(pool.service()).backends();
            cfg.append('\n').append(section(pool, live, pools.slots()));
        }
        return cfg.toString();
    }

    private static String section(Pool pool, List<Backend> live, int slots) {
        StringBuilder text = new StringBuilder("# ").append(pool.isSpare() ? "spare" : pool.service()).append('\n')
                .append("backend ").append(pool.name()).append('\n')
                .append("  balance roundrobin\n");
        for (Bank bank : List.of(Bank.A, Bank.B)) {
            for (int i = 1; i <= slots; i++) {
                boolean serving = bank == pool.live() && i <= live.size();
                text.append("  server ").append(bank.slot(i)).append(' ')
                        .append(serving ? address(live.get(i - 1)) : PARKED + " disabled").append('\n');
            }
        }
        return text.toString();
    }

    /** HOST:PORT as haproxy.cfg wants it; an IPv6 address in brackets. */
    static String address(Backend backend) {
        String host = backend.host().contains(":") ? "[" + backend.host() + "]" : backend.host();
        return host + ":" + backend.port();
    }

    private static String template() {
        try (InputStream in = HaproxyConfig.class.getResourceAsStream("/proxy/haproxy/haproxy.cfg.template")) {
            if (in == null) {
                throw new IllegalStateException("haproxy.cfg.template is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading haproxy.cfg.template failed", e);
        }
    }
}
