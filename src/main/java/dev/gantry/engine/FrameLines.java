package dev.gantry.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

/** Docker's frames of a container's output, as whole lines (each cut at {@code lineMax} bytes) to a sink; the last one at the end. */
final class FrameLines extends ResultCallback.Adapter<Frame> {
    private final LineSplitter splitter;

    FrameLines(LogSink lines, int lineMax) {
        this.splitter = new LineSplitter(lines, lineMax);
    }

    @Override
    public void onNext(Frame frame) {
        splitter.accept(frame.getPayload());
    }

    @Override
    public void onComplete() {
        splitter.flush();
        super.onComplete();
    }
}
