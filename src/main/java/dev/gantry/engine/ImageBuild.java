package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.time.Duration;
import java.util.HashSet;

/** One image build: sends the context, follows the output, and answers the image id or Docker's error. */
final class ImageBuild {
    private final DockerClient docker;
    private final DockerCalls calls;

    ImageBuild(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    String run(BuildRequest request, Duration deadline, LogSink log) {
        String what = "Building " + request.tags().getFirst();
        var outcome = new BuildOutcome(log);
        var cmd = docker.buildImageCmd()
                .withBaseDirectory(request.context().toFile())
                .withDockerfile(request.dockerfile().toFile())
                .withTags(new HashSet<>(request.tags()))
                .withLabels(request.labels())
                .withPull(false)
                .withRemove(true)
                .withForcerm(true);
        request.args().forEach(cmd::withBuildArg);
        calls.run(what, () -> cmd.exec(outcome));
        outcome.await(what, deadline, calls);
        if (outcome.imageId == null) {
            throw new EngineException(what, "Docker ended the build without reporting an image id");
        }
        return outcome.imageId;
    }

    private static final class BuildOutcome extends StreamOutcome<BuildResponseItem> {
        private volatile String imageId;

        BuildOutcome(LogSink log) {
            super(log);
        }

        @Override
        public void onNext(BuildResponseItem item) {
            super.onNext(item);
            if (item.isBuildSuccessIndicated()) {
                imageId = item.getImageId();
            }
        }
    }
}
