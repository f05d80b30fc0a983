package dev.gantry.pipeline;

import dev.gantry.discovery.Colour;
import dev.gantry.image.ImageReference;
import java.time.Duration;

/** A run that succeeded: the release that is now live, in which colour, and where users reach it. */
public record RunOutcome(long runId, String service, String release, ImageReference appImage, Colour colour,
                         String url, Duration took) {
}
