package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Integration test containers get only the network access they need (docs/security.md, "Control
 * planes"): each phase runs on an internal network of its own, reaches its target through Gantry's
 * relay on the network's gateway, and reaches none of the machine's loopback services — the registry,
 * etcd, the proxy's own port — that a test on the host's network could open. The networks go with the
 * run, whether it passes or fails.
 */
class IntegrationTestNetworkIT {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void eachIntegrationPhaseReachesItsTargetThroughTheRelayAndNoLoopbackServiceOfTheMachine() {
        sandbox.use("nginx", "embedded");
        ServiceRepo repo = sandbox.tiny();
        String loopback = String.join(",", RegistryApi.ADDRESS, EtcdKeys.ETCD.replace("etcd://", ""), proxyAddress());
        repo.replace("gantry.yml", "tests:\n", "tests:\n  pre-integration: {env: {TINY_PROBE: \"target," + loopback
                + "\"}}\n  post-integration: {env: {TINY_PROBE: \"target," + loopback + "\"}}\n");
        repo.commit("Probe what the integration tests reach");

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String phase : List.of("pre-integration", "post-integration")) {
            String log = sandbox.stageLogs(phase);
            assertThat(log).as(phase).contains("tiny probe target: reached")
                    .containsPattern("PASS tiny: GET /tiny at http://[0-9.]+:\\d+ -> HTTP/1.[01] 200")
                    .contains("(internal, nothing else reachable)");
            for (String service : loopback.split(",")) {
                assertThat(log).as(phase).contains("tiny probe " + service + ": not reached");
            }
        }
        assertThat(sandbox.stageLogs("pre-integration")).containsPattern("is relayed to http://127\\.0\\.0\\.1:\\d+");
        assertThat(sandbox.stageLogs("post-integration")).contains("is relayed to " + sandbox.proxyUrl());
        assertThat(sandbox.testNetworks()).isEmpty();
    }

    @Test
    void aFailingPostIntegrationPhaseLeavesNoTestNetworkBehind() {
        sandbox.use("haproxy", "embedded");
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "tests:\n", "tests:\n  post-integration: {env: {TINY_TEST_EXIT: \"1\"}}\n");
        repo.commit("Post-integration tests that fail");

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("stage post-integration failed");
        assertThat(sandbox.stageLogs("post-integration")).contains("PASS tiny: GET /tiny").contains("FAIL tiny: TINY_TEST_EXIT is 1");
        assertThat(sandbox.testNetworks()).isEmpty();
    }

    private String proxyAddress() {
        return URI.create(sandbox.proxyUrl()).getAuthority();
    }
}
