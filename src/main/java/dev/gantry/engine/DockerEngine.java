package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import dev.gantry.config.OutputLimits;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Engine} over the Docker Engine API (docker-java, Apache HttpClient 5 transport). */
final class DockerEngine implements Engine {
    static final String LOCAL_SOCKET = "unix:///var/run/docker.sock";

    private final String address;
    private final DockerClient docker;
    private final DockerCalls calls;
    private final Containers containers;
    private final Networks networks;
    private final RegistryAuth auth;
    private final int lineMax;
    private final ContainerLog containerLog;
    private final Swarm swarm;

    private DockerEngine(String address, DockerClient docker, RegistryAuth auth, OutputLimits output) {
        this.address = address;
        this.docker = docker;
        this.auth = auth;
        this.calls = new DockerCalls(address);
        this.lineMax = output.lineMax();
        this.containerLog = new ContainerLog(output.containerLogMax());
        this.containers = new Containers(docker, calls, lineMax, containerLog);
        this.networks = new Networks(docker, calls);
        this.swarm = new DockerSwarm(docker, calls, auth, lineMax, containerLog);
    }

    static DockerEngine connect(String dockerHost, RegistryAuth auth, OutputLimits output) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .maxConnections(50)
                .build();
        return new DockerEngine(dockerHost, DockerClientImpl.getInstance(config, http), auth, output);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void ping() {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw calls.unavailable(e);
        }
    }

    @Override
    public String describe() {
        ping();
        var version = calls.call("Reading the engine version", () -> docker.versionCmd().exec());
        return "Docker " + version.getVersion() + ", API " + version.getApiVersion();
    }

    @Override
    public String build(BuildRequest request, Duration deadline, LogSink log) {
        return new ImageBuild(docker, calls, lineMax).run(request, deadline, log);
    }

    @Override
    public void push(String reference, Duration deadline, LogSink log) {
        new RegistryTransfer(docker, calls, auth, lineMax).push(reference, deadline, log);
    }

    @Override
    public void pull(String reference, Duration deadline, LogSink log) {
        try {
            docker.inspectImageCmd(reference).exec();
            return;
        } catch (NotFoundException absent) {
            log.line(reference + " is not on " + address + "; pulling it");
        } catch (RuntimeException e) {
            throw calls.unavailable(e);
        }
        new RegistryTransfer(docker, calls, auth, lineMax).pull(reference, deadline, log);
    }

    @Override
    public ContainerExit runToCompletion(ContainerSpec spec, Duration deadline, LogSink log) {
        return new ContainerRun(docker, calls, lineMax, containerLog).run(spec, deadline, log);
    }

    @Override
    public String start(ContainerSpec spec) {
        return containers.start(spec);
    }

    @Override
    public Optional<ContainerState> inspect(String idOrName) {
        return containers.inspect(idOrName);
    }

    @Override
    public List<ContainerState> list(Map<String, String> labels) {
        return containers.list(labels);
    }

    @Override
    public void stop(String id, Duration grace) {
        containers.stop(id, grace);
    }

    @Override
    public void rename(String idOrName, String newName) {
        containers.rename(idOrName, newName);
    }

    @Override
    public void remove(String id) {
        containers.remove(id);
    }

    @Override
    public List<String> logs(String id, int lines) {
        return containers.logs(id, lines);
    }

    @Override
    public boolean readLogs(String id, LogRead read, Consumer<TimedLine> lines) {
        return containers.readLogs(id, read, lines);
    }

    @Override
    public boolean volumeExists(String name) {
        try {
            calls.run("Inspecting volume " + name, () -> docker.inspectVolumeCmd(name).exec());
            return true;
        } catch (EngineException e) {
            if (e.dockerMessage().contains("no such volume") || e.dockerMessage().startsWith("Status 404")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<String> declaredVolumes(String image) {
        var config = calls.call("Inspecting image " + image, () -> docker.inspectImageCmd(image).exec()).getConfig();
        if (config == null || config.getVolumes() == null) {
            return List.of();
        }
        return config.getVolumes().keySet().stream().sorted().toList();
    }

    @Override
    public List<ImageState> images(Map<String, String> labels) {
        var found = calls.call("Listing images labelled " + labels,
                () -> docker.listImagesCmd().withLabelFilter(labels).exec());
        return found.stream()
                .map(i -> new ImageState(i.getId(), i.getRepoTags() == null ? List.of() : List.of(i.getRepoTags()),
                        Instant.ofEpochSecond(i.getCreated()), i.getLabels() == null ? Map.of() : i.getLabels()))
                .sorted(Comparator.comparing(ImageState::created).reversed())
                .toList();
    }

    @Override
    public void removeImage(String reference) {
        try {
            calls.run("Removing image " + reference, () -> docker.removeImageCmd(reference).exec());
        } catch (EngineException e) {
            if (!e.dockerMessage().contains("No such image")) {
                throw e;
            }
        }
    }

    @Override
    public NetworkState createInternalNetwork(String name, Map<String, String> labels) {
        return networks.createInternal(name, labels);
    }

    @Override
    public List<NetworkState> networks(Map<String, String> labels) {
        return networks.list(labels);
    }

    @Override
    public void removeNetwork(String id) {
        networks.remove(id);
    }

    @Override
    public Swarm swarm() {
        return swarm;
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // closing the HTTP client of a finished command; nothing left to release
        }
    }
}
