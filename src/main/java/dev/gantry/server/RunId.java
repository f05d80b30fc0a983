package dev.gantry.server;

import java.util.Optional;
import java.util.regex.Pattern;

/** A run in a path: its id in the store ({@code 42}), or its queue id ({@code q7}) while it waits to start. */
record RunId(boolean queued, long number) {
    static final String HELP = "A run is named by its id (like 42), or by its queue id (like q7) as the deploy and"
            + " rollback answers give it.";
    private static final Pattern FORM = Pattern.compile("(q?)([0-9]{1,18})");

    static Optional<RunId> parse(String text) {
        var matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RunId(!matcher.group(1).isEmpty(), Long.parseLong(matcher.group(2))));
    }
}
