package dev.gantry.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code --expires} of {@code gantry token create}: a whole number of days, hours or minutes ({@code 30d}, {@code 12h}, {@code 90m}). */
public final class TokenExpiry {
    /** The longest lifetime a token may be given; a token for longer never expires (leave --expires out). */
    static final Duration LONGEST = Duration.ofDays(3650);
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})([dhm])");

    private TokenExpiry() {
    }

    /** The lifetime {@code text} says, or a message that says what to write. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw refused(text, "should be a whole number of days, hours or minutes, like 30d, 12h or 90m");
        }
        long amount = Long.parseLong(m.group(1));
        Duration lifetime = switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (lifetime.compareTo(LONGEST) > 0) {
            throw refused(text, "is longer than " + LONGEST.toDays() + "d, the longest allowed; leave --expires out"
                    + " for a token that never expires");
        }
        return lifetime;
    }

    private static ServerInputException refused(String text, String why) {
        return new ServerInputException("--expires " + (text == null ? "" : "\"" + text + "\" ") + why + ".");
    }
}
