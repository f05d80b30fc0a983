package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a release replaces the previous one: {@code deploy} in gantry.yml.
 *
 * @param drain how long the old colour keeps serving open connections after the switch
 * @param keepReleases how many releases (images) are kept for rollback
 * @param crashLoop when a release that keeps crashing right after going live is rolled back
 * @param analysis whether a release is watched after the switch and put back when it regresses
 */
public record DeploySpec(Duration drain, int keepReleases, CrashLoopSpec crashLoop, AnalysisSpec analysis) {
    static final List<String> KEYS = List.of("drain", "keep-releases", "crash-loop", "analysis");

    /** Checks for nulls. */
    public DeploySpec {
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(crashLoop, "crashLoop");
        Objects.requireNonNull(analysis, "analysis");
    }

    static DeploySpec read(YamlMap deploy) {
        return new DeploySpec(
                deploy.get("drain", Rule.duration(), Duration.ofSeconds(10)),
                deploy.get("keep-releases", Rule.wholeNumber(1, 100), 3),
                CrashLoopSpec.read(deploy.section("crash-loop", CrashLoopSpec.KEYS)),
                AnalysisSpec.read(deploy));
    }
}
