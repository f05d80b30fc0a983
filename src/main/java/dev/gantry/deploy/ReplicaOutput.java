package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.engine.LogRead;
import dev.gantry.engine.TimedLine;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The output of one replica of a service, as {@code gantry logs} reads it (docs/logs.md): {@code id} names the
 * container or the Swarm task it comes from; {@code replica} is the replica as {@code gantry status} names it,
 * {@code node} the Swarm node it ran on (none on a single engine), {@code running} whether it runs now (a container
 * that runs again after an end keeps its output), and {@code reader} reads it.
 */
public record ReplicaOutput(String id, String replica, Optional<String> node, Colour colour, String release,
                            boolean running, Reader reader) {

    /** Reads the replica's output as {@code read} says, line by line to {@code lines}; answers whether to its end. */
    @FunctionalInterface
    public interface Reader {
        boolean read(LogRead read, Consumer<TimedLine> lines);
    }
}
