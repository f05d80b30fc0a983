package dev.gantry.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects every problem of one read, so that a person sees them all at once. */
final class Problems {
    private final List<ConfigProblem> found = new ArrayList<>();

    void add(String keyPath, int line, String message) {
        found.add(new ConfigProblem(keyPath, line, message));
    }

    void add(String keyPath, Node node, String message) {
        add(keyPath, line(node), message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems in the order of their lines (those without a line first). */
    List<ConfigProblem> list() {
        return found.stream().sorted(Comparator.comparingInt(ConfigProblem::line)).toList();
    }

    void throwIfAny(String source, String help) {
        if (!found.isEmpty()) {
            throw new ConfigException(source, list(), help);
        }
    }

    /** The 1-based line a node starts on (snakeyaml-engine counts from 0), or 0 if unknown. */
    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
