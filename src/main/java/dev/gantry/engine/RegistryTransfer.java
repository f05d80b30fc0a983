package dev.gantry.engine;

import dev.gantry.fault.Action;
import dev.gantry.fault.Failpoints;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import java.time.Duration;

/** Moves a tagged image between this engine and its registry: a push or a pull, followed to its end. */
final class RegistryTransfer {
    private final DockerClient docker;
    private final DockerCalls calls;
    private final RegistryAuth auth;
    private final int lineMax;

    RegistryTransfer(DockerClient docker, DockerCalls calls, RegistryAuth auth, int lineMax) {
        this.docker = docker;
        this.calls = calls;
        this.auth = auth;
        this.lineMax = lineMax;
    }

    void push(String reference, Duration deadline, LogSink log) {
        String what = "Pushing " + reference;
        RepositoryTag image = RepositoryTag.parse(reference);
        Failpoints.call(Action.REGISTRY, () -> new EngineException(what, "Get \"http://" + image.repository()
                + "/v2/\": dial tcp: connection refused (injected: GANTRY_FAILPOINTS)"));
        var outcome = new StreamOutcome<PushResponseItem>(log, lineMax);
        calls.run(what, () -> docker.pushImageCmd(image.repository()).withTag(image.tag())
                .withAuthConfig(auth.forImage(image.repository())).exec(outcome));
        outcome.await(what, deadline, calls);
    }

    void pull(String reference, Duration deadline, LogSink log) {
        String what = "Pulling " + reference;
        RepositoryTag image = RepositoryTag.parse(reference);
        Failpoints.call(Action.REGISTRY, () -> new EngineException(what, "Get \"http://" + image.repository()
                + "/v2/\": dial tcp: connection refused (injected: GANTRY_FAILPOINTS)"));
        var outcome = new StreamOutcome<PullResponseItem>(log, lineMax);
        calls.run(what, () -> docker.pullImageCmd(image.repository()).withTag(image.tag())
                .withAuthConfig(auth.forImage(image.repository())).exec(outcome));
        outcome.await(what, deadline, calls);
    }
}
