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
 */
record RouteChange(Rendering now, Route next, HaproxyConfig.Listeners listeners, RuntimeRouting runtime) {

    /** The routing state once the change is made, whichever way it is made. */
    Rendering after() {
        Pools pools = now.pools();
        var pool = pools.of(next.service());
        if (fits() && pool.isPresent()) {
            return Rendering.of(listeners, routes(), pools.with(pool.get().flipped()));
        }
        if (fits() && pools.firstSpare().isPresent()) {
            return Rendering.of(listeners, routes(), pools.with(pools.firstSpare().get().occupiedBy(next.service())));
        }
        Pools sized = pools.withSlotsFor(next.backends().size());
        Pools grown = sized.of(next.service()).map(p -> sized.with(p.flipped())).orElseGet(() -> sized.occupy(next.service()));
        return Rendering.of(listeners, routes(), grown.withSpares());
    }

    /**
     * Makes the change; {@code checked} is a configuration {@code haproxy -c} accepted before (by
     * prepare), which need not be validated again. The traffic moves before the files are written; the
     * sessions on {@code gone} backends are ended, the others drained.
     */
    void apply(HaproxyFiles files, RouteTable table, HaproxyProcess process, String checked, Set<Backend> gone) {
        Rendering after = after();
        if (!after.config().equals(checked)) {
            after.check(files);
        }
        Pools pools = now.pools();
        var pool = pools.of(next.service());
        if (fits() && pool.isPresent()) {
            int liveCount = now.routes().get(next.service()).backends().size();
            runtime.switchBank(pool.get(), liveCount, next.backends(), now.maps(), after.maps());
            after.install(files, table);
            runtime.finishDrain(pool.get(), pool.get().live(), liveCount, gone);
        } else if (fits() && pools.firstSpare().isPresent()) {
            runtime.occupy(after.pools().of(next.service()).orElseThrow(), next.backends(), now.maps(), after.maps());
            after.install(files, table);
        } else {
            reload(after, files, table, process);
        }
    }

    private boolean fits() {
        return next.backends().size() <= now.pools().slots();
    }

    private Map<String, Route> routes() {
        Map<String, Route> routes = new TreeMap<>(now.routes());
        routes.put(next.service(), next);
        return routes;
    }

    private void reload(Rendering after, HaproxyFiles files, RouteTable table, HaproxyProcess process) {
        after.install(files, table);
        try {
            process.reload();
        } catch (RuntimeException e) {
            now.write(files, table);
            throw e;
        }
    }
}
