package dev.gantry.proxy.nginx;

import dev.gantry.config.Installation;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.proxy.Proxy;
import dev.gantry.proxy.RequestFeed;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteRules;
import dev.gantry.proxy.RouteTable;
import dev.gantry.proxy.RoutesLock;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * nginx, managed by Gantry, routing by a Lua route table that Gantry replaces through an admin
 * endpoint on an owner-only unix socket: a route change takes no reload, so no connection is closed and no request lost.
 * Its files are under {@code $GANTRY_HOME/proxy/nginx}; the routes are in {@code proxy/routes.json}.
 * See docs/proxy-nginx.md.
 */
public final class NginxProxy implements Proxy {
    private static final Duration LOCK_DEADLINE = Duration.ofSeconds(60);

    private final Installation installation;
    private final NginxFiles files;
    private final RouteTable table;
    private final NginxProcess process;
    private final RoutesLock lock;

    /** The managed nginx of {@code installation}; nothing starts until {@link #start()}. */
    public NginxProxy(Installation installation) {
        this.installation = installation;
        this.files = NginxFiles.of(installation);
        this.table = new RouteTable(files.routeTable());
        this.process = new NginxProcess(files);
        this.lock = new RoutesLock(files.proxyDir(), LOCK_DEADLINE);
    }

    /** Starts nginx with the route table unless it runs; either way it routes by the current table on return. */
    @Override
    public void start() {
        lock.holding(() -> {
            apply(table.read());
            return null;
        });
    }

    /** Routes the service, replacing its previous route; returns once nginx routes new requests by it. */
    @Override
    public void route(Route route) {
        change(routes -> routes.put(route.service(), RouteRules.check(route, routes, "nginx", Ipv4Backends::problems)));
    }

    /**
     * Starts nginx if it is not running and has it parse the table with {@code route} in it, storing
     * nothing; the prepared change is then one PUT of the table.
     */
    @Override
    public PreparedRoute prepare(Route route) {
        lock.holding(() -> {
            Map<String, Route> before = table.read();
            Map<String, Route> after = new TreeMap<>(before);
            after.put(route.service(), RouteRules.check(route, before, "nginx", Ipv4Backends::problems));
            ensureRunning(before);
            new AdminClient(files.adminSocket()).checkRoutes(RoutesText.render(after));
            return null;
        });
        return new PreparedRoute(route, () -> route(route));
    }

    /** Stops routing the service; returns once nginx answers its requests with 404. */
    @Override
    public void unroute(String service) {
        change(routes -> routes.remove(service));
    }

    @Override
    public Map<String, Route> routes() {
        return table.read();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + installation.proxyHttpPort();
    }

    @Override
    public String describe() {
        return process.pid()
                .map(pid -> "nginx (managed, pid " + pid + ", admin " + files.adminSocket() + ")")
                .orElse("nginx (managed, not running)");
    }

    /** Stops nginx gracefully: requests in flight finish first. */
    @Override
    public RequestFeed requests() {
        return new RequestLines(new AdminClient(files.adminSocket()));
    }

    @Override
    public void stop() {
        // under the lock, so that a concurrent route() does not send its table to an nginx on its way out
        lock.holding(() -> {
            process.stop();
            return null;
        });
    }

    /**
     * Read-modify-write of the route table under the lock. nginx gets the new table first, so that
     * traffic moves before any file is written; the files follow, for a restarted nginx. A crash in
     * between is the run's to undo: its journal holds the route change as intended.
     */
    private void change(Consumer<Map<String, Route>> edit) {
        lock.holding(() -> {
            Map<String, Route> before = table.read();
            Map<String, Route> after = new TreeMap<>(before);
            edit.accept(after);
            try {
                apply(after);
            } catch (RuntimeException e) {
                save(before);
                throw e;
            }
            try {
                save(after);
            } catch (RuntimeException e) {
                apply(before);
                throw e;
            }
            return null;
        });
    }

    private void save(Map<String, Route> routes) {
        table.write(routes);
        NginxFiles.write(files.routesText(), RoutesText.render(routes));
    }

    /** Makes nginx route by {@code routes}: a PUT to the running nginx, else a start that loads them. */
    private void apply(Map<String, Route> routes) {
        String text = RoutesText.render(routes);
        ensureRunning(routes);
        new AdminClient(files.adminSocket()).putRoutes(text);
    }

    /** Starts nginx with {@code routes} unless it runs; reloads it if its admin socket is gone. */
    private void ensureRunning(Map<String, Route> routes) {
        Optional<Long> pid = process.pid();
        if (pid.isEmpty()) {
            NginxFiles.write(files.routesText(), RoutesText.render(routes));
            process.start(installation.proxyHttpPort(), installation.proxyHttpsPort());
        } else if (!Files.exists(files.adminSocket())) {
            process.reload(installation.proxyHttpPort(), installation.proxyHttpsPort());
        }
    }
}
