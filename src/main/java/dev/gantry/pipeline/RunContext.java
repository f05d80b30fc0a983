package dev.gantry.pipeline;

import dev.gantry.config.ServiceConfig;
import dev.gantry.image.ImageReference;
import java.nio.file.Path;

/** Everything the stages of one run share: which run, what is built, where, and under which names. */
record RunContext(
        long runId, ServiceSource source, ServiceConfig config, Path workspace,
        ImageReference appImage, ImageReference testImage) {

    /** The context of run {@code runId}: images tagged with the commit in {@code registry}. */
    static RunContext of(long runId, ServiceSource source, ServiceConfig config, Path workspace, String registry) {
        String tag = source.release().commit();
        return new RunContext(runId, source, config, workspace,
                ImageReference.of(registry, config.image(), tag),
                ImageReference.of(registry, config.image() + "-test", tag));
    }

    Release release() {
        return source.release();
    }
}
