package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.TestInstallation;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one engine tells of a colour's replicas between runs (docs/swarm.md#a-release-that-keeps-crashing). */
class SingleEngineTest {

    @Test
    void theCrashesOfAColourAreEachRestartTheEngineMadeAndAContainerThatStaysEnded() {
        var engine = engineListing(List.of(
                container("books-ms-blue-1-x", true, "running", 2),
                container("books-ms-blue-2-x", false, "exited", 1),
                container("books-ms-blue-3-x" + StartCandidate.ASIDE, false, "exited", 4)));

        assertThat(new SingleEngine(engine, (url, timeout) -> 200).crashes(TestInstallation.ID, "books-ms", Colour.BLUE))
                .as("the set-aside container is not a replica").containsExactlyInAnyOrder(
                        "books-ms-blue-1-x restart 1", "books-ms-blue-1-x restart 2",
                        "books-ms-blue-2-x restart 1", "books-ms-blue-2-x ended after restart 1");
    }

    private static ContainerState container(String name, boolean running, String status, int restarts) {
        return new ContainerState(name, name, "127.0.0.1:5000/books-ms:r1",
                Labels.selector(TestInstallation.ID, "books-ms", Colour.BLUE), running, status, running ? 0 : 137, false,
                restarts, running ? Map.of(8080, 32001) : Map.of());
    }

    private static Engine engineListing(List<ContainerState> containers) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> containers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
