package dev.gantry.stage;

import dev.gantry.secret.SecretMask;
import java.util.List;

/** A run's failure as it may be shown and stored: the service's secrets masked in all it says. */
public final class MaskedFailures {
    private MaskedFailures() {
    }

    /** {@code failure} itself if it reveals no secret; else the same failure said with the secrets masked. */
    public static RuntimeException of(RuntimeException failure, SecretMask mask) {
        if (mask.isEmpty()) {
            return failure;
        }
        if (failure instanceof StageFailedException stage) {
            String reason = mask.apply(stage.reason());
            List<String> lastLines = mask.lines(stage.lastLines());
            if (reason.equals(stage.reason()) && lastLines.equals(stage.lastLines())) {
                return failure;
            }
            var masked = new StageFailedException(stage.stage(), reason, lastLines);
            masked.setStackTrace(stage.getStackTrace());
            return masked;
        }
        return mask.failure(failure);
    }
}
