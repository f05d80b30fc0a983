package dev.gantry.deploy;

import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import java.util.List;
import java.util.Map;

/**
 * Containers of a service that a Gantry before installation ids started: they carry no
 * {@code gantry.installation} label, so no installation can tell whether they are its own, and
 * none touches them (docs/architecture.md, "Installations"). A deploy says so in its log.
 */
final class LegacyContainers {
    private LegacyContainers() {
    }

    /** Names the service's unlabelled containers in the deploy log, with what a person may do. */
    static void mention(Engine engine, Deployment deployment, LogSink log) {
        List<String> names = engine.list(Map.of(Labels.SERVICE, deployment.service())).stream()
                .filter(c -> !c.labels().containsKey(Labels.INSTALLATION)).map(ContainerState::name).toList();
        if (!names.isEmpty()) {
            log.line("left alone: " + String.join(", ", names) + " (started by a Gantry before installation ids,"
                    + " so not known to be this installation's; once this release is live, remove them with"
                    + " docker rm -f if they are yours)");
        }
    }
}
