package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.store.InstallationId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Docker labels (docs/design.md, "Labels and names") on every image and container Gantry makes: how Gantry (and a
 * person with {@code docker ps --filter label=gantry.service=books-ms}) finds them. Every selector
 * includes {@code gantry.installation}, so an installation only ever finds what it made itself
 * (docs/architecture.md, "Installations").
 */
public final class Labels {
    public static final String INSTALLATION = "gantry.installation";
    public static final String SERVICE = "gantry.service";
    public static final String COLOUR = "gantry.colour";
    public static final String RELEASE = "gantry.release";
    public static final String RUN = "gantry.run";
    public static final String ROLE = "gantry.role";

    private Labels() {
    }

    /** Labels of an image of the deployment's release. */
    public static Map<String, String> image(Deployment deployment) {
        Map<String, String> labels = new LinkedHashMap<>(service(deployment.installation(), deployment.service()));
        labels.put(RELEASE, deployment.release());
        labels.put(RUN, Long.toString(deployment.runId()));
        return labels;
    }

    /** Labels of the test image and the test containers of the deployment. */
    public static Map<String, String> test(Deployment deployment) {
        Map<String, String> labels = image(deployment);
        labels.put(ROLE, "test");
        return labels;
    }

    /** Labels of an app container of the deployment in {@code colour}. */
    static Map<String, String> app(Deployment deployment, Colour colour) {
        Map<String, String> labels = new LinkedHashMap<>(selector(deployment.installation(), deployment.service(), colour));
        labels.put(RELEASE, deployment.release());
        labels.put(RUN, Long.toString(deployment.runId()));
        return labels;
    }

    /** The labels that find the app containers of a service's colour made by {@code installation}. */
    static Map<String, String> selector(InstallationId installation, String service, Colour colour) {
        return Map.of(INSTALLATION, installation.value(), SERVICE, service, COLOUR, colour.word(), ROLE, "app");
    }

    /** The labels that find everything of {@code service} made by {@code installation}. */
    public static Map<String, String> service(InstallationId installation, String service) {
        return Map.of(INSTALLATION, installation.value(), SERVICE, service);
    }

    /** The labels that find the test containers of one run. */
    public static Map<String, String> testsOfRun(InstallationId installation, String service, long runId) {
        return Map.of(INSTALLATION, installation.value(), SERVICE, service, RUN, Long.toString(runId), ROLE, "test");
    }

    /** The labels that find what one run of {@code installation} made. */
    static Map<String, String> run(InstallationId installation, long runId) {
        return Map.of(INSTALLATION, installation.value(), RUN, Long.toString(runId));
    }
}
