package dev.gantry.poll;

import dev.gantry.config.MaskedUrl;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * What polling each service last went wrong with, so that the server's log says each problem once (not
 * every interval) and says once that an unreachable remote answers again. Credentials in URLs are masked.
 */
final class PollProblems {
    private final PrintStream log;
    private final Map<String, String> unreachable = new HashMap<>();
    private final Map<String, String> notQueued = new HashMap<>();

    PollProblems(PrintStream log) {
        this.log = log;
    }

    /** Asking the remote of {@code service} for its head failed with {@code problem}. */
    void unreachable(String service, String problem) {
        once(unreachable, service, "warning: polling " + service + ": " + problem);
    }

    /** The remote of {@code service} answered: if it had not before, say so. */
    void reachable(String service, String remote) {
        if (unreachable.remove(service) != null) {
            say("polling " + service + ": " + remote + " answers again");
        }
    }

    /** A new head of {@code service} was seen but could not be fetched or queued, because of {@code problem}. */
    void notQueued(String service, String problem) {
        once(notQueued, service, "warning: polling " + service + ": " + problem);
    }

    /** A run of {@code service} was queued: its next problem is news again. */
    void queued(String service, String line) {
        notQueued.remove(service);
        say(line);
    }

    private void once(Map<String, String> last, String service, String line) {
        String masked = MaskedUrl.mask(line);
        if (!masked.equals(last.put(service, masked))) {
            say(masked + " (said once until it changes)");
        }
    }

    private void say(String line) {
        log.println(MaskedUrl.mask(line));
        log.flush();
    }
}
