package dev.gantry.config;

/**
 * How much a commit may bring: bounds on what a push or a fetch receives and on what a checkout writes
 * (docs/installation-config.md, "Limits on commits").
 *
 * @param packBytes the largest pack a push sends (a fetch: the sum of the objects it brings)
 * @param objects the most objects in one pack, and the most files one checkout writes
 * @param fileBytes the largest single object (a file of the commit)
 * @param checkoutBytes the most bytes one checkout writes (the service directory of the commit)
 */
public record GitLimits(long packBytes, int objects, long fileBytes, long checkoutBytes) {
    /** The defaults: sized for a service's source with some assets, far below what fills a disk or the heap. */
    public static final GitLimits DEFAULTS = new GitLimits(256L << 20, 100_000, 100L << 20, 1L << 30);

    /** Checks that every bound is positive. */
    public GitLimits {
        if (packBytes < 1 || objects < 1 || fileBytes < 1 || checkoutBytes < 1) {
            throw new IllegalArgumentException("git limits must be positive: " + this);
        }
    }
}
