package dev.gantry.proxy.haproxy;

import dev.gantry.Wait;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Route changes applied to the running HAProxy through its runtime API, without a reload: the
 * idle bank is addressed first (a refused address changes nothing that serves; a prepared switch does
 * this before the switch stage), then one batch puts it into rotation, replaces the maps and drains the
 * live bank.
 */
final class RuntimeRouting {
    private final RuntimeApi api;
    private final HaproxyFiles files;
    private final Duration drainDeadline;

    RuntimeRouting(RuntimeApi api, HaproxyFiles files, Duration drainDeadline) {
        this.api = api;
        this.files = files;
        this.drainDeadline = drainDeadline;
    }

    /**
     * Serves {@code pool}'s traffic from its idle bank at {@code backends} and drains the live
     * bank's first {@code liveCount} slots, in one batch; returns once new requests go to the new bank. The idle
     * bank was pointed at {@code backends} before ({@link #address}, which a refusal fails without changing what
     * serves); the batch points it again, for an HAProxy restarted in between.
     */
    void switchBank(Pool pool, int liveCount, List<Backend> backends, RouteMaps before, RouteMaps after) {
        Bank idle = pool.live().other();
        List<String> batch = new ArrayList<>(SlotCommands.address(pool.name(), idle, backends));
        batch.addAll(SlotCommands.ready(pool.name(), idle, backends.size()));
        batch.addAll(mapChanges(before, after));
        batch.addAll(SlotCommands.drain(pool.name(), pool.live(), liveCount));
        try {
            api.apply(batch);
        } catch (ProxyException e) {
            undo(SlotCommands.ready(pool.name(), pool.live(), liveCount), pool.name(), idle, backends.size(), before, after);
            throw e;
        }
    }

    /** Routes a new service to a spare {@code pool}, bank A. */
    void occupy(Pool pool, List<Backend> backends, RouteMaps before, RouteMaps after) {
        address(pool.name(), Bank.A, backends);
        List<String> batch = new ArrayList<>(SlotCommands.ready(pool.name(), Bank.A, backends.size()));
        batch.addAll(mapChanges(before, after));
        try {
            api.apply(batch);
        } catch (ProxyException e) {
            undo(List.of(), pool.name(), Bank.A, backends.size(), before, after);
            throw e;
        }
    }

    /** Takes a service's routes out of the maps (its requests get 404) and parks its slots. */
    void release(Pool pool, int liveCount, RouteMaps before, RouteMaps after) {
        api.apply(mapChanges(before, after));
        api.apply(SlotCommands.park(pool.name(), pool.live(), liveCount));
    }

    /**
     * Ends the sessions of the drained slots whose backend is {@code gone}, waits until the others have no session
     * left, or the drain deadline, then parks them. The switch is done already: if HAProxy does not answer here, the
     * next start() parks them.
     */
    void finishDrain(Pool pool, Bank drained, int count, Set<Backend> gone) {
        List<String> names = SlotCommands.names(pool.name(), drained, count);
        try {
            if (!gone.isEmpty()) {
                Set<String> addresses = gone.stream().map(b -> b.host() + ":" + b.port()).collect(Collectors.toSet());
                ServerStats stats = ServerStats.parse(api.send(List.of(ServerStats.COMMAND)));
                api.apply(names.stream().filter(name -> stats.slots().containsKey(name)
                        && addresses.contains(stats.slots().get(name).address()))
                        .map(name -> "shutdown sessions server " + name).toList());
            }
            Wait.soon("the drained sessions to end", Duration.ofMillis(20), drainDeadline).until(() -> sessions(names), left -> left == 0);  // past the deadline, the sessions left are cut
            api.apply(SlotCommands.park(pool.name(), drained, count));
        } catch (ProxyException repairedByStart) {
            // drained slots get no new request; parking them is tidiness, not routing
        }
    }

    private int sessions(List<String> names) {
        return ServerStats.parse(api.send(List.of(ServerStats.COMMAND))).sessions(names);
    }

    /** The commands that replace each map whose entries change, atomically (prepare, add, commit). */
    List<String> mapChanges(RouteMaps before, RouteMaps after) {
        List<String> commands = new ArrayList<>(changes(files.routesMap(), before.paths(), after.paths()));
        commands.addAll(changes(files.hostsMap(), before.hosts(), after.hosts()));
        return commands;
    }

    /**
     * Makes the running HAProxy match the files after a gantry process died half-way: repairs
     * slots and maps at runtime, or answers false when it lacks a slot and needs a reload.
     */
    boolean repair(Map<String, Route> routes, Pools pools) {
        Drift drift = Drift.between(routes, pools, ServerStats.parse(api.send(List.of(ServerStats.COMMAND))));
        if (drift.needsReload()) {
            return false;
        }
        api.apply(drift.repairs());
        RouteMaps wanted = RouteMaps.of(routes, pools);
        List<String> maps = new ArrayList<>(changes(files.routesMap(), shown(files.routesMap()), wanted.paths()));
        maps.addAll(changes(files.hostsMap(), shown(files.hostsMap()), wanted.hosts()));
        api.apply(maps);
        return true;
    }

    private List<RouteMaps.Entry> shown(Path map) {
        return SlotCommands.parseMap(api.send(List.of("show map " + map)));
    }

    private List<String> changes(Path map, List<RouteMaps.Entry> before, List<RouteMaps.Entry> after) {
        return before.equals(after) ? List.of() : replace(map.toString(), after);
    }

    private List<String> replace(String file, List<RouteMaps.Entry> entries) {
        String answer = api.send(List.of("prepare map " + file));
        OptionalInt version = RuntimeAnswer.preparedVersion(answer);
        if (version.isEmpty()) {
            throw new ProxyException("HAProxy did not prepare a new version of the map " + file + ": " + answer.strip());
        }
        return SlotCommands.replaceMap(file, version.getAsInt(), entries);
    }

    /** Points the parked slots of {@code bank} at {@code backends}; refused, they are parked again. */
    void address(String pool, Bank bank, List<Backend> backends) {
        try {
            api.apply(SlotCommands.address(pool, bank, backends));
        } catch (ProxyException e) {
            api.send(SlotCommands.park(pool, bank, backends.size()));
            throw e;
        }
    }

    /** Best effort back to the state before a refused batch; the refusal is what the caller reports. */
    private void undo(List<String> restore, String pool, Bank bank, int count, RouteMaps before, RouteMaps after) {
        try {
            List<String> commands = new ArrayList<>(restore);
            commands.addAll(SlotCommands.park(pool, bank, count));
            commands.addAll(mapChanges(after, before));
            api.send(commands);
        } catch (ProxyException ignored) {
            // start() compares the runtime state with the files and repairs what is left
        }
    }
}
