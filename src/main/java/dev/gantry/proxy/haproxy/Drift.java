package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the running HAProxy's server slots differ from what Gantry's files say (after a gantry
 * process died between a runtime change and writing its files): the runtime commands that repair
 * it, or that it needs a reload because a slot or section does not exist in it.
 */
record Drift(boolean needsReload, List<String> repairs) {

    static Drift between(Map<String, Route> routes, Pools pools, ServerStats stats) {
        List<String> repairs = new ArrayList<>();
        for (Pool pool : pools.pools()) {
            List<Backend> live = pool.isSpare() ? List.of() : routes.get(pool.service()).backends();
            for (Bank bank : List.of(Bank.A, Bank.B)) {
                for (int i = 1; i <= pools.slots(); i++) {
                    String name = pool.name() + "/" + bank.slot(i);
                    ServerStats.Slot slot = stats.slots().get(name);
                    if (slot == null) {
                        return new Drift(true, List.of());
                    }
                    boolean serving = bank == pool.live() && i <= live.size();
                    if (serving && !(slot.serving() && slot.address().equals(HaproxyConfig.address(live.get(i - 1))))) {
                        repairs.add(SlotCommands.address(name, live.get(i - 1)));
                        repairs.add("set server " + name + " state ready");
                    } else if (!serving && !slot.parked()) {
                        repairs.add("set server " + name + " state maint");
                    }
                }
            }
        }
        return new Drift(false, repairs);
    }
}
