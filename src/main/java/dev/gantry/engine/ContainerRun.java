package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A container run to its end: create, start, follow output, wait with a deadline, remove. */
final class ContainerRun {
    private static final Duration LOG_DRAIN = Duration.ofSeconds(5);

    private final DockerClient docker;
    private final DockerCalls calls;
    private final int lineMax;
    private final ContainerLog containerLog;

    ContainerRun(DockerClient docker, DockerCalls calls, int lineMax, ContainerLog containerLog) {
        this.docker = docker;
        this.calls = calls;
        this.lineMax = lineMax;
        this.containerLog = containerLog;
    }

    ContainerExit run(ContainerSpec spec, Duration deadline, LogSink log) {
        String id = ContainerCreation.create(docker, calls, spec, containerLog);
        try {
            var output = attach(id, log);
            calls.run("Starting container " + spec.name(), () -> docker.startContainerCmd(id).exec());
            ContainerExit exit = awaitExit(id, deadline);
            drain(output);
            return exit;
        } finally {
            remove(id);
        }
    }

    /**
     * Attaches to the container's output before it starts: attach gets every byte from the container
     * itself, where following its log file would miss what Docker rotated away (the file is bounded,
     * {@link ContainerLog}) before it was read.
     */
    private LineFrames attach(String id, LogSink log) {
        var frames = new LineFrames(new LineSplitter(log, lineMax));
        calls.run("Attaching to the output of " + id, () -> docker.attachContainerCmd(id)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(true).exec(frames));
        try {
            frames.awaitStarted(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return frames;
    }

    private ContainerExit awaitExit(String id, Duration deadline) {
        var waiting = calls.call("Waiting for " + id, () -> docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()));
        try {
            Integer code = waiting.awaitStatusCode(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new ContainerExit(code, oomKilled(id), false);
        } catch (DockerClientException timeout) {
            calls.cleanup("Killing " + id, () -> docker.killContainerCmd(id).exec());
            return new ContainerExit(137, false, true);
        }
    }

    private boolean oomKilled(String id) {
        var state = calls.call("Inspecting " + id, () -> docker.inspectContainerCmd(id).exec()).getState();
        return Boolean.TRUE.equals(state.getOOMKilled());
    }

    private static void drain(LineFrames output) {
        try (output) {
            output.awaitCompletion(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the stream is finished either way
        }
        output.lines.flush();
    }

    private void remove(String id) {
        calls.cleanup("Removing container " + id,
                () -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
    }

    private static final class LineFrames extends ResultCallback.Adapter<Frame> {
        private final LineSplitter lines;

        LineFrames(LineSplitter lines) {
            this.lines = lines;
        }

        @Override
        public void onNext(Frame frame) {
            lines.accept(frame.getPayload());
        }
    }
}
