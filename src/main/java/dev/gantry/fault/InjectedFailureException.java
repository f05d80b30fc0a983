package dev.gantry.fault;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A failure injected by an armed failpoint (GANTRY_FAILPOINTS), never seen in normal use. */
public final class InjectedFailureException extends GantryException {
    InjectedFailureException(String point, String what) {
        super("failpoint " + point + " " + what + " (GANTRY_FAILPOINTS is set: a fault injected on purpose)");
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
