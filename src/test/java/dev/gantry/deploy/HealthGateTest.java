package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.Wait;
import dev.gantry.config.HealthSpec;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health gate waits up to run/health/timeout, but a stopped deploy stage (its deadline passed) ends it at once. */
class HealthGateTest {
    private static final HealthSpec HEALTH = new HealthSpec("/health", Duration.ofSeconds(1), Duration.ofMinutes(5));
    private static final List<Instance> REPLICAS = List.of(new Instance("127.0.0.1", 32001, "books-ms-green-1"));

    private final RunningEngine engine = new RunningEngine();

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptDuringAHealthCheckEndsTheGateFailedInsteadOfWaitingOutTheTimeout() {
        var checks = new AtomicInteger();
        HealthCheck interruptedMidRequest = (url, timeout) -> {
            checks.incrementAndGet();
            Thread.currentThread().interrupt(); // as HealthCheck.http() leaves it when interrupted
            return -1;
        };
        long started = System.nanoTime();

        assertThatThrownBy(() -> new HealthGate(new ContainerReplicas(engine.engine()), interruptedMidRequest).await(REPLICAS, HEALTH, line -> { }))
                .isInstanceOf(Wait.Interrupted.class)
                .hasMessageStartingWith("interrupted while waiting for the health checks");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(checks).hasValue(1);
    }

    @Test
    void anInterruptedGateChecksNothing() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new HealthGate(new ContainerReplicas(engine.engine()), (url, timeout) -> 200).await(REPLICAS, HEALTH, line -> { }))
                .isInstanceOf(Wait.Interrupted.class)
                .hasMessageStartingWith("interrupted while waiting for the health checks");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aReplicaTheEngineRestartedAfterACrashFailsTheGateAtOnceWithItsOutput() {
        var restarted = new ContainerState("c1", "books-ms-green-1", "127.0.0.1:5000/books-ms:r2", Map.of(), true, "running",
                137, false, 2, Map.of(8080, 32001));
        Engine engine = (Engine) java.lang.reflect.Proxy.newProxyInstance(Engine.class.getClassLoader(),
                new Class<?>[] {Engine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "inspect" -> Optional.of(restarted);
                    case "logs" -> List.of("Exception in thread \"main\" java.lang.OutOfMemoryError");
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> new HealthGate(new ContainerReplicas(engine), (url, timeout) -> -1).await(REPLICAS, HEALTH, line -> { }))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("books-ms-green-1 stopped before it was healthy: it exited (exit code 137) and was restarted by the"
                        + " engine 2 time(s)")
                .satisfies(e -> assertThat(((DeployFailedException) e).lastLines()).containsExactly(
                        "Exception in thread \"main\" java.lang.OutOfMemoryError"));
    }
}
