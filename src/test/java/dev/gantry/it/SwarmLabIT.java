package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gantry.LabCredentials;
import dev.gantry.it.SwarmLab.Node;
import dev.gantry.it.SwarmLab.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab Swarm keeps its contract (docs/swarm.md#the-lab): every node is a ready member, pulls from the
 * lab registry under the host's image name and publishes a task's port on its own address; a node
 * killed or cut off is seen down by the manager, and started or restored it is ready and runs its task
 * again. One global service (a task per node) of a tiny busybox image serves each node's name. Breaking nodes
 * holds the lab alone ({@link SwarmLab#hold}): no other test deploys to it meanwhile.
 */
class SwarmLabIT {
    private static final int PORT = 18080;
    private static final Duration NODE_CHANGE = Duration.ofSeconds(40);
    private static final String NAME = "swarm-lab-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = RegistryApi.ADDRESS + "/" + NAME + ":1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static SwarmLab lab;

    @BeforeAll
    static void aServiceOnEveryNode(@TempDir Path dir) throws IOException {
        lab = SwarmLab.require();
        Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"));
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                CMD ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /www && /bin/busybox hostname > /www/index.html && exec /bin/busybox httpd -f -p %d -h /www"]
                """.formatted(PORT));
        Path config = Files.createDirectory(dir.resolve("docker-config"));
        docker(config, null, "build", "-q", "-t", IMAGE, dir.toString());
        String password = LabCredentials.get("GANTRY_REGISTRY_PASSWORD").orElseThrow();
        docker(config, null, "login", "-u", LabCredentials.get("GANTRY_REGISTRY_USERNAME").orElseThrow(), "-p", password,
                RegistryApi.ADDRESS);
        docker(config, null, "push", "-q", IMAGE);
        docker(config, lab.manager(), "service", "create", "-q", "--detach", "--with-registry-auth", "--name", NAME,
                "--mode", "global", "--endpoint-mode", "dnsrr", "--hostname", "{{.Node.Hostname}}",
                "--publish", "mode=host,target=" + PORT + ",published=" + PORT, IMAGE);
    }

    @AfterAll
    static void removeTheService() {
        if (lab != null) {
            Run.of(Duration.ofMinutes(1), "docker", "-H", lab.manager(), "service", "rm", NAME);
            Run.of(Duration.ofMinutes(1), "docker", "image", "rm", IMAGE);
            new RegistryApi().deleteRepository(NAME);
        }
    }

    @Test
    void everyNodeIsAReadyMemberAndRunsItsTaskPulledFromTheLabRegistry() {
        List<Node> nodes = lab.nodes();
        assertThat(nodes).as("bin/lab nodes").hasSize(Integer.parseInt(System.getenv().getOrDefault("GANTRY_LAB_NODES", "3")))
                .allSatisfy(node -> assertThat(node.state()).as(node.name()).isEqualTo("ready/active"));
        assertThat(nodes.stream().map(Node::id).distinct()).as("Swarm node ids").hasSize(nodes.size())
                .noneMatch(id -> id.equals("-"));
        assertThat(nodes.getFirst().dockerHost()).isEqualTo(lab.manager());
        for (Node node : nodes) {
            awaitAnswer(node, node.name());
        }
    }

    @Test
    void aKilledNodeAndACutNodeAreSeenDownAndComeBackToWork() {
        SwarmLab.Held alone = SwarmLab.hold(true);
        try {
            killAndCut();
        } finally {
            alone.close();
        }
    }

    private void killAndCut() {
        List<Node> nodes = lab.nodes();
        assertThat(nodes).as("a lab with workers to break").hasSizeGreaterThanOrEqualTo(3);
        Node killed = nodes.get(2);
        Node cut = nodes.get(1);
        for (Node node : nodes) {
            awaitAnswer(node, node.name());
        }

        assertThat(SwarmLab.lab("kill", killed.name()).exitCode()).isZero();
        awaitState(killed, "down/active(daemon-stopped)");
        assertThat(answer(killed)).as("the killed node's task").isEmpty();
        assertThat(SwarmLab.lab("start", killed.name()).exitCode()).isZero();
        awaitState(killed, "ready/active");
        awaitAnswer(killed, killed.name());

        assertThat(SwarmLab.lab("cut", cut.name()).exitCode()).isZero();
        try {
            assertThat(answer(cut)).as("a cut node's task, from the host").isEmpty();
            awaitState(cut, "down/active");
        } finally {
            assertThat(SwarmLab.lab("restore", cut.name()).exitCode()).isZero();
        }
        awaitState(cut, "ready/active");
        awaitAnswer(cut, cut.name());
    }

    @Test
    void anUnknownNodeOrCommandIsAUsageError() {
        Run unknown = SwarmLab.lab("kill", "node42");
        assertThat(unknown.exitCode()).as("%s", unknown).isEqualTo(2);
        assertThat(unknown.output()).contains("no node named \"node42\"", "node1");
        Run usage = SwarmLab.lab("reboot", "node1");
        assertThat(usage.exitCode()).as("%s", usage).isEqualTo(2);
        assertThat(usage.output()).contains("bin/lab nodes");
    }

    private static void awaitState(Node node, String state) {
        await(() -> lab.nodes().stream().filter(n -> n.name().equals(node.name())).findFirst().orElseThrow().state(),
                state, node.name() + "'s state in bin/lab nodes");
    }

    private static void awaitAnswer(Node node, String body) {
        await(() -> answer(node), body, "the task on " + node.name() + " at " + node.address() + ":" + PORT);
    }

    /** Polls {@code probe} until it says {@code wanted}; fails with what it said, in turn, if it does not within NODE_CHANGE. */
    private static void await(Supplier<String> probe, String wanted, String what) {
        List<String> seen = new ArrayList<>();
        try {
            Awaitility.await(what).atMost(NODE_CHANGE).pollInterval(Duration.ofMillis(200)).until(() -> {
                String now = probe.get();
                if (seen.isEmpty() || !seen.getLast().equals(now)) {
                    seen.add(now);
                }
                return now.equals(wanted);
            });
        } catch (ConditionTimeoutException e) {
            fail("%s was not \"%s\" within %s; it was, in turn: %s", what, wanted, NODE_CHANGE, seen);
        }
    }

    /** The body the node's task answers with, stripped, or "" when nothing answers. */
    private static String answer(Node node) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://" + node.address() + ":" + PORT + "/"))
                    .timeout(Duration.ofSeconds(1)).build();
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().strip() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void docker(Path config, String host, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "--config", config.toString()));
        if (host != null) {
            command.addAll(List.of("-H", host));
        }
        command.addAll(List.of(args));
        Run run = Run.of(Duration.ofMinutes(2), command.toArray(String[]::new));
        if (run.exitCode() != 0) {
            throw new UncheckedIOException(new IOException(run.command() + " failed: " + run.output()));
        }
    }
}
