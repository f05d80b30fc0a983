package dev.gantry.pipeline;

import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;

/**
 * The release a rollback of a service puts back: the newest run that put a release live, of another commit than the
 * one live now, with its image. The rollback itself and the web UI's confirmation ask here, so both name the same one.
 */
public final class RollbackTarget {
    private static final int RELEASES_LOOKED_AT = 50;

    private RollbackTarget() {
    }

    /** The run whose release a rollback of {@code service} would put live; a {@link NothingToDeployException} if none. */
    public static RunRecord of(Store store, Discovery discovery, String service) {
        var live = discovery.live(service).orElseThrow(() -> new NothingToDeployException(
                service + " has no live release, so there is nothing to roll back from."));
        String current = discovery.colour(service, live).map(ColourRecord::release).orElse("");
        return store.runs().releases(service, RELEASES_LOOKED_AT).stream()
                .filter(r -> !r.commit().equals(current) && r.image().isPresent()).findFirst()
                .orElseThrow(() -> new NothingToDeployException(service + " has no earlier release to roll back to."));
    }
}
