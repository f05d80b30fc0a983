package dev.gantry.source;

import org.eclipse.jgit.lib.ObjectChecker;

/**
 * What Gantry checks in every tree it receives, fetches or checks out, as git's fsck does: no entry named
 * {@code .}, {@code ..} or {@code .git} (any case, and the spellings Windows and macOS treat as it), no empty
 * name or one with {@code /}, no two entries of one name. Zero-padded modes, which old tools wrote and git
 * only warns about, are accepted.
 */
public final class TreeRules {
    private TreeRules() {
    }

    /** {@code checker}, set up with these rules. */
    public static <T extends ObjectChecker> T apply(T checker) {
        checker.setSafeForMacOS(true).setIgnore(ObjectChecker.ErrorType.ZERO_PADDED_FILEMODE, true);
        return checker;
    }
}
