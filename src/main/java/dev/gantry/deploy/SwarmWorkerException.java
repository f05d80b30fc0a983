package dev.gantry.deploy;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The production engine is a worker of a Swarm, which cannot create services: Gantry needs a manager. */
public final class SwarmWorkerException extends GantryException {

    public SwarmWorkerException(String address) {
        super("The Docker engine at " + address + " is a worker of a Swarm, and only a manager can create services."
                + " Point DOCKER_HOST (or docker-host in config.yml) at a manager of the Swarm (docker node ls on a"
                + " manager lists them; docs/swarm.md), then try again.");
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
