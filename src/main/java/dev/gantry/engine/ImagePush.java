package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.time.Duration;

/** One push of a tagged image to its registry. */
final class ImagePush {
    private final DockerClient docker;
    private final DockerCalls calls;

    ImagePush(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    void run(String reference, Duration deadline, LogSink log) {
        String what = "Pushing " + reference;
        RepositoryTag image = RepositoryTag.parse(reference);
        var outcome = new StreamOutcome<PushResponseItem>(log);
        calls.run(what, () -> docker.pushImageCmd(image.repository())
                .withTag(image.tag())
                .withAuthConfig(new AuthConfig())
                .exec(outcome));
        outcome.await(what, deadline, calls);
    }
}
