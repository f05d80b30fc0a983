package dev.gantry.engine;

import java.util.Map;

/** A Docker network as Gantry uses it: its id, name, labels, and its subnet and gateway on the engine's host. */
public record NetworkState(String id, String name, Map<String, String> labels, String subnet, String gateway) {
}
