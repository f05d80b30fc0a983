package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProductionChangesTest {
    private static final String COMMIT = "c0ffee";
    private static final ProductionState BEFORE = new ProductionState(
            List.of("aaa it-1-blue-1 reg/it-1:old running {gantry.colour=blue}"),
            List.of("server be_1/A1 127.0.0.1:32768 ready op=2 weight=1", "map routes.map /tiny be_1"),
            new TreeMap<>(Map.of("/gantry/services/it-1/live", "blue")),
            List.of("111 reg/it-1:old"), List.of("it-1:old"), List.of(), Optional.empty(), "200 release=old colour=blue");

    @Test
    void theSameProductionHasNoChange() {
        assertThat(ProductionChanges.between(BEFORE, BEFORE, COMMIT)).isEmpty();
    }

    @Test
    void theRunsOwnImagesAndTagsAreNoChange() {
        var after = with(List.of("111 reg/it-1:old", "222 reg/it-1-test:" + COMMIT + ",reg/it-1:" + COMMIT),
                List.of("it-1-test:" + COMMIT, "it-1:" + COMMIT, "it-1:old"));

        assertThat(ProductionChanges.between(BEFORE, after, COMMIT)).isEmpty();
        assertThat(ProductionChanges.added(BEFORE, after)).isEqualTo(3);
    }

    @Test
    void anImageGoneAnUntaggedOneOrATagOfAnotherCommitIsAChange() {
        var after = with(List.of("333 -"), List.of("it-1:old", "it-1:other"));

        assertThat(ProductionChanges.between(BEFORE, after, COMMIT)).containsExactly(
                "images: gone [111 reg/it-1:old], new and not of the run's commit [333 -]",
                "registry tags: gone [], new and not of the run's commit [it-1:other]");
    }

    @Test
    void aContainerRouteOrKeyThatDiffersIsNamed() {
        var after = new ProductionState(List.of("aaa it-1-blue-1 reg/it-1:old exited {gantry.colour=blue}"),
                List.of("server be_1/A1 parked", "map routes.map /tiny be_1"), new TreeMap<>(),
                BEFORE.images(), BEFORE.registryTags(), List.of(), Optional.empty(), "503 no route");

        assertThat(ProductionChanges.between(BEFORE, after, COMMIT)).containsExactly(
                "containers: gone [aaa it-1-blue-1 reg/it-1:old running {gantry.colour=blue}],"
                        + " new [aaa it-1-blue-1 reg/it-1:old exited {gantry.colour=blue}]",
                "proxy route table: gone [server be_1/A1 127.0.0.1:32768 ready op=2 weight=1], new [server be_1/A1 parked]",
                "discovery keys: gone [/gantry/services/it-1/live=blue], new []",
                "answer through the proxy: gone [200 release=old colour=blue], new [503 no route]");
    }

    @Test
    void anUnfinishedJournalOrAHeldLeaseIsAChangeEvenWhenItWasSoBefore() {
        var after = new ProductionState(BEFORE.containers(), BEFORE.routes(), BEFORE.discovery(), BEFORE.images(),
                BEFORE.registryTags(), List.of(7L), Optional.of("root@host pid 12 run 7 (run of it-1)"),
                BEFORE.throughProxy());

        assertThat(ProductionChanges.between(after, after, COMMIT)).containsExactly(
                "journal: unfinished runs [7]", "lease: still held by root@host pid 12 run 7 (run of it-1)");
    }

    private static ProductionState with(List<String> images, List<String> tags) {
        return new ProductionState(BEFORE.containers(), BEFORE.routes(), BEFORE.discovery(), images, tags,
                List.of(), Optional.empty(), BEFORE.throughProxy());
    }
}
