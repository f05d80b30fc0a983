package dev.gantry.notify;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What every channel says about one finished run.
 *
 * @param event succeeded, failed or rolled-back
 * @param kind run, deploy or rollback
 * @param release the commit the run deployed
 * @param title the commit's title (for deploy and rollback, what was deployed)
 * @param image the app image, if the run had one
 * @param colour the colour the release went live in (runs that succeeded)
 * @param failedStage the first stage that failed (runs that failed)
 * @param message why the run failed
 * @param production what the run left in production
 * @param host the machine Gantry ran on
 * @param trigger who or what started the run (cli, a hook)
 */
public record Notification(Event event, String service, long runId, String kind, String release, String title,
                           Optional<String> image, Optional<String> colour, Optional<String> failedStage,
                           Optional<String> message, ProductionState production, Duration duration, String host,
                           String trigger, Instant finishedAt) {

    /** Checks for nulls. */
    public Notification {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(failedStage, "failedStage");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(production, "production");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** The notification of a stored run that has ended; empty while it runs. */
    static Optional<Notification> of(RunRecord run, String host) {
        if (run.state() == RunState.RUNNING) {
            return Optional.empty();
        }
        boolean succeeded = run.state() == RunState.SUCCEEDED;
        Event event = !succeeded ? Event.FAILED : run.kind().equals("rollback") ? Event.ROLLED_BACK : Event.SUCCEEDED;
        Instant finished = run.finishedAt().orElseGet(Instant::now);
        return Optional.of(new Notification(event, run.service(), run.id(), run.kind(), run.commit(), run.commitTitle(),
                run.image(), succeeded ? run.colour() : Optional.empty(), run.failedStage(),
                succeeded ? Optional.empty() : run.message(), succeeded ? ProductionState.UPDATED : afterFailure(run),
                Duration.between(run.startedAt(), finished), host, run.trigger(), finished));
    }

    /** The same notification with {@code mask} applied to every text that came from people or commands. */
    Notification masked(UnaryOperator<String> mask) {
        return new Notification(event, service, runId, kind, release, mask.apply(title), image, colour, failedStage,
                message.map(mask), production, duration, host, trigger, finishedAt);
    }

    /**
     * One line that says it all: "books-ms: run 7 failed at stage test; production is unchanged"; a scale says what
     * it did ("…; 1a2b3c4d5e6f is live in blue, scale to 3 replica(s) from 2").
     */
    String summary() {
        String run = service + ": " + kind + " " + runId;
        return switch (event) {
            case SUCCEEDED -> run + " succeeded; " + shortRelease() + " is live" + colour.map(c -> " in " + c).orElse("")
                    + (kind.equals("scale") ? ", " + title : "");
            case ROLLED_BACK -> run + " succeeded; " + shortRelease() + " is live again"
                    + colour.map(c -> " in " + c).orElse("");
            case FAILED -> run + " failed" + failedStage.map(s -> " at stage " + s).orElse("") + "; "
                    + production.sentence();
        };
    }

    /** The first 12 characters of the commit. */
    String shortRelease() {
        return release.substring(0, Math.min(12, release.length()));
    }

    /** The duration as people read it: 42.1s. */
    String seconds() {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    private static ProductionState afterFailure(RunRecord run) {
        if (run.state() == RunState.NEEDS_ATTENTION) {
            return ProductionState.NOT_RESTORED;
        }
        return run.stages().stream().filter(stage -> stage.name().equals("undo")).findFirst()
                .map(StageRecord::state)
                .map(undo -> undo == StageState.PASSED ? ProductionState.RESTORED : ProductionState.NOT_RESTORED)
                .orElse(ProductionState.UNCHANGED);
    }
}
