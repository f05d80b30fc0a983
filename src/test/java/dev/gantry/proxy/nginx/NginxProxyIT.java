package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.FreePort;
import dev.gantry.config.Installation;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyUnavailableException;
import dev.gantry.proxy.ProxyRequest;
import dev.gantry.proxy.RequestFeed;
import dev.gantry.proxy.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed nginx against real nginx and real backends in this JVM; each test has its own GANTRY_HOME and ports. */
class NginxProxyIT {
    @TempDir
    Path home;

    private Installation installation;
    private NginxProxy proxy;
    private final List<ColourBackend> backends = new ArrayList<>();
    private ColourBackend blue1;
    private ColourBackend blue2;
    private ColourBackend green1;
    private ColourBackend green2;

    @BeforeEach
    void setUp() throws IOException {
        installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY", "nginx",
                "GANTRY_PROXY_HTTP_PORT", Integer.toString(freePort()), "GANTRY_PROXY_HTTPS_PORT", Integer.toString(freePort())));
        proxy = new NginxProxy(installation);
        blue1 = backend("blue");
        blue2 = backend("blue");
        green1 = backend("green");
        green2 = backend("green");
    }

    @AfterEach
    void tearDown() {
        proxy.stop();
        backends.forEach(ColourBackend::close);
    }

    @Test
    void routesByPathPrefixAndByHostOnOneListener() throws IOException {
        proxy.start();
        proxy.route(books(blue1, blue2));
        proxy.route(new Route("shop", "/", Optional.of("shop.example.com"), List.of(green1.backend())));

        try (var client = client()) {
            assertThat(List.of(client.get("/books/1", "any.test").body(), client.get("/books/2", "any.test").body()))
                    .containsExactlyInAnyOrder(blue1.body(), blue2.body());
            assertThat(client.get("/", "shop.example.com").body()).isEqualTo(green1.body());
            // the routes of the request's host come first, as with nginx's own virtual hosts
            assertThat(client.get("/books/1", "shop.example.com").body()).isEqualTo(green1.body());
            var unknown = client.get("/nothing-here", "any.test");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("No service is routed for this host and path.");
            assertThat(client.connections()).isEqualTo(1);
        }
        assertThat(proxy.routes()).containsOnlyKeys("books", "shop");
        assertThat(proxy.url()).isEqualTo("http://127.0.0.1:" + installation.proxyHttpPort());
    }

    @Test
    void eachAnsweredRequestIsToldOnceWithTheBackendThatAnsweredItsStatusAndTime() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        String address = blue1.backend().host() + ":" + blue1.backend().port();
        try (var client = client(); RequestFeed feed = proxy.requests()) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/books/" + i, "any.test").status()).isEqualTo(200);
            }
            assertThat(client.get("/nothing-here", "any.test").status()).isEqualTo(404);

            // nginx keeps a request's line in its log phase, just after the answer went out
            List<ProxyRequest> told = new ArrayList<>();
            await().atMost(Duration.ofSeconds(5)).until(() -> told.addAll(feed.take()) && told.size() >= 5);
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);  // time for a line that must not come (the 404)
            told.addAll(feed.take());

            assertThat(told).as("nginx's own 404 reached no backend: not told").hasSize(5)
                    .allSatisfy(r -> assertThat(r).extracting(ProxyRequest::server, ProxyRequest::status)
                            .containsExactly(address, 200))
                    .allSatisfy(r -> assertThat(r.millis()).isBetween(0L, 25_000L));
            assertThat(feed.take()).as("each request is told once").isEmpty();
        }
    }

    @Test
    void httpsAnswersWithTheGeneratedCertificate() throws Exception {
        proxy.start();
        proxy.route(books(blue1));
        Path certificate = installation.proxyFiles().resolve("self-signed.pem");

        HttpClient https = HttpClient.newBuilder().sslContext(trusting(certificate)).proxy(HttpClient.Builder.NO_PROXY).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + installation.proxyHttpsPort() + "/books/1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().strip()).isEqualTo(blue1.body());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void aRouteChangeIsSeenByTheNextRequestOnTheSameConnection() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());

            proxy.route(books(green1));
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(green1.body());

            proxy.unroute("books");
            assertThat(client.get("/books/1", "any.test").status()).isEqualTo(404);
            assertThat(client.connections()).isEqualTo(1);
        }
        assertThat(proxy.routes()).isEmpty();
    }

    @Test
    void aSecondGantryProcessSeesTheRunningProxyAndItsRoutes() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        String described = proxy.describe();

        var other = new NginxProxy(installation);
        other.start();
        other.route(new Route("shop", "/shop", Optional.empty(), List.of(green1.backend())));

        assertThat(other.describe()).isEqualTo(described)
                .isEqualTo("nginx (managed, pid " + pid() + ", admin " + home.resolve("proxy/nginx/admin/admin.sock") + ")");
        assertThat(other.routes()).containsOnlyKeys("books", "shop");
        assertThat(proxy.routes()).containsOnlyKeys("books", "shop");
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());
            assertThat(client.get("/shop/1", "any.test").body()).isEqualTo(green1.body());
        }
    }

    @Test
    void routingFromManyThreadsAtOnceLosesNoRoute() {
        proxy.start();
        List<CompletableFuture<Void>> routing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var route = new Route("svc-" + i, "/svc-" + i, Optional.empty(), List.of(blue1.backend()));
            var gantry = new NginxProxy(installation);
            routing.add(CompletableFuture.runAsync(() -> gantry.route(route)));
        }
        CompletableFuture.allOf(routing.toArray(CompletableFuture[]::new)).join();

        assertThat(proxy.routes()).hasSize(8);
    }

    @Test
    void aRestartKeepsTheRoutes() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        long before = pid();

        proxy.stop();
        assertThat(proxy.describe()).isEqualTo("nginx (managed, not running)");
        proxy.start();

        assertThat(pid()).isNotEqualTo(before);
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());
        }
    }

    @Test
    void routingStartsAStoppedProxy() throws IOException {
        proxy.route(books(blue1));

        assertThat(proxy.describe()).startsWith("nginx (managed, pid ");
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());
        }
    }

    @Test
    void aPreparedRouteMovesNoTrafficUntilItIsAppliedAndNginxChecksATableWithoutStoringIt() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        String json = Files.readString(installation.proxyFiles().resolve("routes.json"));

        PreparedRoute prepared = proxy.prepare(books(green1));
        assertThatThrownBy(() -> admin().checkRoutes(RoutesText.HEADER + "books * /books/ 127.0.0.1:notaport\n"))
                .isInstanceOf(ProxyException.class)
                .hasMessageStartingWith("nginx refused the new route table: line 2: ");
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());
        }
        assertThat(Files.readString(installation.proxyFiles().resolve("routes.json"))).isEqualTo(json);

        prepared.apply();
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(green1.body());
        }
        assertThat(proxy.routes().get("books")).isEqualTo(books(green1));
    }

    @Test
    void prepareRefusesAConflictingRouteWithTheMessageOfRouteAndChangesNothing() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        Route conflicting = new Route("other", "/books/", Optional.empty(), List.of(green1.backend()));

        assertThatThrownBy(() -> proxy.prepare(conflicting))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route other through nginx: service books is already routed at /books/; unroute it"
                        + " first. The previous routing stays.");
        assertThat(proxy.routes()).containsOnlyKeys("books");
    }

    @Test
    void anInvalidRouteIsRefusedAndTheOldRoutingKeepsWorking() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        Path routesJson = installation.proxyFiles().resolve("routes.json");
        Path routesText = installation.proxyFiles().resolve("nginx/routes.txt");
        String json = Files.readString(routesJson);
        String text = Files.readString(routesText);

        assertThatThrownBy(() -> proxy.route(new Route("books", "books", Optional.empty(), List.of(green1.backend()))))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("path prefix \"books\" should start with '/'");
        // a conflict with another service's route: refused before anything is written
        Route conflicting = new Route("other", "/books/", Optional.empty(), List.of(green1.backend()));
        assertThatThrownBy(() -> proxy.route(conflicting))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route other through nginx: service books is already routed at /books/; unroute it"
                        + " first. The previous routing stays.");
        // nginx's own validation of the whole table still refuses it, answering 400
        Map<String, Route> both = Map.of("books", books(blue1), "other", conflicting);
        assertThatThrownBy(() -> admin().putRoutes(RoutesText.render(both)))
                .isInstanceOf(ProxyException.class)
                .hasMessage("nginx refused the new route table: line 3: services books and other both route host * path"
                        + " /books/. The previous routes stay.");

        assertThat(Files.readString(routesJson)).isEqualTo(json);
        assertThat(Files.readString(routesText)).isEqualTo(text);
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());
        }
    }

    @Test
    void aTableNginxCannotBeGivenPutsBothFilesBack() throws IOException {
        proxy.start();
        proxy.route(books(blue1));
        Path routesJson = installation.proxyFiles().resolve("routes.json");
        Path routesText = installation.proxyFiles().resolve("nginx/routes.txt");
        Path socket = installation.proxyFiles().resolve("nginx/admin/admin.sock");
        String json = Files.readString(routesJson);
        String text = Files.readString(routesText);
        // nginx keeps listening on the unlinked socket, which nobody can reach any more
        Files.delete(socket);
        Files.writeString(socket, "not a socket");

        assertThatThrownBy(() -> proxy.route(books(green1)))
                .isInstanceOf(ProxyUnavailableException.class)
                .hasMessageContaining("PUT /_gantry/routes on nginx's admin socket " + socket + " failed");

        assertThat(Files.readString(routesJson)).isEqualTo(json);
        assertThat(Files.readString(routesText)).isEqualTo(text);
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue1.body());
        }
    }

    @Test
    void aPortInUseIsNamedWithTheSettingThatMovesIt() throws IOException {
        try (var squatter = new ServerSocket(installation.proxyHttpPort())) {
            assertThatThrownBy(proxy::start)
                    .isInstanceOf(ProxyUnavailableException.class)
                    .hasMessageContaining("cannot listen on port " + squatter.getLocalPort())
                    .hasMessageContaining("Set GANTRY_PROXY_HTTP_PORT");
        }
        assertThat(proxy.describe()).isEqualTo("nginx (managed, not running)");
    }

    @Test
    void stopLeavesNoProcess() {
        proxy.start();
        ProcessHandle master = ProcessHandle.of(pid()).orElseThrow();
        List<ProcessHandle> workers = master.children().toList();
        assertThat(workers).isNotEmpty();

        proxy.stop();

        assertThat(gone(master)).as("nginx master %d is gone", master.pid()).isTrue();
        assertThat(workers).allMatch(NginxProxyIT::gone);
        assertThat(installation.proxyFiles().resolve("nginx/nginx.pid")).doesNotExist();
        proxy.stop();
    }

    @Test
    void aSlowRequestOnTheOldColourFinishesAfterTheSwitch() throws Exception {
        proxy.start();
        proxy.route(books(blue1, blue2));
        var slow = CompletableFuture.supplyAsync(() -> {
            try (var client = client()) {
                return client.get("/books/slow", "any.test");
            } catch (IOException e) {
                throw new IllegalStateException("the slow request failed", e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> blue1.slowArrived() + blue2.slowArrived() == 1);
        ColourBackend holding = blue1.slowArrived() == 1 ? blue1 : blue2;
        assertThat(admin().inflight()).contains(holding.backend() + " 1");

        proxy.route(books(green1, green2));
        try (var client = client()) {
            assertThat(client.get("/books/1", "any.test").body()).startsWith("green:");
        }
        assertThat(slow).isNotDone();
        blue1.releaseSlow();
        blue2.releaseSlow();

        var response = slow.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(holding.body());
        await().atMost(Duration.ofSeconds(5)).until(() -> !admin().inflight().contains(holding.backend() + " 1"));
    }

    @Test
    void switchingUnderKeepAliveLoadFailsNoRequest() throws Exception {
        proxy.start();
        proxy.route(books(blue1, blue2));
        List<Long> switchMicros = new ArrayList<>();

        KeepAliveLoad.Result result;
        try (var load = KeepAliveLoad.start(installation.proxyHttpPort(), "/books/", 4, Duration.ofSeconds(20), 2_000_000)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> load.completed() >= 500);
            for (int i = 1; i <= 20; i++) {
                long started = System.nanoTime();
                proxy.route(i % 2 == 1 ? books(green1, green2) : books(blue1, blue2));
                switchMicros.add((System.nanoTime() - started) / 1000);
                long mark = load.completed();
                // a switch every 250 ms at the earliest, and only after the load went on through the last one
                await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(5))
                        .until(() -> load.completed() >= mark + 300);
            }
            result = load.finish();
        }

        Collections.sort(switchMicros);
        System.out.printf("nginx zero-downtime: %d requests (GET and POST) in %d ms on %d keep-alive connections,"
                        + " 20 switches, %d failed; blue %d, green %d; route() p50 %.1f ms, max %.1f ms%n",
                result.requests(), result.took().toMillis(), result.connections(), result.failures(), result.blue(),
                result.green(), switchMicros.get(10) / 1000.0, switchMicros.getLast() / 1000.0);
        assertThat(result.failures()).as("failed requests: %s", result.failureSamples()).isZero();
        assertThat(result.blue()).isPositive();
        assertThat(result.green()).isPositive();
        assertThat(result.requests()).isGreaterThan(500 + 20 * 300);
        // a client opens a new connection only after nginx announced a close (keepalive_requests)
        assertThat(result.requests() / result.connections()).as("requests per connection").isGreaterThan(1000);
    }

    private Route books(ColourBackend... replicas) {
        return new Route("books", "/books/", Optional.empty(), List.of(replicas).stream().map(ColourBackend::backend).toList());
    }

    private ColourBackend backend(String colour) throws IOException {
        ColourBackend backend = ColourBackend.start(colour);
        backends.add(backend);
        return backend;
    }

    private KeepAliveClient client() {
        return new KeepAliveClient(installation.proxyHttpPort());
    }

    private AdminClient admin() {
        return new AdminClient(NginxFiles.of(installation).adminSocket());
    }

    private long pid() {
        return new NginxProcess(NginxFiles.of(installation)).pid().orElseThrow();
    }

    /** Exited: no such process, or a zombie waiting for init to reap it (it holds no port and no file). */
    private static boolean gone(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException noSuchProcess) {
            return true;
        }
    }

    private static int freePort() {
        return FreePort.pick();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gantry", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
