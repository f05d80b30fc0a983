package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.TestInstallation;
import dev.gantry.engine.Engine;
import dev.gantry.engine.Swarm;
import dev.gantry.engine.SwarmNode;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTargetsTest {
    @TempDir
    Path dir;

    private final List<SwarmNode> nodes = new ArrayList<>(List.of(
            new SwarmNode("id-1", "node1", "10.214.0.11", "ready", "active", true),
            new SwarmNode("id-2", "node2", "10.214.0.12", "ready", "active", false),
            new SwarmNode("id-3", "node3", "10.214.0.13", "down", "active", false)));
    private final List<String> warnings = new ArrayList<>();
    private boolean unreachable;

    @Test
    void everyNodeOfTheSwarmIsListedAtItsExporterAndANodeThatLeavesIsDropped() throws Exception {
        var targets = new NodeTargets(file(), TestInstallation.ID, engine("unix:///run/manager.sock", Swarm.Role.MANAGER),
                warnings::add);

        targets.refresh();
        assertThat(listed()).isEqualTo("[" + group("10.214.0.11:9100", "node1", "manager") + ","
                + group("10.214.0.12:9100", "node2", "worker") + "," + group("10.214.0.13:9100", "node3", "worker") + "]");

        nodes.remove(2);
        targets.refresh();
        assertThat(listed()).as("node3 left the Swarm").doesNotContain("node3").contains("node1", "node2");

        targets.close();
        assertThat(dir.resolve("nodes-" + TestInstallation.ID.value() + ".json")).doesNotExist();
    }

    @Test
    void aSingleEngineIsOneNodeOnItsHost() throws Exception {
        new NodeTargets(file(), TestInstallation.ID, engine("tcp://10.0.0.5:2376", Swarm.Role.NONE), warnings::add)
                .refresh();
        assertThat(listed()).isEqualTo("[" + group("10.0.0.5:9100", "10.0.0.5", "engine") + "]");

        new NodeTargets(file(), TestInstallation.ID, engine("unix:///var/run/docker.sock", Swarm.Role.NONE), warnings::add)
                .refresh();
        assertThat(listed()).as("a local socket: this machine").contains("\"targets\":[\"127.0.0.1:9100\"]")
                .contains("\"role\":\"engine\"");
    }

    @Test
    void anEngineThatDoesNotAnswerKeepsTheLastListAndWarnsOnce() throws Exception {
        var targets = new NodeTargets(file(), TestInstallation.ID, engine("unix:///run/manager.sock", Swarm.Role.MANAGER),
                warnings::add);
        targets.refresh();
        String before = listed();

        unreachable = true;
        targets.refresh();
        targets.refresh();

        assertThat(listed()).isEqualTo(before);
        assertThat(warnings).singleElement().asString()
                .startsWith("listing the nodes for Prometheus failed (the last list stays): Cannot reach");
        unreachable = false;
        targets.refresh();
        unreachable = true;
        targets.refresh();
        assertThat(warnings).as("warned again after it answered in between").hasSize(2);
    }

    private PrometheusTargets file() {
        return PrometheusTargets.in(dir, "nodes-" + TestInstallation.ID.value());
    }

    private String listed() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("nodes-" + TestInstallation.ID.value() + ".json").toFile()).toString();
    }

    private static String group(String target, String node, String role) {
        return "{\"targets\":[\"" + target + "\"],\"labels\":{\"installation\":\"" + TestInstallation.ID.value()
                + "\",\"node\":\"" + node + "\",\"role\":\"" + role + "\"}}";
    }

    /** An engine at {@code address} that answers only what NodeTargets asks: its Swarm role and nodes. */
    private Engine engine(String address, Swarm.Role role) {
        Swarm swarm = (Swarm) Proxy.newProxyInstance(Swarm.class.getClassLoader(), new Class<?>[] {Swarm.class},
                (proxy, method, args) -> {
                    if (unreachable) {
                        throw new GantryException("Cannot reach the Docker engine at " + address) {
                            @Override
                            public ExitCode exitCode() {
                                return ExitCode.ENVIRONMENT_UNUSABLE;
                            }
                        };
                    }
                    return switch (method.getName()) {
                        case "role" -> role;
                        case "nodes" -> List.copyOf(nodes);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "swarm" -> swarm;
                    case "address" -> address;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
