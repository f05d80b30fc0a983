package dev.gantry.server;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a token may do (docs/server.md, "Tokens"), each scope all of the one before and more:
 * {@code read} every GET; {@code deploy} also push, run, deploy and roll back; {@code admin} also
 * release locks, deploy an untested image, and whatever changes services or tokens.
 */
public enum Scope {
    READ, DEPLOY, ADMIN;

    /** The scope of {@code gantry token create} when none is given. */
    public static final Scope DEFAULT = DEPLOY;

    /** The lower-case word shown to people and stored. */
    public String word() {
        return name().toLowerCase();
    }

    /** Whether a token of this scope may do what needs {@code needed}. */
    public boolean allows(Scope needed) {
        return compareTo(needed) >= 0;
    }

    /** The scope named {@code word}, if it is one. */
    public static Optional<Scope> of(String word) {
        return Arrays.stream(values()).filter(scope -> scope.word().equals(word)).findFirst();
    }

    /** The scope named {@code word}, or a message that says which words there are. */
    public static Scope parse(String word) {
        return of(word).orElseThrow(() -> new ServerInputException("--scope should be read, deploy or admin, was \""
                + word + "\". read: every GET; deploy: also push, run, deploy, rollback, scale; admin: also locks,"
                + " untested images, services and tokens."));
    }
}
