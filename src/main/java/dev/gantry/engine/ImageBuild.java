package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;

/** One image build: sends the context, follows the output, and answers the image id or Docker's error. */
final class ImageBuild {
    private final DockerClient docker;
    private final DockerCalls calls;
    private final int lineMax;

    ImageBuild(DockerClient docker, DockerCalls calls, int lineMax) {
        this.docker = docker;
        this.calls = calls;
        this.lineMax = lineMax;
    }

    String run(BuildRequest request, Duration deadline, LogSink log) {
        String what = "Building " + request.tags().getFirst();
        var outcome = new BuildOutcome(log, lineMax);
        Path tar = contextTar(request, what);
        var cmd = docker.buildImageCmd()
                .withTarInputStream(open(tar, what))
                .withDockerfilePath(request.context().relativize(request.dockerfile()).toString())
                .withTags(new HashSet<>(request.tags()))
                .withLabels(request.labels())
                .withPull(false)
                .withRemove(true)
                .withForcerm(true);
        request.args().forEach(cmd::withBuildArg);
        try {
            calls.run(what, () -> cmd.exec(outcome));
            outcome.await(what, deadline, calls);
        } finally {
            delete(tar);
        }
        if (outcome.imageId == null) {
            throw new EngineException(what, "Docker ended the build without reporting an image id");
        }
        return outcome.imageId;
    }

    private static Path contextTar(BuildRequest request, String what) {
        try {
            Path tar = Files.createTempFile("gantry-context-", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                BuildContext.of(request.context()).writeTar(request.dockerfile(), out);
            }
            return tar;
        } catch (IOException e) {
            throw new EngineException(what, "packing the build context " + request.context() + " failed: " + e.getMessage());
        }
    }

    private static InputStream open(Path tar, String what) {
        try {
            return Files.newInputStream(tar);
        } catch (IOException e) {
            throw new EngineException(what, "reading the packed build context failed: " + e.getMessage());
        }
    }

    private static void delete(Path tar) {
        try {
            Files.deleteIfExists(tar);
        } catch (IOException e) {
            // a temporary file; the OS cleans its temp directory
        }
    }

    private static final class BuildOutcome extends StreamOutcome<BuildResponseItem> {
        private volatile String imageId;

        BuildOutcome(LogSink log, int lineMax) {
            super(log, lineMax);
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
