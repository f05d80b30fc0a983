package dev.gantry.discovery;

import java.util.Locale;

/** One of the two slots a service's releases take turns in (blue-green deployment). */
public enum Colour {
    BLUE, GREEN;

    /** The colour a new release goes to when this one is live. */
    public Colour other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** The lower-case word used in keys, labels and container names: {@code blue}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The colour named by {@code word} ({@code blue} or {@code green}). */
    public static Colour parse(String word) {
        for (Colour colour : values()) {
            if (colour.word().equals(word)) {
                return colour;
            }
        }
        throw new IllegalArgumentException("a colour should be blue or green, was \"" + word + "\"");
    }
}
