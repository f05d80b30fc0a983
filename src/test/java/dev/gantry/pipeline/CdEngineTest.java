package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.ExitCode;
import dev.gantry.config.Installation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine is the CD engine, and what a person reads about each. */
class CdEngineTest {
    @TempDir
    Path home;

    @Test
    void theCdEngineIsSeparateOnlyWhenItNamesAnotherEngine() {
        assertThat(CdEngine.separate(installation(null, null))).isFalse();
        assertThat(CdEngine.separate(installation("unix:///run/a.sock", null))).isFalse();
        assertThat(CdEngine.separate(installation("unix:///run/a.sock", "unix:///run/a.sock"))).isFalse();
        assertThat(CdEngine.separate(installation(null, "unix:///run/cd.sock"))).isTrue();
        assertThat(CdEngine.separate(installation("tcp://127.0.0.1:2375", "unix:///run/cd.sock"))).isTrue();
    }

    @Test
    void doctorSaysWhatRunsOnEachEngine() {
        assertThat(CdEngine.production("Docker 20.10.24, API 1.41", "unix:///var/run/docker.sock", true))
                .isEqualTo("Docker 20.10.24, API 1.41 at unix:///var/run/docker.sock: the production engine"
                        + " (DOCKER_HOST), runs the releases");
        assertThat(CdEngine.cd("Docker 20.10.24, API 1.41", "unix:///run/gantry-cd/docker.sock"))
                .isEqualTo("Docker 20.10.24, API 1.41 at unix:///run/gantry-cd/docker.sock: the CD engine"
                        + " (GANTRY_CD_DOCKER_HOST), runs the tests, builds and pushes");
        assertThat(CdEngine.production("Docker 20.10.24, API 1.41", "unix:///var/run/docker.sock", false))
                .endsWith(": runs the releases, tests and builds (GANTRY_CD_DOCKER_HOST is not set, so the CD"
                        + " engine is this one)");
    }

    @Test
    void anUnreachableCdEngineNamesItsOwnSettingAndExitsThree() {
        var error = new CdEngine.UnreachableException("unix:///run/gantry-cd/docker.sock", "Connection refused", null);

        assertThat(error.exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
        assertThat(error.getMessage()).startsWith("Cannot reach the CD engine at unix:///run/gantry-cd/docker.sock"
                        + " (GANTRY_CD_DOCKER_HOST, where tests and builds run): Connection refused. ")
                .contains("bin/env-up starts one").contains("unset GANTRY_CD_DOCKER_HOST")
                .doesNotContain("point DOCKER_HOST");
    }

    private Installation installation(String dockerHost, String cdDockerHost) {
        Map<String, String> env = new HashMap<>(Map.of("GANTRY_HOME", home.toString()));
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        if (cdDockerHost != null) {
            env.put("GANTRY_CD_DOCKER_HOST", cdDockerHost);
        }
        return Installation.load(env);
    }
}
