package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * One image build: sends the context, follows the output, and answers the image id or Docker's error.
 *
 * <p>The labels are one {@code LABEL} line added at the end of the Dockerfile that is sent (the file in the
 * workspace is not changed), not the API's {@code labels}: Docker's classic builder makes each of those a
 * build step of its own with an intermediate container, about 60 ms apiece on every build (bench/README.md,
 * "Pipeline"). A Dockerfile whose last line continues onto the next would swallow that line, so the built
 * image's labels are checked, and an image without them removed.
 *
 * <p>The classic builder reuses cached images of earlier builds; when another build's image is removed at
 * that moment (a prune of old releases, any service sharing the same first lines), Docker removes the
 * cached parent too and the build fails with "failed to get digest …: no such file or directory". Such a
 * build is started once more, within what is left of its deadline: the commit is not at fault.
 */
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
        Instant started = Instant.now();
        try {
            return runOnce(request, deadline, log);
        } catch (EngineException e) {
            if (!lostItsCache(e)) {
                throw e;
            }
            log.line("a cached image the build stood on was removed meanwhile (an image removal elsewhere);"
                    + " building once more");
            Duration left = deadline.minus(Duration.between(started, Instant.now()));
            if (left.isNegative() || left.isZero()) {
                throw e;
            }
            return runOnce(request, left, log);
        }
    }

    /** Whether Docker lost a cached image in the middle of the build ({@code failed to get digest … no such file}). */
    static boolean lostItsCache(EngineException e) {
        String said = e.dockerMessage();
        return said.contains("failed to get digest") && said.contains("no such file or directory");
    }

    private String runOnce(BuildRequest request, Duration deadline, LogSink log) {
        String what = "Building " + request.tags().getFirst();
        var outcome = new BuildOutcome(log, lineMax);
        Path tar = contextTar(request, labelLine(request.labels()), what);
        var cmd = docker.buildImageCmd()
                .withTarInputStream(open(tar, what))
                .withDockerfilePath(request.context().relativize(request.dockerfile()).toString())
                .withTags(new HashSet<>(request.tags()))
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
        checkLabels(outcome.imageId, request, what);
        return outcome.imageId;
    }

    /** {@code LABEL "key"="value" ...} on a line of its own, every value quoted and nothing in it expanded. */
    static String labelLine(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        var line = new StringBuilder("\nLABEL");
        new TreeMap<>(labels).forEach((key, value) -> line.append(' ').append(quoted(key)).append('=')
                .append(quoted(value)));
        return line.append('\n').toString();
    }

    private static String quoted(String text) {
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a label holds a control character: " + text.strip());
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }

    private void checkLabels(String imageId, BuildRequest request, String what) {
        Map<String, String> found = calls.call(what, () -> docker.inspectImageCmd(imageId).exec()).getConfig().getLabels();
        if (found == null || !found.entrySet().containsAll(request.labels().entrySet())) {
            calls.run("Removing the unlabelled image " + imageId,
                    () -> docker.removeImageCmd(imageId).withForce(true).exec());
            throw new EngineException(what, "the image lacks the labels that Gantry adds as the Dockerfile's last line;"
                    + " the Dockerfile's own last line goes on to the next one (it ends with the escape character, \\"
                    + " unless the file says otherwise): end that line");
        }
    }

    private static Path contextTar(BuildRequest request, String labelLine, String what) {
        try {
            Path tar = Files.createTempFile("gantry-context-", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                BuildContext.of(request.context()).writeTar(request.dockerfile(), labelLine, out);
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
