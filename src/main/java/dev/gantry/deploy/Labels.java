package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Docker labels of DESIGN.md, on every image and container Gantry makes: how Gantry (and a
 * person with {@code docker ps --filter label=gantry.service=books-ms}) finds them.
 */
public final class Labels {
    public static final String SERVICE = "gantry.service";
    public static final String COLOUR = "gantry.colour";
    public static final String RELEASE = "gantry.release";
    public static final String RUN = "gantry.run";
    public static final String ROLE = "gantry.role";

    private Labels() {
    }

    /** Labels of an image of the deployment's release. */
    public static Map<String, String> image(Deployment deployment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SERVICE, deployment.service());
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
        Map<String, String> labels = new LinkedHashMap<>(selector(deployment.service(), colour));
        labels.put(RELEASE, deployment.release());
        labels.put(RUN, Long.toString(deployment.runId()));
        return labels;
    }

    /** The labels that find the app containers of a service's colour. */
    static Map<String, String> selector(String service, Colour colour) {
        return Map.of(SERVICE, service, COLOUR, colour.word(), ROLE, "app");
    }
}
