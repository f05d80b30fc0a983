package dev.gantry.stage;

import dev.gantry.LineCut;
import dev.gantry.Printable;
import dev.gantry.config.ByteSizes;
import dev.gantry.config.OutputLimits;
import dev.gantry.engine.LogSink;
import dev.gantry.secret.SecretMask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole output of one stage, within the installation's {@link OutputLimits}: written to its log
 * file (bounded, {@link StageFile}), its last lines kept for the store and for errors (bounded,
 * {@link Tail}), each line handed on as written (the live log); the service's secrets masked and the
 * text made printable ({@link Printable}) in every line before it goes anywhere.
 */
public final class StageLog implements LogSink, AutoCloseable {
    private final StageFile file;
    private final Path path;
    private final SecretMask mask;
    private final OutputLimits limits;
    private final Tail stored;
    private final Consumer<String> follower;
    private final String cutMarker;
    private long lines;
    private long linesCut;
    private boolean closed;

    /** A log at {@code file} that masks nothing. */
    public StageLog(Path file) {
        this(file, SecretMask.NONE, line -> { });
    }

    StageLog(Path file, SecretMask mask) {
        this(file, mask, line -> { });
    }

    StageLog(Path file, SecretMask mask, Consumer<String> follower) {
        this(file, mask, follower, OutputLimits.DEFAULTS);
    }

    /** A log at {@code file}, masking with {@code mask}, that hands each line as written to {@code follower}. */
    StageLog(Path file, SecretMask mask, Consumer<String> follower, OutputLimits limits) {
        this.path = file;
        this.file = new StageFile(file, limits.fileMax());
        this.mask = mask;
        this.limits = limits;
        this.stored = new Tail(limits.storedLines(), limits.storedMax());
        this.follower = follower;
        this.cutMarker = LineCut.marker(limits.lineMax());
    }

    /**
     * Takes one line of output. Colour codes are dropped and other control characters shown
     * escaped: output comes from the commit, and must not drive the terminal it is shown on.
     */
    @Override
    public synchronized void line(String raw) {
        if (closed) {
            return;  // a straggler of a stream the stage no longer follows
        }
        String line = mask.apply(Printable.of(mask.apply(raw)));
        lines++;
        if (line.endsWith(cutMarker)) {
            linesCut++;
        }
        stored.add(line);
        file.write(line);
        follower.accept(line);
    }

    /** Where the log is kept. */
    Path file() {
        return path;
    }

    /** The last lines written, oldest first: what a failure shows. */
    public List<String> tail() {
        return stored.last(Tail.LINES);
    }

    /** What the store keeps: the last lines, after a line that says how many came before, if any did. */
    synchronized String text() {
        StringBuilder text = new StringBuilder();
        if (stored.dropped() > 0) {
            text.append("… [").append(stored.dropped()).append(" earlier lines are not kept here: the store keeps the last ")
                    .append(limits.storedLines()).append(" lines or ").append(ByteSizes.format(limits.storedMax()))
                    .append(" of a stage; the log file ").append(path).append(" has more]\n");
        }
        stored.lines().forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** What was cut of the output, in a sentence for history and the API; empty if nothing was. */
    synchronized Optional<String> cuts() {
        List<String> cuts = new ArrayList<>();
        if (linesCut > 0) {
            cuts.add(linesCut + (linesCut == 1 ? " line" : " lines") + " cut at " + ByteSizes.format(limits.lineMax()));
        }
        if (stored.dropped() > 0) {
            cuts.add("the store keeps the last " + (lines - stored.dropped()) + " of " + lines + " lines");
        }
        if (file.linesLeftOut() > 0) {
            cuts.add(file.leftOut());
        }
        return cuts.isEmpty() ? Optional.empty() : Optional.of("output cut: " + String.join("; ", cuts));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            file.close(stored.last(file.linesLeftOut()));
        }
    }
}
