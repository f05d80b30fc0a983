package dev.gantry.pipeline;

import dev.gantry.deploy.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Docker labels of DESIGN.md on the images and test containers a run makes. */
final class Labels {
    static final String SERVICE = "gantry.service";
    static final String RELEASE = "gantry.release";
    static final String RUN = "gantry.run";
    static final String ROLE = "gantry.role";
    static final String COLOUR = "gantry.colour";

    private Labels() {
    }

    /** Labels of an image of the deployment's release. */
    static Map<String, String> image(Deployment deployment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SERVICE, deployment.service());
        labels.put(RELEASE, deployment.release());
        labels.put(RUN, Long.toString(deployment.runId()));
        return labels;
    }

    /** Labels of a test container of the deployment. */
    static Map<String, String> testContainer(Deployment deployment) {
        Map<String, String> labels = image(deployment);
        labels.put(ROLE, "test");
        return labels;
    }
}
