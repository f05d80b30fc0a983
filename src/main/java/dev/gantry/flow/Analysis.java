package dev.gantry.flow;

import dev.gantry.Wait;
import dev.gantry.config.AnalysisSpec;
import dev.gantry.config.Durations;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import dev.gantry.store.RequestPeriod;
import dev.gantry.traffic.Regression;
import dev.gantry.traffic.ReleaseFigures;
import dev.gantry.traffic.RequestCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The analysis stage (docs/observability.md#rollback-on-regression), with {@code deploy/analysis} on and a release
 * live before: for the window after the switch the new release's request figures, as gantry server stores them
 * each period, are held against its limits and against what the previous release answered in as long before the
 * switch ({@link Regression}). A regression fails the stage, so the undo puts the previous colour, kept running
 * until now, back in the route.
 */
final class Analysis implements Step {
    private static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    /** How long after a period ends the collector has stored it (it stores each second). */
    private static final Duration STORED_WITHIN = Duration.ofSeconds(3);

    @Override
    public Stage stage() {
        return Stage.ANALYSIS;
    }

    @Override
    public boolean appliesTo(FlowRun run) {
        return run.config().deploy().analysis().on() && run.previous().isPresent();
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        AnalysisSpec spec = run.config().deploy().analysis();
        String service = run.service();
        Instant switched = run.switched();
        Colour old = run.previous().orElseThrow();
        Optional<String> oldRelease = run.production().discovery().colour(service, old).map(ColourRecord::release);
        Instant beforeFrom = RequestCollector.periodOf(switched.minus(spec.window()));
        ReleaseFigures before = ReleaseFigures.of(periods(run, beforeFrom, switched, old, oldRelease));
        log.line("watching " + short12(run.deployment().release()) + " in " + run.candidate().word() + " for "
                + Durations.format(spec.window()) + " after the switch (error rate up to "
                + ReleaseFigures.percent(spec.maxErrorRate()) + ", p99 up to " + spec.maxP99().toMillis() + "ms); the previous release, "
                + old.word() + ", answered " + before.describe() + " in as long before it");
        Instant windowEnd = switched.plus(spec.window());
        Instant lastStored = RequestCollector.periodOf(windowEnd.minusMillis(1)).plus(RequestCollector.PERIOD)
                .plus(STORED_WITHIN);
        var progress = new Progress(log);
        var seen = Wait.forThe("the analysis window", LOOK_EVERY, Duration.between(Instant.now(), lastStored).plus(LOOK_EVERY))
                .until(() -> {
                    boolean whole = !Instant.now().isBefore(lastStored);
                    ReleaseFigures after = ReleaseFigures.of(periods(run, RequestCollector.periodOf(switched), windowEnd,
                            run.candidate(), Optional.of(run.deployment().release())));
                    progress.tell(after, switched);
                    return new Judgement(after, Regression.of(after, before, spec, whole), whole);
                }, judgement -> judgement.regression().isPresent() || judgement.whole());
        Judgement last = seen.last();
        if (last.regression().isPresent()) {
            throw new RegressionException("the new release " + short12(run.deployment().release()) + " regressed after"
                    + " the switch: " + last.regression().get() + ". " + last.figures().errors() + " user request(s)"
                    + " failed while it was live; the previous release, " + old.word() + ", is put back.");
        }
        if (last.figures().requests() == 0 && before.requests() == 0) {
            log.line("no request figures were stored for " + service + " around the switch: gantry server gathers them"
                    + " from the proxy (docs/observability.md); nothing to judge");
        } else {
            log.line("passed: " + last.figures().describe() + " in the window, within the limits");
        }
    }

    private record Judgement(ReleaseFigures figures, Optional<String> regression, boolean whole) {
    }

    /** Logs the figures each time more of them are stored. */
    private static final class Progress {
        private final StageLog log;
        private long told = -1;

        Progress(StageLog log) {
            this.log = log;
        }

        void tell(ReleaseFigures figures, Instant switched) {
            if (figures.requests() != told) {
                told = figures.requests();
                log.line(Duration.between(switched, Instant.now()).toSeconds() + "s after the switch: " + figures.describe());
            }
        }
    }

    private static List<RequestPeriod> periods(FlowRun run, Instant from, Instant to, Colour colour,
            Optional<String> release) {
        return run.figures().of(run.service(), from, to).stream()
                .filter(period -> period.colour().equals(colour.word())
                        && release.map(period.release()::equals).orElse(false))
                .toList();
    }

    private static String short12(String release) {
        return release.substring(0, Math.min(12, release.length()));
    }
}
