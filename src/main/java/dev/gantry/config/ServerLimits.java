package dev.gantry.config;

/**
 * What {@code gantry server} takes at most at once (docs/server.md, "Limits"); past each it refuses
 * with 429 (or a git error) and says which setting raises it.
 *
 * @param queuedRuns requests waiting in the run queue ({@code server-max-queued-runs})
 * @param logStreams clients following a run's log as Server-Sent Events ({@code server-max-log-streams})
 * @param pushes git pushes open at once, each following its run ({@code server-max-pushes})
 */
public record ServerLimits(int queuedRuns, int logStreams, int pushes) {
    /** The defaults: generous for a team's server, small enough that a flood cannot exhaust it. */
    public static final ServerLimits DEFAULTS = new ServerLimits(100, 32, 16);
}
