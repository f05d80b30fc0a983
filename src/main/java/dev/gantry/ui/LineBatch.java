package dev.gantry.ui;

import dev.gantry.server.TokenWatch;
import dev.gantry.trigger.Progress;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A live stream's log lines gathered into events {@code lines} of up to {@link #MOST} lines, escaped HTML, each sent
 * once it is full or its first line is {@link #WAIT} old: a fast log does not make an event per line. What a line shows
 * ({@code shown}: its text, or with its stage) is the stream's to say; a line it does not show is null.
 */
final class LineBatch {
    /** The most lines in one event. */
    static final int MOST = 200;
    /** The longest a line waits for others to go with it. */
    static final Duration WAIT = Duration.ofMillis(100);

    private final Templates templates;
    private final Function<Progress.Line, String> shown;
    private final List<String> lines = new ArrayList<>(MOST);
    private long firstAt;

    LineBatch(Templates templates, Function<Progress.Line, String> shown) {
        this.templates = templates;
        this.shown = shown;
    }

    /** How long the stream may wait for its next event: until the batch it holds is due, if it holds one. */
    Duration patience() {
        return lines.isEmpty() ? TokenWatch.EVERY : WAIT.minusNanos(System.nanoTime() - firstAt).plusMillis(1);
    }

    /** Adds {@code line}, if the stream shows it; sends the batch when it is full or due. */
    void add(SseClient client, Progress.Line line) {
        String text = shown.apply(line);
        if (text == null) {
            return;
        }
        if (lines.isEmpty()) {
            firstAt = System.nanoTime();
        }
        lines.add(RunLabels.printable(text));
        if (lines.size() >= MOST || System.nanoTime() - firstAt >= WAIT.toNanos()) {
            flush(client);
        }
    }

    /** Nothing else came: sends the lines it holds, or, holding none, a keep-alive comment. */
    void flushOrKeepAlive(SseClient client) {
        if (!flush(client)) {
            client.sendComment("keep-alive");
        }
    }

    /** Sends the lines it holds, if any; answers whether it sent an event. */
    boolean flush(SseClient client) {
        if (lines.isEmpty()) {
            return false;
        }
        client.sendEvent("lines", LiveFollow.oneLine(templates.render("loglines.jte", List.copyOf(lines))));
        lines.clear();
        return true;
    }
}
