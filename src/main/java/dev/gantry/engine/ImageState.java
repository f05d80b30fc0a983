package dev.gantry.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What Docker says about one local image. */
public record ImageState(String id, List<String> tags, Instant created, Map<String, String> labels) {

    public ImageState {
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
    }
}
