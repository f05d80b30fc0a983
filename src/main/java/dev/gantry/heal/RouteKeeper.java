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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The registrator's part of Gantry (docs/swarm.md#routes-follow-the-replicas): keeps each live colour's
 * record in discovery and its route in the proxy equal to its replicas that run and answer their health
 * check. A replica that stopped (killed, crashed, its node gone) leaves the route at the next look; one the
 * orchestrator still counts as running but that failed its health check {@value #FALL} looks in a row (its node
 * cut off, before Swarm notices) leaves too; a replica the orchestrator started instead (Swarm's restart, on this
 * node or another), or one that answers again, joins it once healthy. Every look is a full listing and checks
 * every replica at once, so a missed change is made up at the next one. A service with a run in progress (its
 * deploy lock held) is left to the run; a colour with no replica running and healthy keeps its route (nothing
 * better to send its requests to) until one is.
 */
public final class RouteKeeper {
    /** How long one health check of a replica may take. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    /** How many looks in a row a routed replica may fail its health check before it leaves the route. */
    static final int FALL = 2;

    private final Production production;
    private final DeployLocks locks;
    private final Runs runs;
    private final HealthCheck health;
    private final LogSink log;
    /** Per service, its routed replicas (host:port) that failed their last health checks, and how many in a row. */
    private final Map<String, Map<String, Integer>> failing = new ConcurrentHashMap<>();

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
        List<String> services = production.discovery().services();
        failing.keySet().retainAll(services);
        for (String service : services) {
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
        Set<Backend> gone = before.instances().stream().filter(i -> !addresses(wanted).contains(address(i)))
                .map(RouteKeeper::backend).collect(Collectors.toSet());
        production.proxy().reroute(route.withBackends(wanted.stream().map(RouteKeeper::backend).toList()), gone);
        production.discovery().put(service, colour, before.withInstances(wanted));
        log.line(service + " " + colour.word() + ": routes follow the replicas: " + difference(before.instances(), wanted));
        return true;
    }

    /**
     * The running replicas that may take requests: a new one once it answers its health check, a routed one until it
     * failed {@value #FALL} checks in a row. All are checked at once, so replicas on a node that does not answer
     * cost one timeout, not one each.
     */
    private List<Instance> healthy(String service, ColourRecord record, List<Instance> running) {
        Set<String> routed = addresses(record.instances());
        String path = healthPath(service, record.release());
        Map<Instance, Future<Boolean>> answers = new LinkedHashMap<>();
        try (var checks = Executors.newVirtualThreadPerTaskExecutor()) {
            running.forEach(replica -> answers.put(replica, checks.submit(() -> answers("http://" + address(replica) + path))));
        }
        Map<String, Integer> missed = failing.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
        missed.keySet().retainAll(addresses(running));
        List<Instance> healthy = new ArrayList<>();
        answers.forEach((replica, answered) -> {
            String address = address(replica);
            if (answered.resultNow()) {
                missed.remove(address);
                healthy.add(replica);
            } else if (routed.contains(address) && missed.merge(address, 1, Integer::sum) < FALL) {
                healthy.add(replica);  // one missed check is not yet a dead replica
            }
        });
        return healthy;
    }

    private boolean answers(String url) {
        try {
            return HealthCheck.passed(health.status(url, CHECK_TIMEOUT));
        } catch (RuntimeException e) {
            return false;  // a check that could not be made is a check not passed
        }
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

    private static Backend backend(Instance instance) {
        return new Backend(instance.host(), instance.port());
    }

    private static Set<String> addresses(List<Instance> instances) {
        return instances.stream().map(RouteKeeper::address).collect(Collectors.toSet());
    }

    private static String address(Instance instance) {
        return instance.host() + ":" + instance.port();
    }
}
