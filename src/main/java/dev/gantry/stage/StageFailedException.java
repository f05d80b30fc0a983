package dev.gantry.stage;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.util.List;

/** A stage of a run failed; carries the stage and the last lines of its output. */
public final class StageFailedException extends GantryException {
    private final Stage stage;
    private final String reason;
    private final List<String> lastLines;

    /** Stage {@code stage} failed because of {@code reason}; {@code lastLines} of its output explain it. */
    public StageFailedException(Stage stage, String reason, List<String> lastLines) {
        super("stage " + stage.word() + " failed: " + reason);
        this.stage = stage;
        this.reason = reason;
        this.lastLines = List.copyOf(lastLines);
    }

    /** The stage that failed. */
    public Stage stage() {
        return stage;
    }

    /** Why, in one sentence. */
    public String reason() {
        return reason;
    }

    /** The last lines of the stage's output: the container's, the build's or the push's. */
    public List<String> lastLines() {
        return lastLines;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
