package dev.gantry.cli;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.Printable;

/** A command named a service that this installation has never deployed and has no replica of (exit 2). */
final class UnknownServiceException extends GantryException {
    UnknownServiceException(String service) {
        super("no service \"" + Printable.of(service) + "\" is deployed by this installation, and no replica of it is on"
                + " the engines; `gantry status` lists the services");
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
