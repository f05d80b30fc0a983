package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PullResponseItem;
import java.time.Duration;

/** One pull of an image from its registry. */
final class ImagePull {
    private final DockerClient docker;
    private final DockerCalls calls;

    ImagePull(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    void run(String reference, Duration deadline, LogSink log) {
        String what = "Pulling " + reference;
        RepositoryTag image = RepositoryTag.parse(reference);
        var outcome = new StreamOutcome<PullResponseItem>(log);
        calls.run(what, () -> docker.pullImageCmd(image.repository())
                .withTag(image.tag())
                .exec(outcome));
        outcome.await(what, deadline, calls);
    }
}
