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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * An engine that records what it is asked to do, keeps its long-running containers in memory
 * (each published on its own port), and fails where a test says so.
 */
public final class RecordingEngine implements Engine {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<BuildRequest> builds = Collections.synchronizedList(new ArrayList<>());
    final List<ContainerSpec> testContainers = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ContainerState> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The calls that were blocked and then interrupted (a stage past its deadline). */
    final List<String> interrupted = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failingBuilds = new HashSet<>();
    private final Set<String> hangingStarts = new HashSet<>();
    private final Map<String, ContainerExit> failingTests = new HashMap<>();
    private int nextPort = 32000;
    private int nextId = 1;
    private volatile String removeRefusal;
    /** The named volumes on this engine. */
    final Set<String> volumes = Collections.synchronizedSet(new HashSet<>());
    /** The networks on this engine, by id; their gateway is loopback, so a relay on it really listens. */
    final Map<String, NetworkState> networks = Collections.synchronizedMap(new LinkedHashMap<>());

    RecordingEngine failBuildOf(String tagPrefix) {
        failingBuilds.add(tagPrefix);
        return this;
    }

    /** Starting the container {@code name} hangs, as a stuck Docker would, until the thread is interrupted. */
    RecordingEngine hangOnStartOf(String name) {
        hangingStarts.add(name);
        return this;
    }

    /** Removing a container fails with {@code dockerMessage} (null: removing works again). */
    RecordingEngine refuseRemoves(String dockerMessage) {
        removeRefusal = dockerMessage;
        return this;
    }

    /** Test containers of {@code phase} ("pre-deployment" …) end with {@code exit}. */
    RecordingEngine testsExit(String phase, ContainerExit exit) {
        failingTests.put(phase, exit);
        return this;
    }

    /** The names of the containers that run now. */
    public List<String> running() {
        synchronized (containers) {
            return containers.values().stream().filter(ContainerState::running).map(ContainerState::name).toList();
        }
    }

    @Override
    public String address() {
        return "fake://engine";
    }

    @Override
    public void ping() {
        calls.add("ping");
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public String build(BuildRequest request, Duration deadline, LogSink log) {
        String tag = request.tags().getFirst();
        calls.add("build " + tag);
        builds.add(request);
        log.line("Step 1/1 : FROM base");
        if (failingBuilds.stream().anyMatch(tag::startsWith)) {
            log.line("unknown instruction: FORM");
            throw new EngineException("Building " + tag, "dockerfile parse error line 1: unknown instruction: FORM");
        }
        return "sha256:" + Integer.toHexString(tag.hashCode());
    }

    @Override
    public void push(String reference, Duration deadline, LogSink log) {
        calls.add("push " + reference);
    }

    @Override
    public void pull(String reference, Duration deadline, LogSink log) {
        calls.add("pull " + reference);
    }

    @Override
    public ContainerExit runToCompletion(ContainerSpec spec, Duration deadline, LogSink log) {
        calls.add("run " + spec.name());
        testContainers.add(spec);
        log.line("PASS list books");
        ContainerExit exit = failingTests.getOrDefault(spec.env().get("TEST_TYPE"), new ContainerExit(0, false, false));
        if (!exit.succeeded()) {
            log.line("FAIL delete book: expected 204 but was 500");
        }
        return exit;
    }

    @Override
    public String start(ContainerSpec spec) {
        calls.add("start " + spec.name());
        if (hangingStarts.contains(spec.name())) {
            hang("start " + spec.name());
        }
        Map<Integer, Integer> ports = new HashMap<>();
        synchronized (this) {
            spec.publish().forEach(port -> ports.put(port, nextPort++));
        }
        // like Docker's, an id is never a name and stays when the container is renamed
        String id;
        synchronized (this) {
            id = "c" + (nextId++);
        }
        containers.put(id, new ContainerState(id, spec.name(), spec.image(), spec.labels(), true,
                "running", 0, false, 0, ports));
        return id;
    }

    /** The id of the container whose id or name is {@code idOrName}, as Docker resolves it. */
    private Optional<String> idOf(String idOrName) {
        synchronized (containers) {
            if (containers.containsKey(idOrName)) {
                return Optional.of(idOrName);
            }
            return containers.values().stream().filter(c -> c.name().equals(idOrName)).map(ContainerState::id).findFirst();
        }
    }

    /** The name {@code idOrName} stands for now, so that the calls read as names. */
    private String nameOf(String idOrName) {
        return idOf(idOrName).map(id -> containers.get(id).name()).orElse(idOrName);
    }

    private void hang(String call) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted.add(call);
            Thread.currentThread().interrupt();
            throw new EngineException(call, "interrupted");
        }
    }

    @Override
    public Optional<ContainerState> inspect(String idOrName) {
        return idOf(idOrName).map(containers::get);
    }

    @Override
    public List<ContainerState> list(Map<String, String> labels) {
        synchronized (containers) {
            return containers.values().stream()
                    .filter(c -> c.labels().entrySet().containsAll(labels.entrySet())).toList();
        }
    }

    @Override
    public void stop(String id, Duration grace) {
        calls.add("stop " + nameOf(id));
        containers.computeIfPresent(idOf(id).orElse(id), (name, c) -> new ContainerState(c.id(), c.name(), c.image(), c.labels(), false,
                "exited", 143, false, 0, c.ports()));
    }

    @Override
    public synchronized void rename(String idOrName, String newName) {
        calls.add("rename " + nameOf(idOrName) + " " + newName);
        idOf(idOrName).ifPresent(id -> containers.computeIfPresent(id, (key, c) -> new ContainerState(c.id(), newName,
                c.image(), c.labels(), c.running(), c.status(), c.exitCode(), c.oomKilled(), c.restartCount(), c.ports())));
    }

    @Override
    public void remove(String id) {
        calls.add("remove container " + nameOf(id));
        if (removeRefusal != null) {
            throw new EngineException("Removing container " + id, removeRefusal);
        }
        idOf(id).ifPresent(containers::remove);
    }

    @Override
    public boolean volumeExists(String name) {
        return volumes.contains(name);
    }

    @Override
    public List<String> logs(String id, int lines) {
        return List.of(id + " listening on 8080");
    }

    @Override
    public boolean readLogs(String id, LogRead read, Consumer<TimedLine> lines) {
        lines.accept(new TimedLine(Instant.EPOCH, id + " listening on 8080"));
        return true;
    }

    @Override
    public List<String> declaredVolumes(String image) {
        return List.of("/data");
    }

    @Override
    public List<ImageState> images(Map<String, String> labels) {
        return List.of();
    }

    @Override
    public void removeImage(String reference) {
        calls.add("remove " + reference);
    }

    @Override
    public NetworkState createInternalNetwork(String name, Map<String, String> labels) {
        calls.add("create network " + name);
        var network = new NetworkState("net-" + nextId++, name, Map.copyOf(labels), "127.0.0.0/8", "127.0.0.1");
        networks.put(network.id(), network);
        return network;
    }

    @Override
    public List<NetworkState> networks(Map<String, String> labels) {
        synchronized (networks) {
            return networks.values().stream()
                    .filter(n -> n.labels().entrySet().containsAll(labels.entrySet())).toList();
        }
    }

    @Override
    public void removeNetwork(String id) {
        NetworkState removed = networks.remove(id);
        calls.add("remove network " + (removed == null ? id : removed.name()));
    }

    @Override
    public Swarm swarm() {
        return NoSwarm.INSTANCE;
    }

    @Override
    public void close() {
    }
}
