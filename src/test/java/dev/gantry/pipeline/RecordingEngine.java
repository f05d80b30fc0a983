package dev.gantry.pipeline;

import dev.gantry.engine.BuildRequest;
import dev.gantry.engine.ContainerExit;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.ImageState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An engine that records what it is asked to do and fails where a test says so. */
final class RecordingEngine implements Engine {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<BuildRequest> builds = Collections.synchronizedList(new ArrayList<>());
    final List<ContainerSpec> containers = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failingBuilds = new HashSet<>();
    private ContainerExit testExit = new ContainerExit(0, false, false);

    RecordingEngine failBuildOf(String tagPrefix) {
        failingBuilds.add(tagPrefix);
        return this;
    }

    RecordingEngine testsExit(ContainerExit exit) {
        this.testExit = exit;
        return this;
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
            throw new dev.gantry.engine.EngineException("Building " + tag, "dockerfile parse error line 1: unknown instruction: FORM");
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
        containers.add(spec);
        log.line("PASS list books");
        if (!testExit.succeeded()) {
            log.line("FAIL delete book: expected 204 but was 500");
        }
        return testExit;
    }

    @Override
    public String start(ContainerSpec spec) {
        calls.add("start " + spec.name());
        return spec.name();
    }

    @Override
    public Optional<ContainerState> inspect(String idOrName) {
        return Optional.empty();
    }

    @Override
    public List<ContainerState> list(Map<String, String> labels) {
        return List.of();
    }

    @Override
    public void stop(String id, Duration grace) {
        calls.add("stop " + id);
    }

    @Override
    public void remove(String id) {
        calls.add("remove container " + id);
    }

    @Override
    public List<String> logs(String id, int lines) {
        return List.of();
    }

    @Override
    public List<String> declaredVolumes(String image) {
        return List.of();
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
    public void close() {
    }
}
