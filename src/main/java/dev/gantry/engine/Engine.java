package dev.gantry.engine;

import dev.gantry.config.Login;
import dev.gantry.config.OutputLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Docker engine, reached through its API. The only door to Docker in Gantry: every other package
 * describes what it wants as data ({@link BuildRequest}, {@link ContainerSpec}) and hands it here.
 */
public interface Engine extends AutoCloseable {

    /** Connects to the engine at {@code dockerHost} (unix:// or tcp://), or the local socket when empty. */
    static Engine connect(Optional<String> dockerHost) {
        return DockerEngine.connect(dockerHost.orElse(DockerEngine.LOCAL_SOCKET), RegistryAuth.NONE,
                OutputLimits.DEFAULTS);
    }

    /**
     * Connects as {@link #connect(Optional)}, and pushes to and pulls from {@code registry} with {@code login}
     * (docker's X-Registry-Auth); images of any other registry are moved without credentials.
     */
    static Engine connect(Optional<String> dockerHost, String registry, Optional<Login> login) {
        return connect(dockerHost, registry, login, OutputLimits.DEFAULTS);
    }

    /**
     * As above, with output lines cut at {@code output.lineMax()} bytes (output/line-max) and Docker's log of
     * each container it creates held to {@code output.containerLogMax()} (output/container-log-max).
     */
    static Engine connect(Optional<String> dockerHost, String registry, Optional<Login> login, OutputLimits output) {
        return DockerEngine.connect(dockerHost.orElse(DockerEngine.LOCAL_SOCKET), new RegistryAuth(registry, login),
                output);
    }

    /** The address this engine is reached at, for messages. */
    String address();

    /** Checks that the engine answers; throws {@link EngineUnavailableException} with the fix if not. */
    void ping();

    /** The engine's product version and API version, e.g. "Docker 20.10.24, API 1.41". */
    String describe();

    /** Builds an image and tags it; returns the image id. Build output goes to {@code log}. */
    String build(BuildRequest request, Duration deadline, LogSink log);

    /** Pushes {@code reference} (registry/repository:tag) to its registry. */
    void push(String reference, Duration deadline, LogSink log);

    /** Makes {@code reference} present on this engine, pulling it from its registry if it is not. */
    void pull(String reference, Duration deadline, LogSink log);

    /** Starts a container, streams its output to {@code log}, waits for it to exit and removes it. */
    ContainerExit runToCompletion(ContainerSpec spec, Duration deadline, LogSink log);

    /** Creates and starts a long-running container; returns its id. */
    String start(ContainerSpec spec);

    /** What Docker says about a container, by id or name; empty if there is no such container. */
    Optional<ContainerState> inspect(String idOrName);

    /** Every container, running or not, that carries all of {@code labels}. */
    List<ContainerState> list(Map<String, String> labels);

    /** Stops a container, giving it {@code grace} after SIGTERM; an absent or stopped one is not an error. */
    void stop(String id, Duration grace);

    /** Gives a container, by id or name, the name {@code newName}. */
    void rename(String idOrName, String newName);

    /** Removes a container and its anonymous volumes; an absent one is not an error. */
    void remove(String id);

    /** The last {@code lines} lines of a container's output, oldest first. */
    List<String> logs(String id, int lines);

    /**
     * A container's output with Docker's times, line by line to {@code lines}, as {@code read} says (gantry logs);
     * answers whether it was read to its end (false: the deadline passed first).
     */
    boolean readLogs(String id, LogRead read, Consumer<TimedLine> lines);

    /** The paths an image declares as volumes ({@code VOLUME} in its Dockerfile). */
    List<String> declaredVolumes(String image);

    /** Whether a volume named {@code name} exists on this engine. */
    boolean volumeExists(String name);

    /** Every local image that carries all of {@code labels}, newest first. */
    List<ImageState> images(Map<String, String> labels);

    /** Removes a tag or image if it exists; an absent image is not an error. */
    void removeImage(String reference);

    /**
     * Creates an internal bridge network named {@code name} (no route to other networks or out of the
     * host) carrying {@code labels}; its gateway is an address of the engine's host.
     */
    NetworkState createInternalNetwork(String name, Map<String, String> labels);

    /** Every network that carries all of {@code labels}. */
    List<NetworkState> networks(Map<String, String> labels);

    /** Removes a network by id; an absent one is not an error. */
    void removeNetwork(String id);

    /** The Swarm this engine belongs to, if any ({@link Swarm#role()} says): its nodes, services and tasks. */
    Swarm swarm();

    @Override
    void close();
}
