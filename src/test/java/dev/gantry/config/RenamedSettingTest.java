package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenamedSettingTest {
    @TempDir
    Path home;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void theOldVariableOfTheCdEngineStillWorksWithAWarningThatNamesTheNewOne() {
        Installation installation = load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_BUILD_DOCKER_HOST", "unix:///run/cd/docker.sock"));

        assertThat(installation.cdDockerHost()).contains("unix:///run/cd/docker.sock");
        assertThat(warnings).containsExactly("GANTRY_BUILD_DOCKER_HOST is the old name of GANTRY_CD_DOCKER_HOST;"
                + " rename it, the old name will be refused in a later release");
    }

    @Test
    void theOldKeyOfTheCdEngineInConfigYmlStillWorksWithAWarningThatNamesItsLine() throws IOException {
        Files.writeString(home.resolve("config.yml"), "proxy: nginx\nbuild-docker-host: tcp://127.0.0.1:2376\n");

        Installation installation = load(Map.of("GANTRY_HOME", home.toString()));

        assertThat(installation.cdDockerHost()).contains("tcp://127.0.0.1:2376");
        assertThat(warnings).containsExactly(home.resolve("config.yml") + ": build-docker-host (line 2) is the old"
                + " name of cd-docker-host; rename it, the old name will be refused in a later release");
    }

    @Test
    void theNewNamesGiveNoWarningAndTheVariableStillWinsOverTheOldKey() throws IOException {
        Files.writeString(home.resolve("config.yml"), "build-docker-host: tcp://127.0.0.1:2376\n");

        Installation installation = load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_CD_DOCKER_HOST", "unix:///run/cd/docker.sock"));

        assertThat(installation.cdDockerHost()).contains("unix:///run/cd/docker.sock");
        assertThat(warnings).singleElement().asString().contains("build-docker-host (line 1) is the old name");
    }

    @Test
    void bothNamesInTheEnvironmentAreRefusedAsNobodyCanTellWhichIsMeant() {
        assertThatThrownBy(() -> load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_BUILD_DOCKER_HOST", "unix:///old.sock", "GANTRY_CD_DOCKER_HOST", "unix:///new.sock")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_BUILD_DOCKER_HOST: is the old name of GANTRY_CD_DOCKER_HOST, which is"
                        + " set too; unset GANTRY_BUILD_DOCKER_HOST");
        assertThat(warnings).isEmpty();
    }

    @Test
    void bothKeysInConfigYmlAreRefusedWithTheLineOfTheOldOne() throws IOException {
        Files.writeString(home.resolve("config.yml"), "cd-docker-host: unix:///new.sock\nbuild-docker-host: unix:///old.sock\n");

        assertThatThrownBy(() -> load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("build-docker-host (line 2): is the old name of cd-docker-host, which is set"
                        + " too; remove build-docker-host");
    }

    @Test
    void aBadValueUnderTheOldNameIsReportedUnderTheNameTheUserWrote() {
        assertThatThrownBy(() -> load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_BUILD_DOCKER_HOST", "ssh://cd")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_BUILD_DOCKER_HOST: should be unix:///path/to/docker.sock or tcp://HOST:PORT");
    }

    @Test
    void aMistypedKeyIsNotOfferedTheOldName() throws IOException {
        Files.writeString(home.resolve("config.yml"), "build-docker-hots: unix:///old.sock\n");

        assertThatThrownBy(() -> load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("build-docker-hots (line 1): is not a known key")
                .hasMessageNotContaining("build-docker-host");
    }

    private Installation load(Map<String, String> env) {
        return Installation.load(env, warnings::add);
    }
}
