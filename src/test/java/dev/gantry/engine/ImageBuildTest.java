package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageBuildTest {

    @Test
    void aCachedImageRemovedUnderTheBuildIsNotTheCommitsFault() {
        // what the engine said in CI while another test removed an image sharing the cached parent
        var lost = new EngineException("Building 127.0.0.1:5000/tiny-test:70a922f",
                "failed to get digest sha256:acbc036a7c8c822bf52bab1bdbb43959a4ebb5cf6043c737bb9be03665d125bf: open"
                        + " /var/lib/docker/image/overlay2/imagedb/content/sha256/acbc036a7c8c822bf52bab1bdbb43959a4ebb5cf"
                        + "6043c737bb9be03665d125bf: no such file or directory");

        assertThat(ImageBuild.lostItsCache(lost)).isTrue();
    }

    @Test
    void aBrokenDockerfileIsNotBuiltAgain() {
        var missingFile = new EngineException("Building tiny:1", "COPY failed: file not found in build context or"
                + " excluded by .dockerignore: stat app.jar: file does not exist");
        var failedStep = new EngineException("Building tiny:1",
                "The command '/bin/sh -c cat /nope' returned a non-zero code: 1 (cat: /nope: No such file or directory)");

        assertThat(ImageBuild.lostItsCache(missingFile)).isFalse();
        assertThat(ImageBuild.lostItsCache(failedStep)).isFalse();
    }
}
