package dev.gantry.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.util.Optional;

/**
 * Docker's frames of a container's output, as whole lines (each cut at {@code lineMax} bytes) to a sink; the last one
 * at the end. The engine's own errors in the stream ({@link RawFrames#ENGINE_ERROR}) are not output: the first is kept
 * for {@link #engineError()}.
 */
final class FrameLines extends ResultCallback.Adapter<Frame> {
    private static final int ENGINE_ERROR_MAX = 1024;

    private final LineSplitter splitter;
    private final LineSplitter engineErrors = new LineSplitter(this::keepEngineError, ENGINE_ERROR_MAX);
    private final RawFrames raw;
    private volatile String engineError;

    FrameLines(LogSink lines, int lineMax) {
        this.splitter = new LineSplitter(lines, lineMax);
        this.raw = new RawFrames((type, payload) -> (type == RawFrames.ENGINE_ERROR ? engineErrors : splitter).accept(payload));
    }

    @Override
    public void onNext(Frame frame) {
        if (frame.getStreamType() == StreamType.RAW) {
            raw.accept(frame.getPayload());
        } else {
            splitter.accept(frame.getPayload());
        }
    }

    @Override
    public void onComplete() {
        splitter.flush();
        engineErrors.flush();
        super.onComplete();
    }

    /** The first error the engine put in the stream instead of output, e.g. that a task's node is not available. */
    Optional<String> engineError() {
        return Optional.ofNullable(engineError);
    }

    private void keepEngineError(String line) {
        if (engineError == null && !line.isBlank()) {
            engineError = line.strip();
        }
    }
}
