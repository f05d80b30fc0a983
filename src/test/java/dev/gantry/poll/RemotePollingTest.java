package dev.gantry.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RemotePollingTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    @Test
    void aSlowRoundIsNeverOverlappedByTheNext() {
        var started = new AtomicInteger();
        var release = new CountDownLatch(1);
        var polling = new RemotePolling(() -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(10), log);
        try {
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> started.get() == 1);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> started.get() >= 3);
        } finally {
            polling.stop();
        }
    }

    @Test
    void aFailingRoundIsLoggedAndTheNextComesAnywayUntilStopped() {
        var rounds = new AtomicInteger();
        var polling = new RemotePolling(() -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("store closed while reading https://me:pw@git.example.com/x.git");
        }, Duration.ofMillis(10), log);
        await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 2);

        polling.stop();
        int afterStop = rounds.get();

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> rounds.get() == afterStop);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("warning: a polling round failed: store closed"
                + " while reading https://***@git.example.com/x.git").doesNotContain("pw@");
    }
}
