package dev.gantry.pipeline;

import dev.gantry.config.ServiceConfig;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;

/**
 * The release of a service that is live now: its colour and discovery record, the run that deployed it (its image
 * and gantry.yml, kept in the store), and that gantry.yml parsed. What a scale works from (docs/scaling.md).
 */
public record LiveRelease(Colour colour, ColourRecord record, RunRecord run, ServiceConfig config) {
    private static final int RUNS_LOOKED_AT = 50;

    /** The live release of {@code service}; a {@link NothingToDeployException} (exit 2) if it has none. */
    public static LiveRelease of(Store store, Discovery discovery, String service) {
        Colour live = discovery.live(service).orElseThrow(() -> new NothingToDeployException(
                service + " has no live release, so there is nothing to scale. `gantry run` deploys one."));
        ColourRecord record = discovery.colour(service, live).orElseThrow(() -> new NothingToDeployException(
                service + " is live in " + live.word() + " but that colour is not registered; `gantry status " + service
                        + "` shows what is"));
        RunRecord run = store.runs().releases(service, RUNS_LOOKED_AT).stream()
                .filter(r -> r.commit().equals(record.release()) && r.image().isPresent() && r.config().isPresent())
                .findFirst().orElseThrow(() -> new NothingToDeployException("no run of " + service + " recorded its live"
                        + " release " + record.release() + ", so its gantry.yml and image are not known; deploy it again"));
        return new LiveRelease(live, record, run, ServiceConfig.parse(run.config().orElseThrow(),
                service + "/gantry.yml (from the store)"));
    }

    /** Refuses {@code replicas} beyond {@code run/scale} of the release's gantry.yml (exit 2). */
    public void checkScale(int replicas) {
        if (!config.run().scale().allows(replicas)) {
            throw new ScaleRefusedException(config.service(), replicas, config.run().scale(), run.commit());
        }
    }
}
