package dev.gantry.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a container's or a task's output with Docker's timestamps, line by line (each cut at {@code lineMax} bytes),
 * as {@link LogRead} says: until the stream ends or the deadline passes, or, following, until it ends or the reading
 * thread is interrupted. Nothing is collected here: each line goes to the consumer as it comes. Answers whether the
 * stream ended (false: the deadline passed or the thread was interrupted first). An error the engine put in the
 * stream instead of output (a Swarm task's node is not available) is thrown, after the lines that came.
 */
final class LogStream {
    private LogStream() {
    }

    static boolean read(DockerCalls calls, String operation, int lineMax, LogRead read, Consumer<TimedLine> lines,
            Consumer<ResultCallback.Adapter<Frame>> start) {
        var frames = new FrameLines(line -> lines.accept(TimedLine.parse(line)), lineMax);
        calls.run(operation, () -> start.accept(frames));
        boolean ended = awaitEnd(frames, read);
        frames.engineError().ifPresent(error -> {
            throw new EngineException(operation, error);
        });
        return ended;
    }

    private static boolean awaitEnd(FrameLines frames, LogRead read) {
        try (frames) {
            if (read.follow()) {
                frames.awaitCompletion();
                return true;
            }
            return frames.awaitCompletion(read.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException e) {
            return true;  // closing failed; the stream is over either way
        }
    }
}
