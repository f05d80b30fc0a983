package dev.gantry.deploy;

import dev.gantry.config.ServiceConfig;
import dev.gantry.image.ImageReference;
import dev.gantry.secret.SecretValues;
import dev.gantry.store.InstallationId;

/**
 * One release of one service being deployed: by which installation, which run, which config, which
 * images, and the service's secrets, which its containers get as environment variables
 * (docs/secrets.md).
 */
public record Deployment(InstallationId installation, long runId, ServiceConfig config, String release,
                         ImageReference appImage, ImageReference testImage, SecretValues secrets) {

    /** A deployment of a service without secrets. */
    public Deployment(InstallationId installation, long runId, ServiceConfig config, String release,
                      ImageReference appImage, ImageReference testImage) {
        this(installation, runId, config, release, appImage, testImage, SecretValues.NONE);
    }

    /** The deployment of {@code commit} by run {@code runId}: both images tagged with the commit in {@code registry}. */
    public static Deployment ofCommit(InstallationId installation, long runId, ServiceConfig config, String commit,
                                      String registry) {
        return new Deployment(installation, runId, config, commit, ImageReference.of(registry, config.image(), commit),
                ImageReference.of(registry, config.image() + "-test", commit));
    }

    /** The deployment of {@code image}, already pushed, by run {@code runId}: its test image has the same tag beside it. */
    public static Deployment ofImage(InstallationId installation, long runId, ServiceConfig config, String release,
                                     ImageReference image) {
        return new Deployment(installation, runId, config, release, image,
                ImageReference.of(image.registry(), config.image() + "-test", image.tag()));
    }

    /** The service's name. */
    public String service() {
        return config.service();
    }

    /** The same deployment with these secrets. */
    public Deployment withSecrets(SecretValues values) {
        return new Deployment(installation, runId, config, release, appImage, testImage, values);
    }
}
