package dev.gantry.discovery;

import java.util.List;
import java.util.Objects;

/**
 * What discovery knows about one colour of a service.
 *
 * @param release the commit the colour runs
 * @param image the image reference its containers were started from
 * @param state candidate, live or draining
 * @param instances its replicas, in the order they were registered
 */
public record ColourRecord(String release, String image, ColourState state, List<Instance> instances) {

    /** Checks for nulls and copies the instances. */
    public ColourRecord {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(state, "state");
        instances = List.copyOf(instances);
    }

    /** The same record with other replicas (the route keeper's: the ones that run now). */
    public ColourRecord withInstances(List<Instance> newInstances) {
        return new ColourRecord(release, image, state, newInstances);
    }

    /** The same record in another state. */
    public ColourRecord withState(ColourState newState) {
        return new ColourRecord(release, image, newState, instances);
    }
}
