package dev.gantry.ui;

import dev.gantry.server.RunId;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /ui/runs/{run}} (a run id, or {@code q7} for a queued request, as the API names runs): the run's flow as
 * boxes with state and duration, why it failed with the last lines of the stage that failed, and each stage's log
 * (its last {@link #LOG_LINES} lines). While this server runs it, the boxes follow it live ({@link RunEvents}).
 */
final class RunPage {
    /** How many lines of each stage's log the page shows. */
    static final int LOG_LINES = 200;
    /** How many lines of the failed stage stand beside the failure, as a failure in the CLI shows them. */
    static final int FAILURE_LINES = 25;

    private final Store store;
    private final RunQueue queue;
    private final Templates templates;
    private final Answers answers;
    private final Clock clock;

    RunPage(Store store, RunQueue queue, Templates templates, Answers answers, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.templates = templates;
        this.answers = answers;
        this.clock = clock;
    }

    void show(Context ctx) {
        Session session = SessionGate.session(ctx);
        Optional<RunId.Found> found = find(ctx.pathParam("run"));
        if (found.isEmpty()) {
            answers.error(ctx, 404, Frame.of("No such run", session), "No such run", "There is no run "
                    + ctx.pathParam("run") + ". " + RunId.HELP);
            return;
        }
        templates.page(ctx, 200, "run.jte", view(found.get(), ctx.pathParam("run"), session));
    }

    /** The run {@code text} names, if it names one this server knows. */
    Optional<RunId.Found> find(String text) {
        return RunId.parse(text).map(id -> id.find(queue, store)).filter(RunId.Found::exists);
    }

    /** The boxes of the run's flow now. */
    List<Box> boxes(RunId.Found found) {
        Instant now = clock.instant();
        return found.stored().map(run -> FlowBoxes.of(run.kind(), run.stages(), over(found), now))
                .orElseGet(() -> FlowBoxes.of(found.queued().orElseThrow().request().kind().word(), List.of(),
                        over(found), now));
    }

    /** Whether the run has ended (or, when the queue no longer knows it, its stored state says so). */
    static boolean over(RunId.Found found) {
        return found.queued().map(QueuedRun::isOver)
                .orElseGet(() -> found.stored().map(run -> run.state() != RunState.RUNNING).orElse(true));
    }

    /**
     * How the run stands, in a word: queued, superseded or cancelled as the queue says; running, succeeded, failed or
     * needs-attention as the store says, or the queue when the request ended before it was recorded.
     */
    static String state(RunId.Found found) {
        Optional<QueuedRun> queued = found.queued();
        if (queued.isPresent() && queued.get().state() != QueuedRun.State.DONE
                && queued.get().state() != QueuedRun.State.RUNNING) {
            return queued.get().state().word();
        }
        if (found.stored().isPresent()) {
            return found.stored().get().state().word();
        }
        return queued.map(q -> !q.isOver() ? "running" : q.succeeded() ? "succeeded" : "failed").orElse("unknown");
    }

    private RunView view(RunId.Found found, String named, Session session) {
        Optional<RunRecord> run = found.stored();
        Optional<QueuedRun> queued = found.queued();
        String heading = heading(found);
        String service = service(found);
        String kind = run.map(r -> RunLabels.kind(r.kind(), r.trigger()))
                .orElseGet(() -> queued.orElseThrow().request().kind().word());
        String trigger = run.map(RunRecord::trigger).orElseGet(() -> queued.orElseThrow().request().trigger());
        String failure = run.flatMap(RunRecord::message)
                .or(() -> queued.map(QueuedRun::message).filter(message -> !message.isEmpty())).orElse("");
        String failureLines = run.flatMap(r -> r.failedStage().flatMap(stage -> store.runs().stageLog(r.id(), stage)))
                .map(log -> String.join("\n", LogTail.of(log, FAILURE_LINES).lines())).orElse("");
        return new RunView(Frame.of(heading + " of " + service, session), heading, service, UiPaths.service(service),
                kind, state(found), RunLabels.printable(trigger),
                run.map(r -> RunLabels.shortCommit(r.commit())).orElse(""),
                run.map(r -> RunLabels.printable(r.commitTitle())).orElse(""),
                HumanTime.when(run.map(RunRecord::startedAt).orElseGet(() -> queued.orElseThrow().queuedAt())),
                run.map(r -> HumanTime.duration(r.duration())).orElse(""),
                boxes(found), RunLabels.printable(failure), failureLines,
                run.map(r -> r.stages().stream().map(stage -> log(r, stage, named)).toList()).orElse(List.of()),
                found.queued().filter(q -> !q.isOver()).isPresent() ? UiPaths.events(UiPaths.runNamed(named)) : null,
                queued.filter(q -> CancelAction.offered(session, q)).map(q -> UiPaths.cancel(q.id())).orElse(null),
                LogsPage.KEEP_LINES);
    }

    private RunView.StageLog log(RunRecord run, StageRecord stage, String named) {
        LogTail tail = LogTail.of(store.runs().stageLog(run.id(), stage.name()).orElse(""), LOG_LINES);
        String note = tail.cut() ? "the last " + tail.lines().size() + " of " + tail.total() + " lines" : "";
        return new RunView.StageLog(stage.name(), stage.state().word(), note, String.join("\n", tail.lines()),
                UiPaths.logs(UiPaths.runNamed(named), stage.name()));
    }

    /** What the run is: "Run 42", or "Queued request q7" before it has a run id. */
    static String heading(RunId.Found found) {
        return found.stored().map(r -> "Run " + r.id())
                .orElseGet(() -> "Queued request q" + found.queued().orElseThrow().id());
    }

    /** The page of the run {@code named} names ({@code found}, if it exists): by its id once it has one. */
    static String href(Optional<RunId.Found> found, String named) {
        return found.flatMap(RunId.Found::stored).map(r -> UiPaths.run(r.id())).orElse(UiPaths.runNamed(named));
    }

    /** The service the run is of. */
    static String service(RunId.Found found) {
        return found.stored().map(RunRecord::service)
                .orElseGet(() -> found.queued().orElseThrow().request().service());
    }
}
