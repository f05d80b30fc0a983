package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.ImageState;
import dev.gantry.engine.LogSink;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retires the colour live before (the cleanup step, {@code flow/Cleanup}): after the drain time,
 * stops the old colour's containers and deregisters it, removes the containers this run set aside,
 * and prunes images beyond {@code keep-releases}. The
 * stopped containers stay until the next release needs their colour. Every step is journaled (for
 * the audit log) and may run again: recovery finishes a cleanup that a crash interrupted.
 */
public final class RetireColour {
    private final Production production;

    public RetireColour(Production production) {
        this.production = production;
    }

    /** Retires {@code old}, the colour that was live before {@code deployment}, after waiting {@code drain}. */
    public void run(Deployment deployment, Colour old, Duration drain, RunJournal journal, LogSink log) {
        String service = deployment.service();
        log.line("draining " + service + " " + old.word() + " for " + drain.toMillis() + " ms");
        pause(drain);
        var engine = production.engine();
        for (ContainerState container : engine.list(Labels.selector(deployment.installation(), service, old))) {
            if (container.name().contains(StartCandidate.ASIDE)) {
                continue;
            }
            journal.record(new Effect.ContainerStopped(container.name()),
                    () -> engine.stop(container.id(), deployment.config().run().stopGrace()));
            log.line("stopped " + container.name());
        }
        journal.record(new Effect.ColourDeregistered(service, old), () -> production.discovery().remove(service, old));
        log.line("deregistered " + service + " " + old.word());
        for (ContainerState aside : engine.list(Labels.service(deployment.installation(), service))) {
            if (aside.name().contains(StartCandidate.ASIDE)) {
                journal.record(new Effect.ContainerRemoved(aside.name()), () -> engine.remove(aside.id()));
                log.line("removed " + aside.name() + ", set aside when this release started");
            }
        }
        pruneImages(deployment, journal, log);
    }

    /**
     * Removes the app images of {@code deployment}'s service that this installation built, beyond the
     * newest {@code deploy/keep-releases}, except images that a container still uses (any container
     * of the service, whichever installation made it: a tag is shared by name on the engine).
     */
    private void pruneImages(Deployment deployment, RunJournal journal, LogSink log) {
        var engine = production.engine();
        String service = deployment.service();
        Set<String> inUse = new HashSet<>();
        engine.list(Map.of(Labels.SERVICE, service)).forEach(c -> inUse.add(c.image()));
        List<ImageState> images = engine.images(Labels.service(deployment.installation(), service)).stream()
                .filter(image -> !"test".equals(image.labels().get(Labels.ROLE)))
                .toList();
        int keep = deployment.config().deploy().keepReleases();
        for (ImageState old : images.subList(Math.min(keep, images.size()), images.size())) {
            for (String tag : old.tags()) {
                if (!inUse.contains(tag)) {
                    journal.record(new Effect.ImageRemoved(tag), () -> engine.removeImage(tag));
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
