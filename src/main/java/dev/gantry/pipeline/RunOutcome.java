package dev.gantry.pipeline;

import dev.gantry.image.ImageReference;
import java.time.Duration;

/** A run that succeeded: its id, the release, the images it pushed, and how long it took. */
public record RunOutcome(long runId, Release release, ImageReference appImage, ImageReference testImage, Duration took) {
}
