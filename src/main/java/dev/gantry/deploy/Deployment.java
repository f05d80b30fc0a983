package dev.gantry.deploy;

import dev.gantry.config.ServiceConfig;
import dev.gantry.image.ImageReference;
import dev.gantry.secret.SecretValues;

/**
 * One release of one service being deployed: which run, which config, which images, and the
 * service's secrets, which its containers get as environment variables (docs/secrets.md).
 */
public record Deployment(long runId, ServiceConfig config, String release, ImageReference appImage,
                         ImageReference testImage, SecretValues secrets) {

    /** A deployment of a service without secrets. */
    public Deployment(long runId, ServiceConfig config, String release, ImageReference appImage,
                      ImageReference testImage) {
        this(runId, config, release, appImage, testImage, SecretValues.NONE);
    }

    /** The service's name. */
    public String service() {
        return config.service();
    }

    /** The same deployment with these secrets. */
    public Deployment withSecrets(SecretValues values) {
        return new Deployment(runId, config, release, appImage, testImage, values);
    }
}
