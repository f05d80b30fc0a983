package dev.gantry.discovery;

import java.util.Locale;

/** What a colour is doing: being tested before the switch, serving, or being retired after it. */
public enum ColourState {
    CANDIDATE, LIVE, DRAINING;

    /** The lower-case word stored in discovery: {@code candidate}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named by {@code word} ({@code candidate}, {@code live} or {@code draining}). */
    public static ColourState parse(String word) {
        for (ColourState state : values()) {
            if (state.word().equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("a state should be candidate, live or draining, was \"" + word + "\"");
    }
}
