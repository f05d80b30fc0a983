package dev.gantry.engine;

import dev.gantry.Printable;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Follows a streamed Docker response (build, push): forwards its text to a {@link LineSplitter} and
 * remembers the first error the stream reports.
 */
class StreamOutcome<T extends ResponseItem> extends ResultCallback.Adapter<T> {
    private final LineSplitter lines;
    private volatile String error;

    StreamOutcome(LogSink log, int lineMax) {
        this.lines = new LineSplitter(log, lineMax);
    }

    @Override
    public void onNext(T item) {
        if (item.getStream() != null) {
            lines.accept(item.getStream());
        } else if (item.getStatus() != null && item.getProgressDetail() == null) {
            lines.accept(item.getStatus() + (item.getId() == null ? "" : " " + item.getId()) + "\n");
        }
        if (item.isErrorIndicated() && error == null) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError();
            lines.accept(error + "\n");
        }
    }

    /**
     * Waits for the stream to end, then throws what went wrong: the deadline passed, Docker refused
     * the request, or the stream reported an error.
     */
    void await(String what, Duration deadline, DockerCalls calls) {
        try (this) {
            boolean ended = calls.call(what, () -> awaitQuietly(deadline));
            lines.flush();
            if (!ended) {
                throw new EngineException(what, "did not finish within " + deadline.toSeconds() + "s");
            }
        } catch (IOException e) {
            throw calls.unavailable(e);
        }
        if (error != null) {
            throw new EngineException(what, Printable.of(error.strip()));
        }
    }

    private boolean awaitQuietly(Duration deadline) {
        try {
            return awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Waiting for Docker", "interrupted");
        }
    }
}
