package dev.gantry.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.ExitCode;
import dev.gantry.LabCredentials;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The discovery contract against the real etcd that bin/env-up starts on 127.0.0.1:2379, read back
 * by a plain etcd client as another tool would; and etcd that is down or does not answer.
 */
class EtcdDiscoveryIT extends DiscoveryContract {
    static final String ETCD = LabCredentials.etcd().substring("etcd://".length());
    /** Another tool's view of etcd: a plain jetcd client, nothing of Gantry's. */
    private static Client raw;

    @BeforeAll
    static void connectRaw() {
        var builder = Client.builder().endpoints("http://" + ETCD);
        LabCredentials.etcdLogin().ifPresent(login -> builder.user(bytes(login.username())).password(bytes(login.password())));
        raw = builder.build();
    }

    @AfterAll
    static void closeRaw() {
        raw.close();
    }

    @Override
    Discovery open() {
        return Discovery.open("etcd://" + ETCD, null, LabCredentials.etcdLogin());
    }

    @Override
    void writeRaw(String key, String value) {
        answer(raw.getKVClient().put(bytes(key), bytes(value)));
    }

    @Override
    Optional<String> readRaw(String key) {
        return answer(raw.getKVClient().get(bytes(key))).getKvs().stream().findFirst()
                .map(found -> found.getValue().toString(UTF_8));
    }

    @Override
    void deleteRaw(String prefix) {
        answer(raw.getKVClient().delete(bytes(prefix), DeleteOption.builder().isPrefix(true).build()));
    }

    @Test
    void itSaysWhichEtcd() {
        assertThat(discovery().describe()).isEqualTo("etcd at " + ETCD);
    }

    @Test
    void aServiceHasExactlyTheDocumentedKeys() {
        String service = service();
        discovery().put(service, Colour.BLUE, BLUE);
        discovery().setLive(service, Colour.BLUE);

        String prefix = "/gantry/services/" + service + "/";
        List<KeyValue> found = answer(raw.getKVClient().get(bytes(prefix),
                GetOption.builder().isPrefix(true).build())).getKvs();
        assertThat(found).extracting(kv -> Map.entry(kv.getKey().toString(UTF_8), kv.getValue().toString(UTF_8)))
                .containsExactly(Map.entry(prefix + "colours/blue", CodecTest.BLUE_CANDIDATE_JSON),
                        Map.entry(prefix + "live", "blue"));
    }

    @Test
    void anotherToolWatchingAServiceSeesTheSwitch() {
        String service = service();
        String prefix = "/gantry/services/" + service + "/";
        long revision = answer(raw.getKVClient().get(bytes(prefix))).getHeader().getRevision();
        List<String> seen = new CopyOnWriteArrayList<>();
        WatchOption fromNow = WatchOption.builder().isPrefix(true).withRevision(revision + 1).build();
        Watch.Watcher watcher = raw.getWatchClient().watch(bytes(prefix), fromNow, response ->
                response.getEvents().forEach(event -> seen.add(event.getEventType() + " "
                        + event.getKeyValue().getKey().toString(UTF_8) + " "
                        + event.getKeyValue().getValue().toString(UTF_8))));
        try {
            discovery().put(service, Colour.GREEN, GREEN.withState(ColourState.LIVE));
            discovery().setLive(service, Colour.GREEN);
            discovery().clearLive(service);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen).containsExactly(
                    "PUT " + prefix + "colours/green " + Codec.encode(GREEN.withState(ColourState.LIVE)),
                    "PUT " + prefix + "live green",
                    "DELETE " + prefix + "live "));
        } finally {
            watcher.close();
        }
    }

    @Test
    void aClosedPortIsReportedAtOnceWithTheFix() throws IOException {
        int port = closedPort();
        Duration took = timed(() -> assertThatThrownBy(() -> Discovery.open("etcd://127.0.0.1:" + port, null))
                .isInstanceOfSatisfying(DiscoveryUnavailableException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
                    assertThat(e.address()).isEqualTo("127.0.0.1:" + port);
                    assertThat(e.getMessage()).startsWith("Cannot connect to etcd at 127.0.0.1:" + port + ": ")
                            .contains("refused").contains("bin/env-up").contains("GANTRY_DISCOVERY");
                }));
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theEtcdClientItselfGivesUpOnAClosedPortByTheDeadline() throws IOException {
        // What happens when etcd stops after discovery was opened: no probe, only jetcd and its retries.
        EtcdEndpoint stopped = new EtcdEndpoint("127.0.0.1", closedPort());
        Duration took = timed(() -> assertThatThrownBy(() -> EtcdKeyValues.connect(stopped, Duration.ofSeconds(1), Optional.empty()))
                .isInstanceOf(DiscoveryUnavailableException.class).hasMessageContaining("UNAVAILABLE"));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anEtcdThatAcceptsButNeverAnswersIsGivenUpOnAtTheDeadline() throws IOException {
        // The kernel accepts connections into the backlog; nothing ever reads or answers them.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EtcdEndpoint endpoint = new EtcdEndpoint("127.0.0.1", silent.getLocalPort());
            Duration took = timed(() -> assertThatThrownBy(() -> EtcdKeyValues.connect(endpoint, Duration.ofSeconds(1), Optional.empty()))
                    .isInstanceOf(DiscoveryUnavailableException.class).hasMessageContaining("no answer within 3 s"));
            assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
        }
    }

    @Test
    void theClientsThreadsAreDaemonsAndStopWhenClosed() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Discovery discovery = open();
        discovery.services();
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);

        assertThat(started).as("threads the etcd client started").isNotEmpty().allMatch(Thread::isDaemon);
        discovery.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(started).as("threads still alive after close").noneMatch(Thread::isAlive));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static <T> T answer(CompletableFuture<T> call) {
        try {
            return call.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("etcd at " + ETCD + " did not answer the test's own client", e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, UTF_8);
    }
}
