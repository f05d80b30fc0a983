package dev.gantry.discovery;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The discovery backend (etcd) cannot be reached or does not answer in time; the message says how to fix that. */
public final class DiscoveryUnavailableException extends GantryException {
    private final String address;

    DiscoveryUnavailableException(String address, String action, String reason, Throwable cause) {
        super("Cannot " + action + " etcd at " + address + ": " + reason + ". Start etcd (bin/env-up starts"
                + " one on 127.0.0.1:2379) or set GANTRY_DISCOVERY to etcd://HOST:PORT of a running etcd, or to"
                + " embedded, then try again.", cause);
        this.address = address;
    }

    /** The etcd address that was tried, HOST:PORT. */
    public String address() {
        return address;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
