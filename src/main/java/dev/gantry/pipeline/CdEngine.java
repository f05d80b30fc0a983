package dev.gantry.pipeline;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.config.Installation;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineUnavailableException;

/**
 * The CD engine of docs/design.md ({@code GANTRY_CD_DOCKER_HOST}, by default the production engine):
 * where tests, builds, pushes and integration-test containers run, while releases run on the
 * production engine ({@code DOCKER_HOST}). Says which engine does what, and what to fix when the CD
 * engine does not answer.
 */
public final class CdEngine {
    /** The environment variable that names the CD engine. */
    static final String SETTING = "GANTRY_CD_DOCKER_HOST";

    private CdEngine() {
    }

    /** Whether tests and builds run on another engine than the releases. */
    public static boolean separate(Installation installation) {
        return !installation.effectiveCdDockerHost().equals(installation.dockerHost());
    }

    /**
     * Checks that the CD engine answers; one that does not is reported as the CD engine, with its own
     * setting, unless it is the production engine itself.
     */
    public static void ping(Engine cd, Engine production) {
        try {
            cd.ping();
        } catch (EngineUnavailableException e) {
            throw cd == production ? e : new UnreachableException(e.address(), e.reason(), e);
        }
    }

    /** The separate CD engine's version; one that does not answer is named as the CD engine, with its own setting. */
    public static String describe(Engine cd) {
        try {
            return cd.describe();
        } catch (EngineUnavailableException e) {
            throw new UnreachableException(e.address(), e.reason(), e);
        }
    }

    /** What {@code gantry doctor} says of the production engine, {@code version} answered at {@code address}. */
    public static String production(String version, String address, boolean separate) {
        return version + " at " + address + (separate ? ": the production engine (DOCKER_HOST), runs the releases"
                : ": runs the releases, tests and builds (" + SETTING + " is not set, so the CD engine is this one)");
    }

    /** What {@code gantry doctor} says of a separate CD engine, {@code version} answered at {@code address}. */
    public static String cd(String version, String address) {
        return version + " at " + address + ": the CD engine (" + SETTING + "), runs the tests, builds and pushes";
    }

    /** The CD engine does not answer: nothing can be tested or built (exit 3). */
    static final class UnreachableException extends GantryException {
        UnreachableException(String address, String reason, Throwable cause) {
            super("Cannot reach the CD engine at " + address + " (" + SETTING + ", where tests and builds run): "
                    + reason + ". Start it (bin/env-up starts one on this machine and writes its address to"
                    + " .env/cd-docker-host), point " + SETTING + " at a running engine, or unset " + SETTING
                    + " to test and build on the production engine; then try again.", cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.ENVIRONMENT_UNUSABLE;
        }
    }
}
