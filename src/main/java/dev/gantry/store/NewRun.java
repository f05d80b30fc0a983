package dev.gantry.store;

/** A run about to start: which service, which commit, and who or what asked for it. */
public record NewRun(String service, String commit, String commitTitle, boolean dirty, String trigger) {
}
