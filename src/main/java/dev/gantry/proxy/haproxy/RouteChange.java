package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteTable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service's route replaced: at runtime on its idle bank (an existing service) or in a spare
 * section (a new one); by a reload only when no spare is left or the route has more backends than
 * a bank has slots. The files are written once the running HAProxy has accepted the change.
 */
record RouteChange(Rendering now, Route next, HaproxyConfig.Listeners listeners, RuntimeRouting runtime) {

    void apply(HaproxyFiles files, RouteTable table, HaproxyProcess process) {
        Map<String, Route> routes = new TreeMap<>(now.routes());
        routes.put(next.service(), next);
        Pools pools = now.pools();
        boolean fits = next.backends().size() <= pools.slots();
        var pool = pools.of(next.service());
        if (fits && pool.isPresent()) {
            Rendering after = Rendering.of(listeners, routes, pools.with(pool.get().flipped()));
            int liveCount = now.routes().get(next.service()).backends().size();
            atRuntime(after, files, () -> runtime.switchBank(pool.get(), liveCount, next.backends(), now.maps(), after.maps()));
            after.install(files, table);
            runtime.finishDrain(pool.get(), pool.get().live(), liveCount);
        } else if (fits && pools.firstSpare().isPresent()) {
            Pool spare = pools.firstSpare().get().occupiedBy(next.service());
            Rendering after = Rendering.of(listeners, routes, pools.with(spare));
            atRuntime(after, files, () -> runtime.occupy(spare, next.backends(), now.maps(), after.maps()));
            after.install(files, table);
        } else {
            reload(routes, files, table, process);
        }
    }

    private static void atRuntime(Rendering after, HaproxyFiles files, Runnable change) {
        after.check(files);
        try {
            change.run();
        } catch (RuntimeException e) {
            after.discard(files);
            throw e;
        }
    }

    private void reload(Map<String, Route> routes, HaproxyFiles files, RouteTable table, HaproxyProcess process) {
        Pools sized = now.pools().withSlotsFor(next.backends().size());
        Pools pools = sized.of(next.service()).map(p -> sized.with(p.flipped())).orElseGet(() -> sized.occupy(next.service()));
        Rendering after = Rendering.of(listeners, routes, pools.withSpares());
        after.write(files, table);
        try {
            process.reload();
        } catch (RuntimeException e) {
            now.write(files, table);
            throw e;
        }
    }
}
