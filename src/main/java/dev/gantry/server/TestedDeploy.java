package dev.gantry.server;

import dev.gantry.GantryException;
import dev.gantry.pipeline.DeployableImage;
import dev.gantry.stage.RunListener;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.util.Optional;
import java.util.function.Function;

/**
 * A deploy of an image that already exists (docs/server.md, "Deploy only what Gantry tested"): checked with
 * {@link DeployableImage#check} before anything is queued, then queued. The API's {@code POST
 * /api/v1/services/{service}/deploy} and the web UI's "Deploy again" both go through here, so both refuse the same.
 */
public final class TestedDeploy {
    private final Store store;
    private final String registry;
    private final RunQueue queue;

    /** Deploys images of {@code registry} (installation.registry()) that {@code store} knows, on {@code queue}. */
    public TestedDeploy(Store store, String registry, RunQueue queue) {
        this.store = store;
        this.registry = registry;
        this.queue = queue;
    }

    /**
     * Why each image may not be deployed to {@code service} without {@code untested} (the rule {@link #submit} keeps),
     * in {@link DeployableImage}'s words, empty when it may; the service's gantry.yml read once, for a page that asks
     * it of many images.
     */
    public Function<String, Optional<String>> refusals(String service) {
        DeployableImage rule;
        try {
            rule = DeployableImage.of(store, registry, service);
        } catch (GantryException e) {
            return image -> Optional.of(e.getMessage());
        }
        return image -> {
            try {
                rule.check(image, false);
                return Optional.empty();
            } catch (GantryException e) {
                return Optional.of(e.getMessage());
            }
        };
    }

    /**
     * Queues a deploy of {@code image} to {@code service} asked by {@code trigger}; refuses it with an
     * {@link GantryException} (nothing queued) when the image is not deployable: not of the registry, or,
     * unless {@code untested}, not built and tested by a run of the service.
     */
    public QueuedRun submit(String service, String image, boolean untested, String trigger) {
        DeployableImage.check(store, registry, service, image, untested);  // no request sent yet
        return queue.submit(RunRequest.deploy(service, image, untested, trigger, RunListener.SILENT));
    }
}
