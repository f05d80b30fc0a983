package dev.gantry.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML map read at a key path. Reading a value checks its type and value; every problem (with
 * the key path and line) goes to one {@link Problems}, and reading goes on with the default.
 */
final class YamlMap {
    /** Keys shown as written in a key path; any other key is quoted, so a message never carries raw control characters. */
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,60}");
    private final String path;
    private final int line;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(String path, int line, Problems problems) {
        this.path = path;
        this.line = line;
        this.problems = problems;
    }

    /** The document's root as a map of settings; empty after reporting that it is something else. */
    static Optional<YamlMap> root(Node root, Problems problems, List<String> knownKeys) {
        return root(root, problems, knownKeys, List.of());
    }

    /** The root map, where {@code oldKeys} (renamed settings) are accepted too but not offered in messages. */
    static Optional<YamlMap> root(Node root, Problems problems, List<String> knownKeys, List<String> oldKeys) {
        if (root instanceof MappingNode map) {
            return Optional.of(of("", map, problems, knownKeys, oldKeys));
        }
        problems.add("", root, "the file should be a map of settings (key: value lines), but is " + Found.describe(root));
        return Optional.empty();
    }

    /** An empty map of settings, for an absent optional file. */
    static YamlMap empty(Problems problems) {
        return new YamlMap("", 0, problems);
    }

    /** The map under key, after checking its keys; empty if absent, empty, or not a map. */
    YamlMap section(String key, List<String> knownKeys) {
        Optional<Node> node = node(key);
        if (node.isPresent() && node.get() instanceof MappingNode map) {
            return of(child(key), map, problems, knownKeys, List.of());
        }
        if (node.isPresent() && !Found.isNull(node.get())) {
            problems.add(child(key), node.get(), "should be a map with the keys " + String.join(", ", knownKeys)
                    + ", but is " + Found.describe(node.get()));
        }
        return new YamlMap(child(key), node.map(Problems::line).orElse(line), problems);
    }

    /** The line of the value under key (the map's own line if it is absent). */
    int line(String key) {
        return node(key).map(Problems::line).orElse(line);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value under key; empty if absent or (after reporting it) not valid. */
    <T> Optional<T> optional(String key, Rule<T> rule) {
        return node(key).flatMap(node -> read(child(key), node, rule));
    }

    <T> T get(String key, Rule<T> rule, T fallback) {
        return optional(key, rule).orElse(fallback);
    }

    /** The value under key, which must be there; {@code example} shows how to write it. */
    <T> Optional<T> required(String key, Rule<T> rule, String example) {
        if (!has(key)) {
            missing(key, example);
            return Optional.empty();
        }
        return optional(key, rule);
    }

    /** Reports that key, which must be there, is not; {@code example} shows how to write it. */
    void missing(String key, String example) {
        problems.add(child(key), line, "is required; add a line like " + example);
    }

    /** The values under key, each checked by rule: a list of them, or one on its own. */
    <T> List<T> list(String key, Rule<T> rule) {
        Optional<Node> node = node(key).filter(n -> !Found.isNull(n));
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof ScalarNode) {
            return read(child(key), node.get(), rule).map(List::of).orElse(List.of());
        }
        if (!(node.get() instanceof SequenceNode list)) {
            problems.add(child(key), node.get(), "should be a list whose items are each " + rule.expected() + ", but is a map");
            return List.of();
        }
        List<T> values = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            read(child(key) + "/" + i, items.get(i), rule).ifPresent(values::add);
        }
        return List.copyOf(values);
    }

    /** A map of NAME: value under key (env, build args); names checked by nameRule, values any scalar. */
    Map<String, String> variables(String key, Rule<String> nameRule) {
        Optional<Node> node = node(key).filter(n -> !Found.isNull(n));
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!(node.get() instanceof MappingNode mapNode)) {
            problems.add(child(key), node.get(), "should be a map of NAME: value, but is " + Found.describe(node.get()));
            return Map.of();
        }
        YamlMap variables = of(child(key), mapNode, problems, null, List.of());
        Map<String, String> values = new LinkedHashMap<>();
        variables.entries.forEach((name, entry) -> {
            boolean validName = nameRule.apply(name).isPresent();
            if (!validName) {
                problems.add(variables.child(name), entry.getKeyNode(), "is not a valid name: should be " + nameRule.expected());
            }
            variables.read(variables.child(name), entry.getValueNode(), Rule.text())
                    .filter(value -> validName)
                    .ifPresent(value -> values.put(name, value));
        });
        return Collections.unmodifiableMap(values);
    }

    /** A list of arguments under key (never a command line: no shell runs it). */
    List<String> arguments(String key) {
        Optional<Node> node = node(key).filter(n -> !Found.isNull(n));
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode list)) {
            problems.add(child(key), node.get(), "should be a list of arguments like [npm, test] (no shell runs it),"
                    + " but is " + Found.describe(node.get()));
            return List.of();
        }
        List<String> arguments = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            read(child(key) + "/" + i, items.get(i), Rule.text()).ifPresent(arguments::add);
        }
        return List.copyOf(arguments);
    }

    /** Reports a problem with the value under key (which must be present). */
    void problem(String key, String message) {
        problems.add(child(key), entries.get(key).getValueNode(), message);
    }

    /** True when the value at {@code keyPath} below this map ({@code run/health/timeout}) is written in the file. */
    boolean hasAt(String keyPath) {
        return nodeAt(keyPath).isPresent();
    }

    /** Reports a problem with the value at {@code keyPath} below this map, if it is written in the file. */
    void problemAt(String keyPath, String message) {
        nodeAt(keyPath).ifPresent(node -> problems.add(path.isEmpty() ? keyPath : path + "/" + keyPath, node, message));
    }

    private Optional<Node> nodeAt(String keyPath) {
        String[] keys = keyPath.split("/");
        Optional<Node> node = node(keys[0]);
        for (int i = 1; i < keys.length && node.isPresent(); i++) {
            String key = keys[i];
            node = node.get() instanceof MappingNode map
                    ? map.getValue().stream()
                            .filter(entry -> entry.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key))
                            .map(NodeTuple::getValueNode).findFirst()
                    : Optional.empty();
        }
        return node.filter(n -> !Found.isNull(n));
    }

    private static YamlMap of(String path, MappingNode node, Problems problems, List<String> knownKeys,
            List<String> oldKeys) {
        YamlMap map = new YamlMap(path, Problems.line(node), problems);
        node.getValue().forEach(entry -> map.add(entry, knownKeys, oldKeys));
        return map;
    }

    private void add(NodeTuple entry, List<String> knownKeys, List<String> oldKeys) {
        if (!(entry.getKeyNode() instanceof ScalarNode key)) {
            problems.add(path, entry.getKeyNode(), Found.describe(entry.getKeyNode())
                    + " is used as a key here; keys are plain names");
            return;
        }
        String name = key.getValue();
        NodeTuple first = entries.putIfAbsent(name, entry);
        if (first != null) {
            problems.add(child(name), key, "is given twice (first on line " + Problems.line(first.getKeyNode())
                    + "); keep one");
        } else if (knownKeys != null && !knownKeys.contains(name) && !oldKeys.contains(name)) {
            problems.add(child(name), key, UnknownKey.message(name, knownKeys));
        }
    }

    private <T> Optional<T> read(String where, Node node, Rule<T> rule) {
        Optional<T> value = node instanceof ScalarNode scalar && rule.kind().accepts(scalar.getTag())
                ? rule.apply(scalar.getValue())
                : Optional.empty();
        if (value.isEmpty()) {
            problems.add(where, node, "should be " + rule.expected() + ", was " + Found.describe(node));
        }
        return value;
    }

    private Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    private String child(String key) {
        String shown = SAFE_KEY.matcher(key).matches() ? key : Found.quote(key);
        return path.isEmpty() ? shown : path + "/" + shown;
    }
}
