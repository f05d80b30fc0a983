package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.TestInstallation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.engine.Engine;
import dev.gantry.image.ImageReference;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A volume from before installation ids is never silently replaced by an empty one. */
class LegacyVolumesTest {
    private static final Deployment DEPLOYMENT = new Deployment(TestInstallation.ID, 3,
            ServiceConfig.parse("service: books-ms\n", "gantry.yml"), "r3", ImageReference.parse("reg/books-ms:r3"),
            ImageReference.parse("reg/books-ms-test:r3"));

    @Test
    void aDeployRefusesWhileTheOldVolumeHoldsDataAndItsOwnDoesNotExistSayingHowToCopyIt() {
        assertThatThrownBy(() -> LegacyVolumes.refuseUnmoved(engineWith(Set.of("gantry-books-ms-data")), DEPLOYMENT,
                List.of("/data")))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("the volume gantry-books-ms-data holds the data of /data from before installation ids")
                .hasMessageContaining("docker run --rm -v gantry-books-ms-data:/from -v gantry-books-ms-data-inst0001:/to")
                .hasMessageContaining("docker volume create gantry-books-ms-data-inst0001");
    }

    @Test
    void aDeployGoesOnOnceItsOwnVolumeExistsOrWhenThereIsNoOldOne() {
        assertThatCode(() -> LegacyVolumes.refuseUnmoved(engineWith(Set.of("gantry-books-ms-data",
                "gantry-books-ms-data-inst0001")), DEPLOYMENT, List.of("/data"))).doesNotThrowAnyException();
        assertThatCode(() -> LegacyVolumes.refuseUnmoved(engineWith(Set.of()), DEPLOYMENT, List.of("/data")))
                .doesNotThrowAnyException();
    }

    private static Engine engineWith(Set<String> volumes) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("volumeExists")) {
                        return volumes.contains((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
