package dev.gantry.deploy;

import dev.gantry.config.ServiceConfig;
import dev.gantry.image.ImageReference;

/** One release of one service being deployed: which run, which config, which images. */
public record Deployment(long runId, ServiceConfig config, String release, ImageReference appImage,
                         ImageReference testImage) {

    /** The service's name. */
    public String service() {
        return config.service();
    }
}
