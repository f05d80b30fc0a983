package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolsTest {

    @Test
    void startsWithSparesOnlyAndKeepsEightSpares() {
        Pools pools = Pools.initial().occupy("books").withSpares();

        assertThat(pools.pools()).hasSize(9).first().isEqualTo(new Pool("be_1", "books", Bank.A));
        assertThat(pools.pools().getLast().name()).isEqualTo("be_9");
        assertThat(pools.slots()).isEqualTo(16);
    }

    @Test
    void fitsTheRoutesFreeingSectionsOfUnroutedServicesAndGrowingTheBanks() {
        Pools stored = new Pools(16, List.of(new Pool("be_1", "gone", Bank.B), new Pool("be_2", "books", Bank.B)));
        Map<String, Route> routes = Map.of(
                "books", route("books", 1),
                "shop", route("shop", 20));

        Pools fitted = stored.consistentWith(routes);

        assertThat(fitted.slots()).isEqualTo(32);
        assertThat(fitted.pools()).startsWith(Pool.spare("be_1").occupiedBy("shop"), new Pool("be_2", "books", Bank.B));
    }

    @Test
    void survivesAWriteAndARead(@TempDir Path dir) {
        Pools pools = Pools.initial().occupy("books").with(new Pool("be_1", "books", Bank.B));

        pools.write(dir.resolve("pools.json"));

        assertThat(Pools.read(dir.resolve("pools.json"))).isEqualTo(pools);
    }

    private static Route route(String service, int replicas) {
        return new Route(service, "/" + service, Optional.empty(),
                Collections.nCopies(replicas, new Backend("127.0.0.1", 9000)));
    }
}
