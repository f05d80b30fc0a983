package dev.gantry.ui;

import dev.gantry.Printable;
import dev.gantry.server.RunId;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageRecord;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /ui/runs/{run}/logs/{stage}}: one stage's log, its last {@link #KEEP_LINES} lines (the note says how many
 * it has), as the store keeps it (the stage's last lines, secrets masked, made printable; what the API's log stream
 * gives); and {@code …/download}, the whole stored log as a file. While this server runs the run and the stage has
 * not ended, the page follows its lines live ({@link LogEvents}) and keeps the last {@link #KEEP_LINES} of them.
 */
final class LogsPage {
    /** How many lines the page shows, and keeps while it follows the stage (gantry.js reads it from the page). */
    static final int KEEP_LINES = 5_000;
    private static final int BUFFER = 64 << 10;

    private final Store store;
    private final RunPage runs;
    private final Templates templates;
    private final Answers answers;

    LogsPage(Store store, RunPage runs, Templates templates, Answers answers) {
        this.store = store;
        this.runs = runs;
        this.templates = templates;
        this.answers = answers;
    }

    /** A stage of a run: stored once it started; a stage the run may yet reach, while this server runs it. */
    record StageOf(RunId.Found run, String named, String stage, Optional<StageRecord> stored) {
        /** Whether this server runs the run still. */
        boolean live() {
            return run.queued().filter(q -> !q.isOver()).isPresent();
        }
    }

    /** The stage {@code stage} of the run {@code run} names, if there is one. */
    Optional<StageOf> find(String run, String stage) {
        return runs.find(run).flatMap(found -> {
            Optional<StageRecord> stored = found.stored().flatMap(r -> r.stages().stream()
                    .filter(s -> s.name().equals(stage)).findFirst());
            StageOf of = new StageOf(found, run, stage, stored);
            boolean yetToCome = of.live() && Arrays.stream(Stage.values()).anyMatch(s -> s.word().equals(stage));
            return stored.isPresent() || yetToCome ? Optional.of(of) : Optional.empty();
        });
    }

    void show(Context ctx) {
        Session session = SessionGate.session(ctx);
        Optional<StageOf> found = known(ctx, session);
        if (found.isEmpty()) {
            return;
        }
        StageOf of = found.get();
        Optional<String> text = storedLog(of);
        LogTail tail = LogTail.of(text.orElse(""), KEEP_LINES);
        String runPage = UiPaths.runNamed(of.named());
        String heading = RunPage.heading(of.run());
        String logsPage = UiPaths.logs(runPage, of.stage());
        boolean follow = of.live() && text.isEmpty();
        templates.page(ctx, 200, "logs.jte", new LogsView(
                Frame.of("The log of " + of.stage() + " - " + heading + " of " + RunPage.service(of.run()), session),
                of.stage(), heading, runPage, RunPage.service(of.run()),
                of.stored().map(s -> s.state().word()).orElse("pending"),
                tail.cut() ? String.format(Locale.ROOT, "the last %,d of %,d lines", tail.lines().size(), tail.total()) : "",
                of.stored().flatMap(StageRecord::outputCut).map(RunLabels::printable).orElse(""),
                tail.lines(), KEEP_LINES, text.isPresent() ? UiPaths.download(logsPage) : null,
                follow ? UiPaths.events(logsPage) : null));
    }

    /**
     * The whole stored log, as a file ({@code text/plain}, an attachment named after the service, run and stage), made
     * printable line by line as the page shows it, and written out a line at a time rather than copied whole into the
     * answer.
     */
    void download(Context ctx) throws IOException {
        Session session = SessionGate.session(ctx);
        Optional<StageOf> found = known(ctx, session);
        if (found.isEmpty()) {
            return;
        }
        Optional<String> text = storedLog(found.get());
        if (text.isEmpty()) {
            answers.error(ctx, 404, Frame.of("No stored log yet", session), "No stored log yet", "The log of "
                    + found.get().stage() + " is stored when the stage ends; until then its page follows it live.");
            return;
        }
        long runId = found.get().run().stored().orElseThrow().id();
        ctx.contentType("text/plain; charset=utf-8").header("Content-Disposition", "attachment; filename=\""
                + fileName(RunPage.service(found.get().run()) + "-run" + runId + "-" + found.get().stage()) + ".log\"");
        String log = text.get();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8),
                BUFFER)) {
            for (int at = 0; at < log.length(); ) {
                int end = log.indexOf('\n', at);
                int next = end < 0 ? log.length() : end + 1;
                out.write(Printable.of(log.substring(at, end < 0 ? log.length() : end)));
                if (end >= 0) {
                    out.write('\n');
                }
                at = next;
            }
        }
    }

    /** {@code name} with every character but letters, digits, dot, dash and underscore made an underscore. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The stage's log as stored, once the stage has ended (none while it runs). */
    private Optional<String> storedLog(StageOf of) {
        return of.run().stored().flatMap(run -> store.runs().stageLog(run.id(), of.stage()));
    }

    /** The stage of the path, if there is one; otherwise answers 404 saying what there is, and is empty. */
    private Optional<StageOf> known(Context ctx, Session session) {
        String run = ctx.pathParam("run");
        String stage = ctx.pathParam("stage");
        Optional<StageOf> found = find(run, stage);
        if (found.isPresent()) {
            return found;
        }
        Optional<RunId.Found> theRun = runs.find(run);
        if (theRun.isEmpty()) {
            answers.error(ctx, 404, Frame.of("No such run", session), "No such run", "There is no run " + run + ". "
                    + RunId.HELP);
        } else {
            String stages = theRun.get().stored().map(r -> r.stages().stream().map(StageRecord::name)
                    .collect(Collectors.joining(", "))).filter(names -> !names.isEmpty()).orElse("none yet");
            answers.error(ctx, 404, Frame.of("No such stage", session), "No such stage", RunPage.heading(theRun.get())
                    + " has no stage " + stage + " (its stages: " + stages + ").");
        }
        return Optional.empty();
    }
}
