package dev.gantry.engine;

import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.LogConfig;
import java.util.Map;

/**
 * Docker's own log of a container, held to {@code max} bytes on the engine's disk (output/container-log-max).
 * Without it the json-file driver keeps everything a container prints until the container is removed, and
 * an app container lives for weeks. json-file, whatever the daemon's default driver: the bound must hold on
 * every engine, and it is the driver {@code docker logs} and the common log shippers read. Two files of half
 * the bound each: when one is full Docker starts the other, so the last half of the bound is always there.
 *
 * @param max the most bytes of log files one container has at once
 */
record ContainerLog(long max) {
    static final int FILES = 2;

    /** Docker's log settings of a container ({@code HostConfig.LogConfig} of the Engine API). */
    LogConfig config() {
        return new LogConfig(LogConfig.LoggingType.JSON_FILE, options());
    }

    /** The same for each task of a Swarm service ({@code TaskTemplate.LogDriver}), on whichever node it runs. */
    Driver taskDriver() {
        return new Driver().withName(LogConfig.LoggingType.JSON_FILE.getType()).withOptions(options());
    }

    private Map<String, String> options() {
        return Map.of("max-size", String.valueOf(max / FILES), "max-file", String.valueOf(FILES));
    }
}
