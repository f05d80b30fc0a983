package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a release replaces the previous one: {@code deploy} in gantry.yml.
 *
 * @param drain how long the old colour keeps serving open connections after the switch
 * @param keepReleases how many releases (images) are kept for rollback
 */
public record DeploySpec(Duration drain, int keepReleases) {
    static final List<String> KEYS = List.of("drain", "keep-releases");

    /** Checks for nulls. */
    public DeploySpec {
        Objects.requireNonNull(drain, "drain");
    }

    static DeploySpec read(YamlMap deploy) {
        return new DeploySpec(
                deploy.get("drain", Rule.duration(), Duration.ofSeconds(10)),
                deploy.get("keep-releases", Rule.wholeNumber(1, 100), 3));
    }
}
