package dev.gantry.traffic;

import java.util.Objects;

/** One release of a service in one colour: what request figures are kept by. */
public record ReleaseKey(String service, String colour, String release) {

    /** Checks for nulls. */
    public ReleaseKey {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(release, "release");
    }

    /** The release as the metrics label it: the commit's first 12 characters. */
    String shortRelease() {
        return release.substring(0, Math.min(12, release.length()));
    }
}
