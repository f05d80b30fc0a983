package dev.gantry.pipeline;

import dev.gantry.config.ServiceConfig;
import dev.gantry.image.ImageReference;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;

/**
 * Which image {@code deploy} may put live (docs/server.md, "Deploy only what Gantry tested"): one in
 * the installation's own registry, which a run of the service built and whose tests passed, unless an
 * admin says {@code untested}. Decided from the store alone: no request reaches any registry before,
 * so an image naming another registry never makes Gantry contact it.
 */
public final class DeployableImage {
    private final Store store;
    private final String registry;
    private final String service;
    private final ServiceConfig config;

    private DeployableImage(Store store, String registry, String service, ServiceConfig config) {
        this.store = store;
        this.registry = registry;
        this.service = service;
        this.config = config;
    }

    /**
     * The rule for the images of {@code service} in {@code registry}, its gantry.yml (of its newest run) read once:
     * for a page that asks it of many images.
     */
    public static DeployableImage of(Store store, String registry, String service) {
        return new DeployableImage(store, registry, service, ServiceConfig.parse(lastConfig(store, service),
                service + "/gantry.yml (from the store)"));
    }

    /**
     * The image {@code image} (registry/repository:tag, or a tag of the service's image) names for
     * {@code service} in {@code registry}, if it may be deployed; {@code untested} lifts only the test
     * condition, never the registry's.
     */
    public static ImageReference check(Store store, String registry, String service, String image, boolean untested) {
        return of(store, registry, service).check(image, untested);
    }

    /** As {@link #check(Store, String, String, String, boolean)}, for this rule's service. */
    public ImageReference check(String image, boolean untested) {
        ImageReference reference = resolve(image, registry, config);
        if (!untested && !store.runs().tested(service, reference.toString())) {
            throw new ImageRefusedException(reference + " was not built and tested by a run of " + service + ":"
                    + " Gantry deploys only images whose run passed its tests (`gantry history " + service
                    + "` lists them). To deploy it anyway, pass --untested (through the API: \"untested\": true,"
                    + " with an admin token); the audit log records that it was untested.");
        }
        return reference;
    }

    /** The gantry.yml of the service's newest run, which a deploy uses. */
    static String lastConfig(Store store, String service) {
        RunRecord last = store.runs().history(service, 1).stream().findFirst().orElseThrow(() -> new NothingToDeployException(
                "Gantry has never run " + service + ", so it has no gantry.yml for it. Run `gantry run PATH` on"
                        + " the service first."));
        return last.config().orElseThrow();
    }

    private static ImageReference resolve(String image, String registry, ServiceConfig config) {
        ImageReference reference;
        try {
            reference = image.contains("/") ? ImageReference.parse(image) : ImageReference.of(registry, config.image(), image);
        } catch (IllegalArgumentException e) {
            throw new NothingToDeployException(image + " is not an image reference: give registry/repository:tag, or a tag.");
        }
        if (!reference.registry().equals(registry)) {
            throw new ImageRefusedException(image + " names the registry " + reference.registry() + ", but this"
                    + " installation uses " + registry + " (registry in config.yml, GANTRY_REGISTRY): Gantry sends no"
                    + " request to a registry it does not use. Deploy an image of " + registry + ", or just its tag: "
                    + "gantry deploy " + config.service() + " TAG");
        }
        return reference;
    }
}
