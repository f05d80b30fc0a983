package dev.gantry.deploy;

import dev.gantry.engine.Engine;
import java.util.List;

/**
 * Volumes named {@code gantry-<service>-<path>}, as Gantry named them before installation ids: their
 * data is not mounted any more, so a deploy refuses to start with an empty volume in their place
 * until a person has copied the data, or decided that it is not this installation's
 * (docs/architecture.md, "Installations").
 */
final class LegacyVolumes {
    private LegacyVolumes() {
    }

    /** Refuses the deploy if a declared path has a volume from before installation ids and none of its own yet. */
    static void refuseUnmoved(Engine engine, Deployment deployment, List<String> declaredVolumes) {
        for (String path : declaredVolumes) {
            String legacy = AppContainers.legacyVolumeName(deployment.service(), path);
            String own = AppContainers.volumeName(deployment.installation(), deployment.service(), path);
            if (engine.volumeExists(legacy) && !engine.volumeExists(own)) {
                throw new DeployFailedException("the volume " + legacy + " holds the data of " + path + " from before"
                        + " installation ids, and this installation mounts " + own + ", which does not exist yet."
                        + " Nothing was started. If the data is this installation's, copy it: docker volume create "
                        + own + " && docker run --rm -v " + legacy + ":/from -v " + own + ":/to "
                        + deployment.appImage() + " cp -a /from/. /to/ ; if it is not, create the empty volume:"
                        + " docker volume create " + own + " ; then run again", List.of());
            }
        }
    }
}
