package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every discovery backend does, written once: {@code EmbeddedDiscoveryTest} runs it against
 * a temporary SQLite store, {@code EtcdDiscoveryIT} against the real etcd. Each test uses service
 * names of its own and deletes their keys afterwards, so a shared etcd is fine.
 */
abstract class DiscoveryContract {
    static final ColourRecord BLUE = CodecTest.BLUE_CANDIDATE;
    static final ColourRecord GREEN = new ColourRecord("9e8d7c6", "127.0.0.1:5000/books-ms:9e8d7c6",
            ColourState.CANDIDATE, List.of(new Instance("127.0.0.1", 40001, "books-ms-green-1")));

    private final List<String> services = new ArrayList<>();
    private Discovery discovery;

    /** Opens the backend under test; called before each test. */
    abstract Discovery open();

    /** Releases what {@link #open()} needed besides discovery itself (closed already). */
    void release() {
    }

    /** Writes a key directly, as another tool would. */
    abstract void writeRaw(String key, String value);

    /** Reads a key directly, as another tool would. */
    abstract Optional<String> readRaw(String key);

    /** Deletes every key under a prefix directly. */
    abstract void deleteRaw(String prefix);

    /** A service name no other test or run uses. */
    String service() {
        String service = "books-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        services.add(service);
        services.add(service + "-ms");
        return service;
    }

    /** The backend of this test. */
    Discovery discovery() {
        return discovery;
    }

    @BeforeEach
    void openDiscovery() {
        discovery = open();
    }

    @AfterEach
    void deleteTheKeysOfThisTestAndClose() {
        try {
            services.forEach(service -> deleteRaw(Codec.servicePrefix(service)));
        } finally {
            discovery.close();
            release();
        }
    }

    @Test
    void aServiceNeverRegisteredHasNothing() {
        String service = service();
        assertThat(discovery().live(service)).isEmpty();
        assertThat(discovery().colour(service, Colour.BLUE)).isEmpty();
        assertThat(discovery().colours(service)).isEmpty();
        assertThat(discovery().services()).doesNotContain(service);
    }

    @Test
    void aColourReadsBackAsRegistered() {
        String service = service();
        discovery().put(service, Colour.BLUE, BLUE);

        assertThat(discovery().colour(service, Colour.BLUE)).contains(BLUE);
        assertThat(discovery().colour(service, Colour.GREEN)).isEmpty();
        assertThat(discovery().live(service)).as("registering is not going live").isEmpty();
    }

    @Test
    void theStoredKeysAndValuesAreTheDocumentedOnes() {
        String service = service();
        discovery().put(service, Colour.BLUE, BLUE);
        discovery().setLive(service, Colour.GREEN);

        String json = CodecTest.BLUE_CANDIDATE_JSON;
        assertThat(readRaw("/gantry/services/" + service + "/colours/blue")).contains(json);
        assertThat(readRaw("/gantry/services/" + service + "/live")).contains("green");
    }

    @Test
    void registeringAgainReplacesTheRecord() {
        String service = service();
        discovery().put(service, Colour.BLUE, BLUE);
        discovery().put(service, Colour.BLUE, BLUE.withState(ColourState.LIVE));

        assertThat(discovery().colour(service, Colour.BLUE)).contains(BLUE.withState(ColourState.LIVE));
    }

    @Test
    void theLivePointerMovesAndClears() {
        String service = service();
        discovery().setLive(service, Colour.BLUE);
        assertThat(discovery().live(service)).contains(Colour.BLUE);

        discovery().setLive(service, Colour.GREEN);
        assertThat(discovery().live(service)).contains(Colour.GREEN);

        discovery().clearLive(service);
        assertThat(discovery().live(service)).isEmpty();
        discovery().clearLive(service);
        assertThat(discovery().live(service)).isEmpty();
    }

    @Test
    void coloursHoldsEveryRegisteredColourBlueFirst() {
        String service = service();
        discovery().put(service, Colour.GREEN, GREEN);
        discovery().put(service, Colour.BLUE, BLUE.withState(ColourState.DRAINING));

        assertThat(discovery().colours(service)).containsExactly(
                entry(Colour.BLUE, BLUE.withState(ColourState.DRAINING)), entry(Colour.GREEN, GREEN));
    }

