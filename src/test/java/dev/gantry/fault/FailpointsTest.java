package dev.gantry.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FailpointsTest {
    @Test
    void readsPointsAndActionsAndRefusesAnUnknownAction() {
        assertThat(Failpoints.parse("deploy=engine, switch.routed=pause;test=FAIL"))
                .containsExactly(Map.entry("deploy", Action.ENGINE), Map.entry("switch.routed", Action.PAUSE),
                        Map.entry("test", Action.FAIL));
        assertThat(Failpoints.parse(null)).isEmpty();
        assertThatThrownBy(() -> Failpoints.parse("deploy=explode")).hasMessageContaining("unknown action \"explode\"");
        assertThatThrownBy(() -> Failpoints.parse("deploy")).hasMessageContaining("should be point=action");
    }

    @Test
    void aFailingPointThrowsWhereItIsReachedAndOthersPass() {
        var failpoints = new Failpoints(Map.of("register", Action.FAIL));

        failpoints.at("deploy");

        assertThatThrownBy(() -> failpoints.at("register")).isInstanceOf(InjectedFailureException.class)
                .hasMessageContaining("failpoint register failed there");
    }

    @Test
    void aDependencyFaultHitsOnlyTheArmedStagesThreadAndTheThreadsItStarts() throws Exception {
        var failpoints = new Failpoints(Map.of("build", Action.ENGINE));
        var besideIt = new AtomicReference<Throwable>();
        var startedByIt = new AtomicReference<Throwable>();
        var inIt = new AtomicReference<Throwable>();
        var notArmed = new AtomicReference<Throwable>();

        Thread test = Thread.ofVirtual().start(() -> {
            failpoints.start("test");
            besideIt.set(caught(() -> failpoints.check(Action.ENGINE, () -> new IllegalStateException("engine down"))));
        });
        Thread build = Thread.ofVirtual().start(() -> {
            failpoints.start("build");
            inIt.set(caught(() -> failpoints.check(Action.ENGINE, () -> new IllegalStateException("engine down"))));
            notArmed.set(caught(() -> failpoints.check(Action.DISCOVERY, () -> new IllegalStateException("not armed"))));
            Thread child = Thread.ofVirtual().start(() ->
                    startedByIt.set(caught(() -> failpoints.check(Action.ENGINE, () -> new IllegalStateException("engine down")))));
            join(child);
        });
        test.join();
        build.join();

        assertThat(inIt.get()).as("the armed stage").hasMessage("engine down");
        assertThat(notArmed.get()).as("a dependency the stage is not armed with").isNull();
        assertThat(besideIt.get()).as("a stage running beside the armed one").isNull();
        assertThat(startedByIt.get()).as("a thread the armed stage started").hasMessage("engine down");
        failpoints.check(Action.ENGINE, () -> new IllegalStateException("this thread runs no stage"));
    }

    private static Throwable caught(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
