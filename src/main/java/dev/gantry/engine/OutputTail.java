package dev.gantry.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The last lines of a container's or a service's output, read once, each line cut at {@code lineMax}
 * bytes; an error the engine put in the stream instead of output ends them, in parentheses.
 */
final class OutputTail {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private OutputTail() {
    }

    /** Starts the read with {@code start} (a docker-java log command handed the frames) and collects its lines. */
    static List<String> read(DockerCalls calls, String operation, int lineMax, Consumer<ResultCallback.Adapter<Frame>> start) {
        List<String> collected = Collections.synchronizedList(new ArrayList<>());
        var frames = new FrameLines(collected::add, lineMax);
        calls.run(operation, () -> start.accept(frames));
        try (frames) {
            frames.awaitCompletion(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the stream is over either way
        }
        frames.engineError().ifPresent(error -> collected.add("(the engine could not give all of it: " + error + ")"));
        synchronized (collected) {
            return List.copyOf(collected);
        }
    }
}
