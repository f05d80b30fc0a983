package dev.gantry.pipeline;

import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Deployment;
import dev.gantry.image.ImageReference;
import dev.gantry.secret.SecretValues;
import dev.gantry.store.InstallationId;
import java.nio.file.Path;

/** Everything the stages of one run share: the deployment it makes, its source and its workspace. */
record RunContext(Deployment deployment, ServiceSource source, Path workspace) {

    /** The context of run {@code runId} of {@code installation}: images tagged with the commit in {@code registry}. */
    static RunContext of(InstallationId installation, long runId, ServiceSource source, ServiceConfig config,
                         Path workspace, String registry) {
        String tag = source.release().commit();
        return new RunContext(new Deployment(installation, runId, config, tag,
                ImageReference.of(registry, config.image(), tag),
                ImageReference.of(registry, config.image() + "-test", tag)), source, workspace);
    }

    /** The same run, whose containers get {@code secrets}. */
    RunContext withSecrets(SecretValues secrets) {
        return new RunContext(deployment.withSecrets(secrets), source, workspace);
    }

    long runId() {
        return deployment.runId();
    }

    ServiceConfig config() {
        return deployment.config();
    }

    ImageReference appImage() {
        return deployment.appImage();
    }

    ImageReference testImage() {
        return deployment.testImage();
    }

    Release release() {
        return source.release();
    }
}
