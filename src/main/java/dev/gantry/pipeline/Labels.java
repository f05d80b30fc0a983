package dev.gantry.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Docker labels of DESIGN.md, put on every image and container Gantry makes. */
final class Labels {
    static final String SERVICE = "gantry.service";
    static final String RELEASE = "gantry.release";
    static final String RUN = "gantry.run";
    static final String ROLE = "gantry.role";

    private Labels() {
    }

    /** Labels of an image of this run's release. */
    static Map<String, String> image(RunContext run) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SERVICE, run.config().service());
        labels.put(RELEASE, run.release().commit());
        labels.put(RUN, Long.toString(run.runId()));
        return labels;
    }

    /** Labels of a test container of this run. */
    static Map<String, String> testContainer(RunContext run) {
        Map<String, String> labels = image(run);
        labels.put(ROLE, "test");
        return labels;
    }
}
