package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.PostgresDatabase;
import dev.gantry.TestStore;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two installations (two GANTRY_HOMEs, each with its own store and managed proxy: A on HAProxy, B on
 * nginx) deploy a service of the same name on one Docker engine, in turn, and then each fails,
 * rolls back and retires: neither renames, stops, routes, deregisters or removes what the other
 * made (docs/architecture.md, "Installations").
 */
class TwoInstallationsIT {
    private static final String PATH = "/tiny";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private final int portB = Sandbox.closedPort();
    private Path homeB;
    private PostgresDatabase storeB;

    @AfterEach
    void stopTheSecondInstallation() {
        if (homeB != null) {
            ManagedProxies.stopAll(homeB);
        }
        if (storeB != null) {
            storeB.close();
        }
    }

    @Test
    void twoInstallationsDeployTheSameServiceOnOneEngineAndNeverTouchEachOther() {
        sandbox.use("haproxy", "embedded");
        GantryCli a = sandbox.cli();
        GantryCli b = secondInstallation();
        String service = sandbox.service();
        ServiceRepo repo = sandbox.tiny();
        String first = commit(repo, "first");

        ok(a.run("run", repo.serviceDir().toString()));
        ok(b.run("run", repo.serviceDir().toString()));

        String idA = installationId(sandbox.storeUrl());
        String idB = installationId(storeUrlB());
        assertThat(idA).isNotEqualTo(idB);
        assertThat(sandbox.runningContainers(Map.of("gantry.installation", idA)))
                .containsExactly(service + "-blue-1-" + idA, service + "-blue-2-" + idA);
        assertThat(sandbox.runningContainers(Map.of("gantry.installation", idB)))
                .containsExactly(service + "-blue-1-" + idB, service + "-blue-2-" + idB);
        assertThat(get(sandbox.proxyUrl())).startsWith("200 release=" + first);
        assertThat(get(proxyUrlB())).startsWith("200 release=" + first);

        // a container of this service from before installation ids: neither installation's, left alone
        String legacy = sandbox.production().create(baseImage(), service + "-green-1",
                Map.of("gantry.service", service, "gantry.colour", "green", "gantry.role", "app"));

        List<String> bBefore = snapshot(idB);
        String second = commit(repo, "second");
        var flip = a.run("run", repo.serviceDir().toString());
        ok(flip);
        assertThat(sandbox.home().resolve("logs").resolve(service).resolve("2-deploy.log")).as("A's deploy log")
                .content().contains("left alone: " + service + "-green-1 (started by a Gantry before installation ids");
        assertThat(sandbox.production().id(service + "-green-1")).isEqualTo(legacy);
        assertUntouched("A's release and retirement of blue", bBefore, idB, proxyUrlB(), storeUrlB(), first);
        assertThat(sandbox.runningContainers(Map.of("gantry.installation", idA)))
                .containsExactly(service + "-green-1-" + idA, service + "-green-2-" + idA);

        List<String> aBefore = snapshot(idA);
        var failed = b.with("GANTRY_FAILPOINTS", "post-integration=fail").run("run", repo.serviceDir().toString());
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertUntouched("B's failed run and its undo", aBefore, idA, sandbox.proxyUrl(), sandbox.storeUrl(), second);
        assertThat(sandbox.runningContainers(Map.of("gantry.installation", idB)))
                .containsExactly(service + "-blue-1-" + idB, service + "-blue-2-" + idB);
        assertThat(get(proxyUrlB())).startsWith("200 release=" + first);

        ok(b.run("run", repo.serviceDir().toString()));
        assertThat(get(proxyUrlB())).startsWith("200 release=" + second);
        ok(b.run("rollback", service));
        assertThat(get(proxyUrlB())).startsWith("200 release=" + first);
        assertUntouched("B's release, retirement and rollback", aBefore, idA, sandbox.proxyUrl(), sandbox.storeUrl(),
                second);

        bBefore = snapshot(idB);
        String third = commit(repo, "third");
        ok(a.run("run", repo.serviceDir().toString()));
        assertThat(get(sandbox.proxyUrl())).startsWith("200 release=" + third);
        assertUntouched("A's third release and retirement of green", bBefore, idB, proxyUrlB(), storeUrlB(), first);
        assertThat(sandbox.production().id(service + "-green-1")).isEqualTo(legacy);
    }

    /** What {@code installation} made is exactly as it was, its proxy serves {@code release}, its discovery is intact. */
    private void assertUntouched(String after, List<String> before, String installation, String proxyUrl,
                                 String storeUrl, String release) {
        assertThat(snapshot(installation)).as("containers of installation %s after %s", installation, after)
                .isEqualTo(before);
        assertThat(get(proxyUrl)).as("its proxy after %s", after).startsWith("200 release=" + release);
        try (Store store = Store.open(storeUrl); Discovery discovery = Discovery.open("embedded", store)) {
            Optional<Colour> live = discovery.live(sandbox.service());
            assertThat(live).as("its live colour after %s", after).isPresent();
            assertThat(discovery.colour(sandbox.service(), live.get()).orElseThrow().release())
                    .as("its live release after %s", after).isEqualTo(release);
        }
    }

    private GantryCli secondInstallation() {
        homeB = sandbox.directory("home-b");
        GantryCli b = GantryCli.of(homeB, sandbox.directory("out-b"))
                .with("GANTRY_PROXY", "nginx").with("GANTRY_DISCOVERY", "embedded")
                .with("GANTRY_PROXY_HTTP_PORT", Integer.toString(portB))
                .with("GANTRY_PROXY_HTTPS_PORT", Integer.toString(Sandbox.closedPort()));
        if (TestStore.postgres()) {
            storeB = PostgresDatabase.create();
            b = b.with("GANTRY_STORE", storeB.url());
        }
        return b;
    }

    private String proxyUrlB() {
        return "http://127.0.0.1:" + portB;
    }

    private String storeUrlB() {
        return storeB != null ? storeB.url() : "jdbc:sqlite:" + homeB.resolve("gantry.db");
    }

    private List<String> snapshot(String installation) {
        return sandbox.production().snapshot(sandbox.service(), installation);
    }

    /** The tiny service's base image: it carries no installation label, as images before installation ids did not. */
    private static String baseImage() {
        try {
            return Files.readAllLines(Sandbox.resource("services/tiny/Dockerfile")).stream()
                    .filter(line -> line.startsWith("FROM ")).findFirst().orElseThrow().substring(5).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String installationId(String storeUrl) {
        try (Store store = Store.open(storeUrl)) {
            return store.installationId().value();
        }
    }

    private String commit(ServiceRepo repo, String what) {
        repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), ""));
        repo.write("case.txt", what + "\n");
        return repo.commit(what);
    }

    private static void ok(GantryCli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static String get(String proxyUrl) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            var response = http.send(HttpRequest.newBuilder(URI.create(proxyUrl + PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
