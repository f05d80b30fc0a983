package dev.gantry.deploy;

import dev.gantry.discovery.Instance;
import java.util.List;
import java.util.Optional;

/** How the health gate learns that a replica it waits for has stopped, and what the replica said. */
interface ReplicaProbe {

    /** Why the replica no longer runs ("disappeared", "exited (exit code 1)"), or empty while it runs. */
    Optional<String> stopped(Instance replica);

    /** The replica's last {@code lines} lines of output. */
    List<String> logs(Instance replica, int lines);
}
