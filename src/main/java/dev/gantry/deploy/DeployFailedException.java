package dev.gantry.deploy;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.util.List;

/** A step of a deployment failed; carries the last lines of output that explain it. */
public final class DeployFailedException extends GantryException {
    private final List<String> lastLines;

    DeployFailedException(String message, List<String> lastLines) {
        super(message);
        this.lastLines = List.copyOf(lastLines);
    }

    /** The last lines of the failing container's output, if any. */
    public List<String> lastLines() {
        return lastLines;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
