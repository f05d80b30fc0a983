package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries against channels that fail, without waiting: the pauses are recorded, not slept. */
class DeliveryTest {
    @TempDir
    Path home;

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void aChannelThatFailsTwiceTakesTheThirdAttemptAfterPausesOfOneAndTwoSeconds() throws IOException {
        var flaky = new RecordingChannel("webhook http://hooks.example.com/…", 2);

        boolean delivered = delivery(RetryPolicy.STANDARD).deliver(Samples.failed(), flaky);

        assertThat(delivered).isTrue();
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(flaky.received()).containsExactly(Samples.failed());
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(warnings).containsExactly(
                "notification of run 8 (failed) to webhook http://hooks.example.com/…: attempt 1 of 3 failed: the"
                        + " receiver answered HTTP 500 (attempt 1); trying again in 1.0s (" + log() + ")",
                "notification of run 8 (failed) to webhook http://hooks.example.com/…: attempt 2 of 3 failed: the"
                        + " receiver answered HTTP 500 (attempt 2); trying again in 2.0s (" + log() + ")");
        assertThat(logLines()).containsExactly(
                "run 8 books-ms failed: webhook http://hooks.example.com/…: attempt 1 of 3 failed: the receiver"
                        + " answered HTTP 500 (attempt 1); trying again in 1.0s",
                "run 8 books-ms failed: webhook http://hooks.example.com/…: attempt 2 of 3 failed: the receiver"
                        + " answered HTTP 500 (attempt 2); trying again in 2.0s",
                "run 8 books-ms failed: webhook http://hooks.example.com/…: delivered on attempt 3 of 3");
    }

    @Test
    void aChannelThatKeepsFailingIsTriedThreeTimesThenGivenUpWithAWarning() throws IOException {
        var broken = new RecordingChannel("slack https://hooks.slack.com/…", Integer.MAX_VALUE);

        boolean delivered = delivery(RetryPolicy.STANDARD).deliver(Samples.succeeded(), broken);

        assertThat(delivered).isFalse();
        assertThat(broken.attempts()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(warnings).hasSize(3).last().asString()
                .isEqualTo("notification of run 7 (succeeded) to slack https://hooks.slack.com/…: attempt 3 of 3 failed:"
                        + " the receiver answered HTTP 500 (attempt 3); not sent (" + log() + ")");
        assertThat(logLines()).hasSize(3).last().asString().endsWith("attempt 3 of 3 failed: the receiver answered"
                + " HTTP 500 (attempt 3); not sent");
    }

    @Test
    void everyChannelIsToldEvenWhenAnotherFails() {
        var working = RecordingChannel.working("webhook http://a/…");
        var broken = new RecordingChannel("webhook http://b/…", Integer.MAX_VALUE);
        var alsoWorking = RecordingChannel.working("email to ops@example.com via mail:25");

        delivery(RetryPolicy.STANDARD).send(Samples.succeeded(), List.of(working, broken, alsoWorking));

        assertThat(working.received()).containsExactly(Samples.succeeded());
        assertThat(alsoWorking.received()).containsExactly(Samples.succeeded());
        assertThat(broken.attempts()).isEqualTo(3);
    }

    @Test
    void anUnexpectedErrorOfAChannelIsAFailedAttemptLikeAnyOther() {
        Channel throwing = new Channel() {
            @Override
            public String name() {
                return "webhook http://c/…";
            }

            @Override
            public void send(Notification notification, Duration timeout) {
                throw new IllegalStateException("a bug in a channel");
            }
        };

        assertThat(delivery(RetryPolicy.STANDARD).deliver(Samples.succeeded(), throwing)).isFalse();
        assertThat(warnings).hasSize(3).allMatch(w -> w.contains("failed: a bug in a channel") && !w.contains("Exception"));
    }

    @Test
    void aChannelThatHangsIsGivenUpAtTheDeadline() {
        var policy = new RetryPolicy(1, List.of(), Duration.ofMillis(50), Duration.ofMillis(300));
        var never = new CountDownLatch(1);
        Channel hanging = new Channel() {
            @Override
            public String name() {
                return "webhook http://slow/…";
            }

            @Override
            public void send(Notification notification, Duration timeout) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw new DeliveryException("interrupted");
                }
            }
        };
        long started = System.nanoTime();

        delivery(policy).send(Samples.succeeded(), List.of(hanging));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(warnings).anyMatch(w -> w.contains("to webhook http://slow/…: gave up waiting after 0.3s; not sent"));
    }

    private Delivery delivery(RetryPolicy policy) {
        return new Delivery(policy, pauses::add, new NotificationLog(log(), warnings::add), warnings::add);
    }

    private Path log() {
        return home.resolve("logs/notifications.log");
    }

    /** The log's lines without their time stamps. */
    private List<String> logLines() throws IOException {
        return Files.readAllLines(log()).stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }
}
