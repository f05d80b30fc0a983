package dev.gantry.store;

/**
 * A run about to start: its kind ({@code run}, {@code deploy}, {@code rollback}), which service and
 * commit, who or what asked for it, the gantry.yml it runs with and the app image it deploys.
 */
public record NewRun(String kind, String service, String commit, String commitTitle, boolean dirty, String trigger,
                     String config, String image) {
}
