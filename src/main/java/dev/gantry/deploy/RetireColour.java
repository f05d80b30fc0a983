package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.LogSink;
import dev.gantry.engine.ImageState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cleanup stage: after the drain time, stops the old colour's containers and deregisters it.
 * The stopped containers stay until the next release needs their colour; the newest
 * {@code keep-releases} images stay so that a rollback needs no rebuild.
 */
public final class RetireColour {
    private final Production production;

    public RetireColour(Production production) {
        this.production = production;
    }

    /** Retires {@code old}, the colour that was live before {@code deployment}. */
    public void run(Deployment deployment, Colour old, LogSink log) {
        String service = deployment.service();
        Duration drain = deployment.config().deploy().drain();
        log.line("draining " + service + " " + old.word() + " for " + drain.toMillis() + " ms");
        pause(drain);
        for (ContainerState container : production.engine().list(Labels.selector(service, old))) {
            production.engine().stop(container.id(), deployment.config().run().stopGrace());
            log.line("stopped " + container.name());
        }
        production.discovery().remove(service, old);
        log.line("deregistered " + service + " " + old.word());
        pruneImages(deployment, log);
    }

    /**
     * Removes the app images of {@code deployment}'s service beyond the newest
     * {@code deploy/keep-releases}, except images that a container still uses.
     */
    private void pruneImages(Deployment deployment, LogSink log) {
        var engine = production.engine();
        String service = deployment.service();
        Set<String> inUse = new HashSet<>();
        engine.list(Map.of(Labels.SERVICE, service)).forEach(c -> inUse.add(c.image()));
        List<ImageState> images = engine.images(Map.of(Labels.SERVICE, service)).stream()
                .filter(image -> !"test".equals(image.labels().get(Labels.ROLE)))
                .toList();
        int keep = deployment.config().deploy().keepReleases();
        for (ImageState old : images.subList(Math.min(keep, images.size()), images.size())) {
            for (String tag : old.tags()) {
                if (!inUse.contains(tag)) {
                    engine.removeImage(tag);
                    log.line("removed the image " + tag + " (older than the newest " + keep + " releases)");
                }
            }
        }
    }

    /** Waits out the drain; a stopped stage (its deadline passed) ends here, failed, before it stops anything. */
    private static void pause(Duration drain) {
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while the old colour drained; it was not stopped", List.of());
        }
    }
}
