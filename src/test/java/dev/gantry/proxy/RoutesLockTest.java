package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesLockTest {
    @TempDir
    Path proxyDir;

    @Test
    void runsTheWorkHoldingTheFileBesideTheRouteTable() {
        String result = new RoutesLock(proxyDir.resolve("proxy"), Duration.ofSeconds(5)).holding(() -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(proxyDir.resolve("proxy/routes.lock")).exists();
    }

    @Test
    void aSecondChangeWaitsForTheFirstAndGivesUpAtItsDeadline() throws InterruptedException {
        RoutesLock first = new RoutesLock(proxyDir, Duration.ofSeconds(5));
        RoutesLock second = new RoutesLock(proxyDir, Duration.ofMillis(200));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> first.holding(() -> {
            held.countDown();
            awaitQuietly(release);
            return null;
        }));
        held.await();

        assertThatThrownBy(() -> second.holding(() -> "too early"))
                .isInstanceOf(ProxyUnavailableException.class)
                .hasMessageContaining("has held " + proxyDir.resolve("routes.lock"))
                .hasMessageEndingWith("while changing the proxy's routes; try again when it is done.");

        release.countDown();
        holder.join();
        assertThat(second.holding(() -> "after")).isEqualTo("after");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
