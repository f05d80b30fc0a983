package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteTable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One service's route replaced: at runtime on its idle bank (an existing service) or in a spare
 * section (a new one); by a reload only when no spare is left or the route has more backends than
 * a bank has slots. The files are written once the running HAProxy has accepted the change.
 * {@code after} is the routing state once the change is made, whichever way it is made.
 */
record RouteChange(Rendering now, Route next, Rendering after, RuntimeRouting runtime) {

    /** The change from {@code now} to {@code next}. */
    static RouteChange of(Rendering now, Route next, HaproxyConfig.Listeners listeners, RuntimeRouting runtime) {
        return new RouteChange(now, next, after(now, next, listeners), runtime);
    }

    private static Rendering after(Rendering now, Route next, HaproxyConfig.Listeners listeners) {
        Map<String, Route> routes = new TreeMap<>(now.routes());
        routes.put(next.service(), next);
        Pools pools = now.pools();
        var pool = pools.of(next.service());
        boolean fits = next.backends().size() <= pools.slots();
        if (fits && pool.isPresent()) {
            return Rendering.of(listeners, routes, pools.with(pool.get().flipped()));
        }
        if (fits && pools.firstSpare().isPresent()) {
            return Rendering.of(listeners, routes, pools.with(pools.firstSpare().get().occupiedBy(next.service())));
        }
        Pools sized = pools.withSlotsFor(next.backends().size());
        Pools grown = sized.of(next.service()).map(p -> sized.with(p.flipped())).orElseGet(() -> sized.occupy(next.service()));
        return Rendering.of(listeners, routes, grown.withSpares());
    }

    /**
     * Ahead of the switch (prepare): has HAProxy check the configuration the change leads to, and points the idle
     * bank of a bank switch at the new backends. The idle bank serves nothing yet; a refused address fails here,
     * and the switch is then a single batch.
     */
    void prepare(HaproxyFiles files) {
        after.check(files);
        addressIdleBank();
    }

    /**
     * Makes the {@link #prepare}d change. The traffic moves before the files are written; the sessions on
     * {@code gone} backends are ended, the others drained.
     */
    void apply(HaproxyFiles files, RouteTable table, HaproxyProcess process, Set<Backend> gone) {
        var pool = now.pools().of(next.service());
        if (fits() && pool.isPresent()) {
            int liveCount = now.routes().get(next.service()).backends().size();
            runtime.switchBank(pool.get(), liveCount, next.backends(), now.maps(), after.maps());
            after.install(files, table);
            runtime.finishDrain(pool.get(), pool.get().live(), liveCount, gone);
        } else if (fits() && now.pools().firstSpare().isPresent()) {
            runtime.occupy(after.pools().of(next.service()).orElseThrow(), next.backends(), now.maps(), after.maps());
            after.install(files, table);
        } else {
            reload(files, table, process);
        }
    }

    /**
     * Whether this prepared change still applies as it is: HAProxy runs and its configuration on disk is still the
     * one it was prepared from (no other gantry process changed the routes since).
     */
    boolean stillApplies(HaproxyFiles files, HaproxyProcess process) {
        return process.pid().isPresent() && now.isOnDisk(files);
    }

    private void addressIdleBank() {
        var pool = now.pools().of(next.service());
        if (fits() && pool.isPresent()) {
            runtime.address(pool.get().name(), pool.get().live().other(), next.backends());
        }
    }

    private boolean fits() {
        return next.backends().size() <= now.pools().slots();
    }

    private void reload(HaproxyFiles files, RouteTable table, HaproxyProcess process) {
        after.install(files, table);
        try {
            process.reload();
        } catch (RuntimeException e) {
            now.write(files, table);
            throw e;
        }
    }
}
