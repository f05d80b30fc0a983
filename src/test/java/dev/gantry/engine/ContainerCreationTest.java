package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.LogConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerCreationTest {
    private static final ContainerLog BOUND = new ContainerLog(32L << 20);

    @Test
    void everyContainerGetsAJsonFileLogOfTwoFilesOfHalfTheBound() {
        var host = ContainerCreation.hostConfig(ContainerSpec.of("app:1", "books-blue"), BOUND);

        assertThat(host.getLogConfig().getType()).isEqualTo(LogConfig.LoggingType.JSON_FILE);
        assertThat(host.getLogConfig().getConfig()).isEqualTo(Map.of("max-size", "16777216", "max-file", "2"));
    }

    @Test
    void aTestContainerOnTheHostNetworkIsBoundedAsAnAppContainerIs() {
        var test = ContainerSpec.of("app-test:1", "books-test").withNetwork("host").withCommand(List.of("run-tests"));
        var app = ContainerSpec.of("app:1", "books-blue").withPublishedPort(8080).withVolume("books-data", "/data");

        assertThat(ContainerCreation.hostConfig(test, BOUND).getLogConfig())
                .isEqualTo(ContainerCreation.hostConfig(app, BOUND).getLogConfig())
                .isEqualTo(BOUND.config());
        assertThat(ContainerCreation.hostConfig(test, BOUND).getNetworkMode()).isEqualTo("host");
    }

    @Test
    void theBoundIsSplitIntoFilesThatAddUpToIt() {
        var log = new ContainerLog(1L << 20).config().getConfig();

        assertThat(Long.parseLong(log.get("max-size")) * Long.parseLong(log.get("max-file"))).isEqualTo(1L << 20);
    }

    @Test
    void aSwarmServicesTasksGetTheSameBoundedLogOnWhicheverNodeTheyRun() {
        var driver = BOUND.taskDriver();

        assertThat(driver.getName()).isEqualTo("json-file");
        assertThat(driver.getOptions()).isEqualTo(BOUND.config().getConfig());
    }
}
