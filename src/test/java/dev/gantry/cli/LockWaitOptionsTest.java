package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LockWaitOptionsTest {
    @Test
    void aRunWaitsHalfAnHourUnlessToldOtherwise() {
        assertThat(wait("run", ".")).isEqualTo(Duration.ofMinutes(30));
        assertThat(wait("run", "--lock-timeout", "90s", ".")).isEqualTo(Duration.ofSeconds(90));
        assertThat(wait("deploy", "--lock-timeout=5m", "books-ms", "abc")).isEqualTo(Duration.ofMinutes(5));
        assertThat(wait("rollback", "--no-wait", "books-ms")).isZero();
    }

    @Test
    void noWaitAndATimeoutTogetherAreBadUsage() {
        assertThatThrownBy(() -> wait("run", "--no-wait", "--lock-timeout", "5m", "."))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void aTimeoutWithoutAUnitOrLongerThanADayIsBadUsage() {
        assertThatThrownBy(() -> wait("run", "--lock-timeout", "5", "."))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'5' should be a whole number and a unit, e.g. 90s, 5m or 1h (at most 24h)");
        assertThatThrownBy(() -> wait("run", "--lock-timeout", "25h", "."))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void anUnknownOptionThatLooksLikeNoWaitIsBadUsageWithTheSuggestionAndTheUsage() {
        var err = new ByteArrayOutputStream();
        var original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("run", "--no-such-option")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown option: '--no-such-option'")
                .contains("Possible solutions: --no-wait")
                .contains("Usage: gantry run");
    }

    @Test
    void lockStatusShowsSpansAsPeopleReadThem() {
        Instant t = Instant.parse("2026-11-26T19:40:02Z");
        assertThat(LockCommand.span(t, t.plusSeconds(25))).isEqualTo("25s");
        assertThat(LockCommand.span(t, t.plusSeconds(192))).isEqualTo("3m 12s");
        assertThat(LockCommand.span(t, t.plusSeconds(7500))).isEqualTo("2h 5m");
        assertThat(LockCommand.span(t.plusSeconds(1), t)).as("a clock a little behind").isEqualTo("0s");
    }

    private static Duration wait(String... args) {
        var parsed = new CommandLine(new Main()).parseArgs(args).subcommand().commandSpec().userObject();
        return switch (parsed) {
            case RunCommand run -> run.lock.lockWait();
            case DeployCommand deploy -> deploy.lock.lockWait();
            case RollbackCommand rollback -> rollback.lock.lockWait();
            default -> throw new AssertionError("not a command that takes a lock: " + parsed);
        };
    }
}