    @Test
    void removeDeregistersOneColourAndLeavesTheLivePointer() {
        String service = service();
        discovery().put(service, Colour.BLUE, BLUE.withState(ColourState.LIVE));
        discovery().put(service, Colour.GREEN, GREEN);
        discovery().setLive(service, Colour.BLUE);

        discovery().remove(service, Colour.GREEN);
        assertThat(discovery().colours(service)).containsOnlyKeys(Colour.BLUE);
        assertThat(discovery().live(service)).contains(Colour.BLUE);

        discovery().remove(service, Colour.GREEN);
        assertThat(discovery().colour(service, Colour.GREEN)).isEmpty();
    }

    @Test
    void servicesListsEveryServiceWithAKeySortedOnce() {
        String onlyLive = service();
        String onlyColour = service();
        discovery().setLive(onlyLive, Colour.BLUE);
        discovery().put(onlyColour, Colour.BLUE, BLUE);
        discovery().put(onlyColour, Colour.GREEN, GREEN);

        List<String> listed = discovery().services();
        assertThat(listed).contains(onlyLive, onlyColour).doesNotHaveDuplicates().isSorted();

        discovery().remove(onlyColour, Colour.BLUE);
        discovery().remove(onlyColour, Colour.GREEN);
        assertThat(discovery().services()).contains(onlyLive).doesNotContain(onlyColour);
    }

    @Test
    void allLiveHasEachServiceWhoseLiveColourIsRegisteredWithThatRecord() {
        String blueLive = service();
        String greenLive = service();
        String liveUnregistered = service();
        String notLive = service();
        discovery().put(blueLive, Colour.BLUE, BLUE);
        discovery().put(blueLive, Colour.GREEN, GREEN);
        discovery().setLive(blueLive, Colour.BLUE);
        discovery().put(greenLive, Colour.BLUE, BLUE);
        discovery().put(greenLive, Colour.GREEN, GREEN);
        discovery().setLive(greenLive, Colour.GREEN);
        discovery().put(liveUnregistered, Colour.BLUE, BLUE);
        discovery().setLive(liveUnregistered, Colour.GREEN);
        discovery().put(notLive, Colour.BLUE, BLUE);

        var live = discovery().allLive();

        assertThat(live).containsEntry(blueLive, new LiveColour(Colour.BLUE, BLUE))
                .containsEntry(greenLive, new LiveColour(Colour.GREEN, GREEN))
                .doesNotContainKeys(liveUnregistered, notLive);
        writeRaw("/gantry/services/" + notLive + "/live", "purple");
        assertThatThrownBy(() -> discovery().allLive()).isInstanceOf(DiscoveryDataException.class)
                .hasMessageContaining("/gantry/services/" + notLive + "/live");
    }

    @Test
    void servicesWhoseNamesStartAlikeDoNotInterfere() {
        String service = service();
        String longer = service + "-ms";
        discovery().put(service, Colour.BLUE, BLUE);
        discovery().setLive(service, Colour.BLUE);
        discovery().put(longer, Colour.GREEN, GREEN);

        assertThat(discovery().colours(service)).containsOnlyKeys(Colour.BLUE);
        assertThat(discovery().colours(longer)).containsOnlyKeys(Colour.GREEN);
        assertThat(discovery().live(longer)).isEmpty();

        discovery().clearLive(longer);
        discovery().remove(longer, Colour.BLUE);
        assertThat(discovery().live(service)).contains(Colour.BLUE);
        assertThat(discovery().colour(service, Colour.BLUE)).contains(BLUE);
    }

    @Test
    void aValueGantryDidNotWriteIsAnErrorNamingTheKey() {
        String service = service();
        String liveKey = "/gantry/services/" + service + "/live";
        String blueKey = "/gantry/services/" + service + "/colours/blue";
        writeRaw(liveKey, "purple");
        writeRaw(blueKey, "{\"release\":\"r\"");

        assertThatThrownBy(() -> discovery().live(service)).isInstanceOf(DiscoveryDataException.class)
                .hasMessageContaining(liveKey).hasMessageContaining("\"purple\"")
                .hasMessageContaining(discovery().describe());
        assertThatThrownBy(() -> discovery().colours(service)).isInstanceOf(DiscoveryDataException.class)
                .hasMessageContaining(blueKey).hasMessageContaining("not JSON");
    }

    @Test
    void keysOtherToolsAddUnderAServiceAreIgnored() {
        String service = service();
        discovery().put(service, Colour.BLUE, BLUE);
        writeRaw("/gantry/services/" + service + "/colours/red", "{}");
        writeRaw("/gantry/services/" + service + "/owner", "team-books");

        assertThat(discovery().colours(service)).containsOnlyKeys(Colour.BLUE);
        assertThat(discovery().services()).contains(service);
    }
}
