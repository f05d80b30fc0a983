package dev.gantry.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key layout of docs/design.md ("Discovery keys") and the JSON of a colour's value: the contract that
 * other tools read and watch, so both are written here and nowhere else. Reading fails with an
 * {@link IllegalArgumentException} that says what is wrong; unknown JSON fields are ignored.
 */
final class Codec {
    static final String ROOT = "/gantry/services/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Codec() {
    }

    /** The prefix of every key of {@code service}, ending in '/'. */
    static String servicePrefix(String service) {
        if (service.isEmpty() || service.indexOf('/') >= 0) {
            throw new IllegalArgumentException(
                    "a service name should be one key segment (not empty, no '/'), was \"" + service + "\"");
        }
        return ROOT + service + "/";
    }

    static String liveKey(String service) {
        return servicePrefix(service) + "live";
    }

    static String coloursPrefix(String service) {
        return servicePrefix(service) + "colours/";
    }

    static String colourKey(String service, Colour colour) {
        return coloursPrefix(service) + colour.word();
    }

    /** The service a key belongs to: the segment after {@link #ROOT}, if more follows it. */
    static Optional<String> serviceOf(String key) {
        int end = key.indexOf('/', ROOT.length());
        return key.startsWith(ROOT) && end > ROOT.length() ? Optional.of(key.substring(ROOT.length(), end))
                : Optional.empty();
    }

    static String encode(ColourRecord record) {
        ObjectNode root = JSON.createObjectNode()
                .put("release", record.release())
                .put("image", record.image())
                .put("state", record.state().word());
        ArrayNode instances = root.putArray("instances");
        for (Instance instance : record.instances()) {
            instances.addObject()
                    .put("host", instance.host())
                    .put("port", instance.port())
                    .put("container", instance.container());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a colour record as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ColourRecord decode(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it should be a JSON object, was " + json);
        }
        JsonNode array = root.path("instances");
        if (!array.isArray()) {
            throw new IllegalArgumentException("instances should be an array");
        }
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String path = "instances/" + i + "/";
            instances.add(new Instance(text(node, path, "host"), port(node, path), text(node, path, "container")));
        }
        return new ColourRecord(text(root, "", "release"), text(root, "", "image"),
                ColourState.parse(text(root, "", "state")), instances);
    }

    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + field + " should be a string");
        }
        return value.asText();
    }

    private static int port(JsonNode node, String path) {
        JsonNode value = node.path("port");
        if (!value.isInt() || value.asInt() < 1 || value.asInt() > 65535) {
            throw new IllegalArgumentException(path + "port should be a whole number from 1 to 65535");
        }
        return value.asInt();
    }
}
