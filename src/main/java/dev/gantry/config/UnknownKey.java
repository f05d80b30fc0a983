package dev.gantry.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The message for a key that is not known where it is, with the closest known key if one is close. */
final class UnknownKey {
    private static final int MAX_TYPOS = 2;
    private static final int MAX_KEY_LENGTH = 40;

    private UnknownKey() {
    }

    static String message(String key, List<String> knownKeys) {
        String message = "is not a known key; known keys here: " + String.join(", ", knownKeys);
        return closest(key.toLowerCase(), knownKeys).map(known -> message + "; did you mean " + known + "?").orElse(message);
    }

    /** A known key a typo away ({@code replica}), or one the key abbreviates ({@code cmd}). */
    private static Optional<String> closest(String key, List<String> knownKeys) {
        if (key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return knownKeys.stream()
                .filter(known -> distance(key, known) <= MAX_TYPOS)
                .min(Comparator.comparingInt(known -> distance(key, known)))
                .or(() -> knownKeys.stream().filter(known -> key.length() >= 3 && abbreviates(key, known)).findFirst());
    }

    private static boolean abbreviates(String key, String known) {
        int next = 0;
        for (int i = 0; i < known.length() && next < key.length(); i++) {
            next += known.charAt(i) == key.charAt(next) ? 1 : 0;
        }
        return next == key.length() && key.charAt(0) == known.charAt(0);
    }

    /** Levenshtein distance: the fewest one-character edits that turn a into b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
