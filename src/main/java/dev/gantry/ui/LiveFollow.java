package dev.gantry.ui;

import dev.gantry.server.ApiTokens;
import dev.gantry.server.TokenWatch;
import dev.gantry.trigger.Progress;
import dev.gantry.trigger.ProgressFeed;
import dev.gantry.trigger.QueuedRun;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Optional;

/**
 * What every live stream of the UI does while it follows a run (the run page's boxes, {@link RunEvents}; a stage's
 * log, {@link LogEvents}): it hears the queued run's progress, hands each event to its {@link Reader}, sends a
 * keep-alive when nothing comes, and ends when the run ends, its reader has shown all it follows, the client goes away,
 * or the session ends or its token is revoked or expires (checked every {@link TokenWatch#EVERY}); the stream is
 * closed when it returns.
 */
final class LiveFollow {
    /** What ends a stream whose session ended. */
    static final String SESSION_ENDED = "<p>Your session ended; log in again to follow the run.</p>";

    private final Sessions sessions;
    private final ApiTokens tokens;

    LiveFollow(Sessions sessions, ApiTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** What a stream does with the run's progress. */
    interface Reader {
        /** The longest to wait for the next event before {@link #quiet}. */
        default Duration patience() {
            return TokenWatch.EVERY;
        }

        /**
         * The run's next event, but its end; false when the stream has shown all it follows (a stage's log, once the
         * stage ended) and has said so: it closes then, before the run ends.
         */
        boolean event(SseClient client, Progress event);

        /** Nothing came within {@link #patience}: by default a keep-alive comment. */
        default void quiet(SseClient client) {
            client.sendComment("keep-alive");
        }

        /** The run ended; the stream closes after this. */
        void end(SseClient client);
    }

    /** Follows {@code run} for {@code session} until one of them ends or the client goes; then closes the stream. */
    void follow(SseClient client, Session session, QueuedRun run, Reader reader) {
        TokenWatch token = new TokenWatch(tokens, session.caller());
        try (ProgressFeed feed = run.subscribe()) {
            while (!client.terminated()) {
                Optional<Progress> next = feed.next(reader.patience());
                if (!sessions.holds(session.id()) || token.withdrawn().isPresent()) {
                    client.sendEvent("end", SESSION_ENDED);
                    return;
                }
                if (next.isEmpty()) {
                    reader.quiet(client);
                } else if (next.get() instanceof Progress.End) {
                    reader.end(client);
                    return;
                } else if (!reader.event(client, next.get())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    /** An event's data on one line: the fragments' line breaks are only layout (a log line's own are escaped). */
    static String oneLine(String html) {
        return html.replace("\r", "").replace('\n', ' ');
    }
}
