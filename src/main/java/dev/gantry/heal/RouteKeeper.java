package dev.gantry.heal;

import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.HealthCheck;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.LockHeldException;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Runs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registrator's part of Gantry (docs/swarm.md#routes-follow-the-replicas): keeps each live colour's
 * record in discovery and its route in the proxy equal to its replicas that run and answer their health
 * check. A replica that stopped (killed, crashed, its node gone) leaves the route at the next look; a replica
 * the orchestrator started instead (Swarm's restart, on this node or another) joins it once healthy. Every
 * look is a full listing, so a missed change is made up at the next one. A service with a run in progress
 * (its deploy lock held) is left to the run; a colour with no replica running keeps its route (nothing
 * better to send its requests to) until one runs again.
 */
public final class RouteKeeper {
    /** How long one health check of a new replica may take. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    private final Production production;
    private final DeployLocks locks;
    private final Runs runs;
    private final HealthCheck health;
    private final LogSink log;

    public RouteKeeper(Production production, DeployLocks locks, Runs runs, HealthCheck health, LogSink log) {
        this.production = production;
        this.locks = locks;
        this.runs = runs;
        this.health = health;
        this.log = log;
    }

    /** One look at every live service; answers the services whose routes it changed. */
    public List<String> look() {
        List<String> changed = new ArrayList<>();
        for (String service : production.discovery().services()) {
            if (keep(service)) {
                changed.add(service);
            }
        }
        return changed;
    }

    /** Brings one service's live colour in line with its running replicas; answers whether anything changed. */
    private boolean keep(String service) {
        Optional<Colour> live = production.discovery().live(service);
        if (live.isEmpty()) {
            return false;
        }
        Colour colour = live.get();
        Optional<ColourRecord> record = production.discovery().colour(service, colour);
        if (record.isEmpty()) {
            return false;
        }
        List<Instance> wanted = healthy(service, record.get(),
                production.orchestrator().running(production.installation(), service, colour));
        if (wanted.isEmpty() || addresses(wanted).equals(addresses(record.get().instances()))) {
            return false;
        }
        try (var held = locks.acquire(service, "gantry watch: routes follow the replicas", Duration.ZERO, holder -> { })) {
            return apply(service, colour, wanted);
        } catch (LockHeldException runInProgress) {
            return false;  // the run in progress sets the routes; the next look sees what it left
        }
    }

    /** Under the lock: what discovery says now, and the change if it is still wanted. */
    private boolean apply(String service, Colour colour, List<Instance> wanted) {
        if (production.discovery().live(service).filter(colour::equals).isEmpty()) {
            return false;
        }
        ColourRecord before = production.discovery().colour(service, colour).orElse(null);
        Route route = production.proxy().routes().get(service);
        if (before == null || route == null || addresses(wanted).equals(addresses(before.instances()))) {
            return false;
        }
        production.proxy().route(route.withBackends(wanted.stream().map(i -> new Backend(i.host(), i.port())).toList()));
        production.discovery().put(service, colour, before.withInstances(wanted));
        log.line(service + " " + colour.word() + ": routes follow the replicas: " + difference(before.instances(), wanted));
        return true;
    }

    /** The running replicas that may take requests: those routed already, and new ones that answer their health check. */
    private List<Instance> healthy(String service, ColourRecord record, List<Instance> running) {
        Set<String> routed = addresses(record.instances());
        List<Instance> healthy = new ArrayList<>();
        String path = null;
        for (Instance replica : running) {
            if (routed.contains(address(replica))) {
                healthy.add(replica);
                continue;
            }
            path = path != null ? path : healthPath(service, record.release());
            int status = health.status("http://" + address(replica) + path, CHECK_TIMEOUT);
            if (status >= 200 && status < 300) {
                healthy.add(replica);
            }
        }
        return healthy;
    }

    /** The health path of the live release, from the gantry.yml of the run that made it live; /health if none is found. */
    private String healthPath(String service, String release) {
        return runs.releases(service, 20).stream()
                .filter(run -> run.commit().equals(release))
                .map(RunRecord::config).flatMap(Optional::stream)
                .findFirst()
                .map(yaml -> ServiceConfig.parse(yaml, "gantry.yml").run().health().path())
                .orElse("/health");
    }

    private static String difference(List<Instance> before, List<Instance> after) {
        Map<String, Instance> was = before.stream().collect(Collectors.toMap(RouteKeeper::address, i -> i, (a, b) -> a));
        Map<String, Instance> now = after.stream().collect(Collectors.toMap(RouteKeeper::address, i -> i, (a, b) -> a));
        List<String> changes = new ArrayList<>();
        now.forEach((address, replica) -> {
            if (!was.containsKey(address)) {
                changes.add("+" + address + " (" + replica.container() + ")");
            }
        });
        was.forEach((address, replica) -> {
            if (!now.containsKey(address)) {
                changes.add("-" + address + " (" + replica.container() + ")");
            }
        });
        return String.join(", ", changes);
    }

    private static Set<String> addresses(List<Instance> instances) {
        return instances.stream().map(RouteKeeper::address).collect(Collectors.toSet());
    }

    private static String address(Instance instance) {
        return instance.host() + ":" + instance.port();
    }
}
