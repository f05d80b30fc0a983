package dev.gantry.lock;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.config.Durations;
import java.time.Duration;

/** The service is locked by another run, and stayed locked for as long as this one could wait. */
public final class LockHeldException extends GantryException {
    private final transient Lease holder;

    LockHeldException(Lease holder, Duration waited) {
        super(holder.service() + " is locked by " + holder.describe()
                + (waited.isZero() ? "" : ", and it stayed locked for the " + Durations.format(waited) + " this run waited")
                + ". Nothing was changed. See who holds it with `gantry lock status " + holder.service()
                + "`; if that process is dead, free it with `gantry lock release " + holder.service()
                + "`; or run again later.");
        this.holder = holder;
    }

    /** The lease that was in the way. */
    public Lease holder() {
        return holder;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
