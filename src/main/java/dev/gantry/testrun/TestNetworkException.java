package dev.gantry.testrun;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The integration tests' network could not be given its relay: the CD engine is not on this machine. */
final class TestNetworkException extends GantryException {

    TestNetworkException(String network, String gateway, String reason) {
        super("Cannot relay TARGET_URL into the test network " + network + ": its gateway " + gateway
                + " is not an address Gantry can listen on (" + reason + "). Integration tests run on the CD"
                + " engine (cd-docker-host, else docker-host), which must run on the machine that runs gantry.");
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
