package dev.gantry.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to build: a context directory, the Dockerfile inside it, build args, tags and labels. */
public record BuildRequest(
        Path context, Path dockerfile, Map<String, String> args, List<String> tags, Map<String, String> labels) {

    public BuildRequest {
        args = Map.copyOf(args);
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a build needs at least one tag");
        }
    }
}
