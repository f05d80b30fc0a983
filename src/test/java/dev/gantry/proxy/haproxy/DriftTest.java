package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static final Map<String, Route> ROUTES = Map.of("books",
            new Route("books", "/books", Optional.empty(), List.of(new Backend("127.0.0.1", 32001))));
    private static final Pools POOLS = new Pools(1, List.of(new Pool("be_1", "books", Bank.B)));

    @Test
    void repairsSlotsThatAGantryProcessLeftHalfSwitched() {
        ServerStats stats = new ServerStats(Map.of(
                "be_1/A1", new ServerStats.Slot("no check", 0, "127.0.0.1:32000"),
                "be_1/B1", new ServerStats.Slot("MAINT", 0, "127.0.0.1:1")));

        assertThat(Drift.between(ROUTES, POOLS, stats)).isEqualTo(new Drift(false, List.of(
                "set server be_1/A1 state maint",
                "set server be_1/B1 addr 127.0.0.1 port 32001",
                "set server be_1/B1 state ready")));
    }

    @Test
    void findsNothingToRepairWhenTheRuntimeMatches() {
        ServerStats stats = new ServerStats(Map.of(
                "be_1/A1", new ServerStats.Slot("MAINT", 0, "127.0.0.1:1"),
                "be_1/B1", new ServerStats.Slot("no check", 2, "127.0.0.1:32001")));

        assertThat(Drift.between(ROUTES, POOLS, stats)).isEqualTo(new Drift(false, List.of()));
    }

    @Test
    void needsAReloadWhenTheRunningProxyLacksASlot() {
        ServerStats stats = new ServerStats(Map.of("be_1/A1", new ServerStats.Slot("MAINT", 0, "127.0.0.1:1")));

        assertThat(Drift.between(ROUTES, POOLS, stats).needsReload()).isTrue();
    }
}
