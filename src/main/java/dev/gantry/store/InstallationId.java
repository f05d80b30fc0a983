package dev.gantry.store;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Which installation of Gantry made a container, a volume or an image: eight lower-case letters
 * and digits, generated once per store, in the {@code gantry.installation} label and at the end of
 * every name (docs/architecture.md, "Installations").
 */
public record InstallationId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]{8}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks the shape: the id ends container names, so it must stay a short, safe token. */
    public InstallationId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an installation id is 8 lower-case letters or digits, not " + value);
        }
    }

    /** The id {@code value}, checked. */
    public static InstallationId of(String value) {
        return new InstallationId(value);
    }

    /** A new random id (36^8 ≈ 2.8·10^12 of them, so two installations practically never share one). */
    static InstallationId generate() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new InstallationId(id.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
