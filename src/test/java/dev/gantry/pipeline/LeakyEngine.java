package dev.gantry.pipeline;

import dev.gantry.engine.BuildRequest;
import dev.gantry.engine.ContainerExit;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;
import dev.gantry.engine.ImageState;
import dev.gantry.engine.LogRead;
import dev.gantry.engine.LogSink;
import dev.gantry.engine.NetworkState;
import dev.gantry.engine.Swarm;
import dev.gantry.engine.TimedLine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link RecordingEngine} whose containers print the secret {@code API_TOKEN} of their environment
 * raw, URL-encoded and base64-encoded, as a careless service would, and whose failures can name it.
 */
final class LeakyEngine implements Engine {
    final RecordingEngine recording = new RecordingEngine();
    final List<ContainerSpec> appContainers = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> env = Collections.synchronizedMap(new HashMap<>());
    private String buildFailure;
    private RuntimeException pullFailure;

    /** Builds fail, Docker saying {@code message}. */
    LeakyEngine failBuildsSaying(String message) {
        buildFailure = message;
        return this;
    }

    /** Pulls throw {@code failure}. */
    LeakyEngine failPulls(RuntimeException failure) {
        pullFailure = failure;
        return this;
    }

    /** The lines a container with {@code token} in its environment prints. */
    static List<String> leaks(String who, String token) {
        return List.of(who + " raw: " + token,
                who + " url: " + URLEncoder.encode(token, StandardCharsets.UTF_8),
                who + " url%20: " + URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20"),
                who + " base64: " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)),
                who + " header: " + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("Bearer " + token).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public ContainerExit runToCompletion(ContainerSpec spec, Duration deadline, LogSink log) {
        leaks(spec.name(), spec.env().get("API_TOKEN")).forEach(log::line);
        return recording.runToCompletion(spec, deadline, log);
    }

    @Override
    public String start(ContainerSpec spec) {
        appContainers.add(spec);
        env.put(spec.name(), spec.env().get("API_TOKEN"));
        return recording.start(spec);
    }

    @Override
    public List<String> logs(String id, int lines) {
        List<String> all = new ArrayList<>(leaks(id, env.get(id)));
        all.addAll(recording.logs(id, lines));
        return all;
    }

    @Override
    public boolean readLogs(String id, LogRead read, Consumer<TimedLine> lines) {
        return recording.readLogs(id, read, lines);
    }

    @Override
    public String build(BuildRequest request, Duration deadline, LogSink log) {
        if (buildFailure != null) {
            throw new EngineException("Building " + request.tags().getFirst(), buildFailure);
        }
        return recording.build(request, deadline, log);
    }

    @Override
    public void pull(String reference, Duration deadline, LogSink log) {
        if (pullFailure != null) {
            throw pullFailure;
        }
        recording.pull(reference, deadline, log);
    }

    @Override
    public String address() {
        return recording.address();
    }

    @Override
    public void ping() {
        recording.ping();
    }

    @Override
    public String describe() {
        return recording.describe();
    }

    @Override
    public void push(String reference, Duration deadline, LogSink log) {
        recording.push(reference, deadline, log);
    }

    @Override
    public Optional<ContainerState> inspect(String idOrName) {
        return recording.inspect(idOrName);
    }

    @Override
    public List<ContainerState> list(Map<String, String> labels) {
        return recording.list(labels);
    }

    @Override
    public void stop(String id, Duration grace) {
        recording.stop(id, grace);
    }

    @Override
    public void remove(String id) {
        recording.remove(id);
    }

    @Override
    public void rename(String idOrName, String newName) {
        recording.rename(idOrName, newName);
    }

    @Override
    public boolean volumeExists(String name) {
        return recording.volumeExists(name);
    }

    @Override
    public List<String> declaredVolumes(String image) {
        return recording.declaredVolumes(image);
    }

    @Override
    public List<ImageState> images(Map<String, String> labels) {
        return recording.images(labels);
    }

    @Override
    public void removeImage(String reference) {
        recording.removeImage(reference);
    }

    @Override
    public NetworkState createInternalNetwork(String name, Map<String, String> labels) {
        return recording.createInternalNetwork(name, labels);
    }

    @Override
    public List<NetworkState> networks(Map<String, String> labels) {
        return recording.networks(labels);
    }

    @Override
    public void removeNetwork(String id) {
        recording.removeNetwork(id);
    }

    @Override
    public Swarm swarm() {
        return NoSwarm.INSTANCE;
    }

    @Override
    public void close() {
        recording.close();
    }
}
