package dev.gantry.proxy.haproxy;

import dev.gantry.config.Installation;
import dev.gantry.proxy.Certificate;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.proxy.Proxy;
import dev.gantry.proxy.RequestFeed;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteRules;
import dev.gantry.proxy.RouteTable;
import dev.gantry.proxy.RoutesLock;
import java.time.Duration;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HAProxy managed by Gantry. Routes change through the runtime API, with no reload: a service's
 * idle bank of server slots is addressed and put into rotation, then its live bank drains; a new
 * service takes a spare backend section. Only when the spares or slots run out does Gantry
 * reload HAProxy, which costs a few keep-alive requests (docs/proxy-haproxy.md).
 */
public final class HaproxyProxy implements Proxy {
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(30);
    /** A switch may wait 30 s for a drain; two of them queued still fit. */
    private static final Duration LOCK_DEADLINE = Duration.ofSeconds(90);

    private final Installation installation;
    private final HaproxyFiles files;
    private final RouteTable table;
    private final HaproxyProcess process;
    private final RoutesLock lock;
    private final RuntimeRouting runtime;

    /** The HAProxy of {@code installation}, whose files are in {@code proxyFiles()/haproxy}. */
    public HaproxyProxy(Installation installation) {
        this.installation = installation;
        this.files = HaproxyFiles.of(installation);
        this.table = new RouteTable(files.routes());
        this.process = new HaproxyProcess(files);
        this.lock = new RoutesLock(installation.proxyFiles(), LOCK_DEADLINE);
        this.runtime = new RuntimeRouting(process.admin(), files, DRAIN_DEADLINE);
    }

    @Override
    public void start() {
        lock.holding(() -> ensureRunning(true));
    }

    @Override
    public void route(Route route) {
        change(route, Optional.empty(), Set.of());
    }

    @Override
    public void reroute(Route route, Set<Backend> gone) {
        change(route, Optional.empty(), gone);
    }

    /**
     * Checks {@code route}, has {@code haproxy -c} validate the configuration it leads to (tens of ms, hundreds on
     * a busy machine) and points the idle bank at the new backends, so that the switch is one batch to HAProxy.
     * Applying it works it out again only if the routes changed in between (another gantry process routed
     * another service) or HAProxy no longer runs.
     */
    @Override
    public PreparedRoute prepare(Route route) {
        Optional<RouteChange> prepared = lock.holding(() -> {
            Rendering now = ensureRunning(false);
            Route next = checked(route, now);
            if (next.equals(now.routes().get(next.service()))) {
                return Optional.<RouteChange>empty();
            }
            RouteChange change = RouteChange.of(now, next, listeners(), runtime);
            change.prepare(files);
            return Optional.of(change);
        });
        return new PreparedRoute(route, () -> change(route, prepared, Set.of()));
    }

    /** The route change, {@code prepared} if it still applies; the sessions on {@code gone} backends are ended. */
    private void change(Route route, Optional<RouteChange> prepared, Set<Backend> gone) {
        lock.holding(() -> {
            Optional<RouteChange> current = prepared.filter(change -> change.stillApplies(files, process));
            if (current.isPresent()) {
                current.get().apply(files, table, process, gone);
                return null;
            }
            Rendering now = ensureRunning(false);
            Route next = checked(route, now);
            if (!next.equals(now.routes().get(next.service()))) {
                RouteChange change = RouteChange.of(now, next, listeners(), runtime);
                change.prepare(files);
                change.apply(files, table, process, gone);
            }
            return null;
        });
    }

    private static Route checked(Route route, Rendering now) {
        return BackendAddresses.resolved(RouteRules.check(route, now.routes(), "HAProxy", BackendAddresses::unresolved));
    }

    @Override
    public void unroute(String service) {
        lock.holding(() -> {
            Rendering now = ensureRunning(false);
            Route current = now.routes().get(service);
            if (current != null) {
                Map<String, Route> routes = new TreeMap<>(now.routes());
                routes.remove(service);
                Pool pool = now.pools().of(service).orElseThrow();
                Rendering after = Rendering.of(listeners(), routes, now.pools().with(pool.freed()));
                after.check(files);
                runtime.release(pool, current.backends().size(), now.maps(), after.maps());
                after.install(files, table);
            }
            return null;
        });
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
        return process.pid().map(pid -> "haproxy (managed, pid " + pid + ")").orElse("haproxy (managed, not running)");
    }

    @Override
    public RequestFeed requests() {
        return new RequestEvents(files.adminSocket());
    }

    @Override
    public void stop() {
        lock.holding(() -> {
            process.stop();
            return null;
        });
    }

    /** The pid of the running master, if it runs; for tests and diagnostics. */
    Optional<Long> pid() {
        return process.pid();
    }

    /**
     * Starts HAProxy from the files if it is not running; if it runs, makes it match them (a
     * runtime repair when {@code repair}, or a reload when its configuration differs). Returns the
     * state it applies. A route change skips the runtime repair, which {@link #start()} did moments
     * before: every query to the running HAProxy there is time between "switch" and the switch.
     */
    private Rendering ensureRunning(boolean repair) {
        files.checkUsable();
        Certificate.ensure(files.proxyDir());
        Map<String, Route> routes = table.read();
        Pools stored = Pools.read(files.pools());
        Pools consistent = stored.consistentWith(routes);
        if (process.pid().isEmpty()) {
            Rendering rendering = Rendering.of(listeners(), routes, consistent.withSpares());
            rendering.write(files, table);
            process.start(installation.proxyHttpPort(), installation.proxyHttpsPort());
            return rendering;
        }
        Rendering rendering = Rendering.of(listeners(), routes, consistent);
        if (consistent.equals(stored) && rendering.isOnDisk(files) && (!repair || runtime.repair(routes, consistent))) {
            return rendering;
        }
        Rendering reloaded = Rendering.of(listeners(), routes, consistent.withSpares());
        reloaded.write(files, table);
        process.reload();
        return reloaded;
    }

    private HaproxyConfig.Listeners listeners() {
        return new HaproxyConfig.Listeners(installation.proxyHttpPort(), installation.proxyHttpsPort(), files);
    }
}
