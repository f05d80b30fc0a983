package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProductionStateTest {
    private static final TreeMap<String, String> DISCOVERY = new TreeMap<>(Map.of(
            "/gantry/services/it-1/live", "blue",
            "/gantry/services/it-1/colours/blue", "{\"release\":\"old\",\"instances\":[{\"host\":\"127.0.0.1\","
                    + "\"port\":32768,\"container\":\"it-1-blue-1\"},{\"host\":\"127.0.0.1\",\"port\":32769}]}"));

    @Test
    void theLiveAddressesAreThoseOfTheLiveColoursInstances() {
        assertThat(state(List.of()).liveAddresses()).containsExactly("127.0.0.1:32768", "127.0.0.1:32769");
    }

    @Test
    void aReadingThatSeesEveryPartMissesNothing() {
        assertThat(state(List.of("it-1 * /tiny 127.0.0.1:32768 127.0.0.1:32769")).unseen()).isEmpty();
    }

    @Test
    void aRouteTableWithoutTheLiveInstancesIsNotSeen() {
        assertThat(state(List.of("it-1 * /tiny 127.0.0.1:32768")).unseen()).singleElement().asString()
                .startsWith("the live instances [127.0.0.1:32768, 127.0.0.1:32769] in the route table");
    }

    private static ProductionState state(List<String> routes) {
        return new ProductionState(List.of("aaa it-1-blue-1 reg/it-1:old running {}"), routes, DISCOVERY,
                List.of("111 reg/it-1:old"), List.of("it-1:old"), List.of(), Optional.empty(), "200 release=old");
    }
}
