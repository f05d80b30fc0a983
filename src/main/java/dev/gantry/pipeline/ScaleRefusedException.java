package dev.gantry.pipeline;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.config.ScaleSpec;

/** A scale beyond {@code run/scale} of the live release's gantry.yml: refused before anything changes (exit 2). */
public final class ScaleRefusedException extends GantryException {
    ScaleRefusedException(String service, int replicas, ScaleSpec bounds, String release) {
        super(service + " may run " + bounds.describe() + " (run/scale in the gantry.yml of its live release "
                + release.substring(0, Math.min(12, release.length())) + "), not " + replicas + ". Nothing was changed."
                + (bounds.min() == bounds.max() ? " Set run/scale: {min: …, max: …} in gantry.yml and deploy it to allow scaling."
                : " Widen run/scale in gantry.yml and deploy it to go further."));
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
