package dev.gantry;

import dev.gantry.store.InstallationId;

/** The installation id of unit tests: names of their containers end with {@code -inst0001}. */
public final class TestInstallation {
    /** The id every unit test's production and deployments carry. */
    public static final InstallationId ID = InstallationId.of("inst0001");

    private TestInstallation() {
    }
}
