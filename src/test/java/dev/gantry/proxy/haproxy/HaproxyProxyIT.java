package dev.gantry.proxy.haproxy;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed HAProxy against real HAProxy and real HTTP backends in this JVM. */
class HaproxyProxyIT {
    @TempDir
    Path home;

    private Installation installation;
    private HaproxyProxy proxy;
    private final List<ColourBackend> backends = new ArrayList<>();
    private final List<Long> started = new ArrayList<>();
    private ColourBackend blue;
    private ColourBackend green;
    private HttpClient http;

    @BeforeEach
    void startProxy() throws IOException {
        installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY", "haproxy",
                "GANTRY_PROXY_HTTP_PORT", Integer.toString(freePort()),
                "GANTRY_PROXY_HTTPS_PORT", Integer.toString(freePort())));
        proxy = new HaproxyProxy(installation);
        proxy.start();
        started.add(proxy.pid().orElseThrow());
        blue = backend("blue");
        green = backend("green");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopEverything() {
        http.close();
        proxy.stop();
        proxy.pid().ifPresent(started::add);
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        backends.forEach(ColourBackend::close);
    }

    @Test
    void routesByPathPrefixAndByHostOnOneListenerAnd404Otherwise() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        proxy.route(route("shop", "/", "shop.example.com", green));

        assertThat(get("/books/1")).isEqualTo("200 blue");
        assertThat(rawGet("shop.example.com", "/cart")).isEqualTo("200 green");
        assertThat(rawGet("SHOP.example.com:80", "/books/1")).isEqualTo("200 green");
        assertThat(get("/nothing-here")).isEqualTo("404 no route");
    }

    @Test
    void eachAnsweredRequestIsToldOnceWithTheBackendThatAnsweredItsStatusAndTime() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        String address = blue.backend().host() + ":" + blue.backend().port();
        List<ProxyRequest> told = new ArrayList<>();
        try (RequestFeed feed = proxy.requests()) {
            // the feed tells what is logged after it follows the ring: ask until the first request is told
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                get("/books/1");
                told.addAll(feed.take());
                return !told.isEmpty();
            });
            // a request is logged as its stream ends, just after its answer: let the last warm-up ones come in
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> feed.take().isEmpty());
            told.clear();
            for (int i = 0; i < 5; i++) {
                assertThat(get("/books/" + i)).isEqualTo("200 blue");
            }
            assertThat(get("/nothing-here")).isEqualTo("404 no route");
            await().atMost(Duration.ofSeconds(5)).until(() -> told.addAll(feed.take()) && told.size() >= 6);

            assertThat(told).filteredOn(r -> r.status() == 200).hasSize(5)
                    .allSatisfy(r -> assertThat(r.server()).isEqualTo(address))
                    .allSatisfy(r -> assertThat(r.millis()).isBetween(0L, 25_000L));
            assertThat(told).filteredOn(r -> r.status() == 404).singleElement()
                    .satisfies(r -> assertThat(r.server()).as("HAProxy's own answer names no backend").doesNotContain(address));
            assertThat(feed.take()).as("each request is told once").isEmpty();
        }
    }

    @Test
    void answersHttpsWithTheGeneratedCertificate() throws Exception {
        proxy.route(route("books", "/books", null, blue));

        try (HttpClient https = HttpClient.newBuilder().sslContext(trusting(home.resolve("proxy/self-signed.pem"))).build()) {
            HttpResponse<String> response = https.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + installation.proxyHttpsPort() + "/books")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode() + " " + response.body()).isEqualTo("200 blue");
        }
    }

    @Test
    void aRouteChangeIsSeenByTheNextRequestAndANewServiceNeedsNoReload() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        assertThat(get("/books")).isEqualTo("200 blue");
        int reloads = reloads();

        proxy.route(route("books", "/books", null, green));
        assertThat(get("/books")).isEqualTo("200 green");
        proxy.route(route("shop", "/shop", null, blue));
        assertThat(get("/shop/cart")).isEqualTo("200 blue");

        assertThat(reloads()).isEqualTo(reloads);
        assertThat(proxy.routes()).containsOnlyKeys("books", "shop");
    }

    @Test
    void reloadsOnlyWhenTheSpareBackendsRunOut() throws Exception {
        int reloads = reloads();
        for (int i = 1; i <= Pools.SPARES; i++) {
            proxy.route(route("svc" + i, "/svc" + i, null, blue));
        }
        assertThat(reloads()).isEqualTo(reloads);

        proxy.route(route("one-more", "/one-more", null, green));

        assertThat(reloads()).isEqualTo(reloads + 1);
        assertThat(get("/one-more")).isEqualTo("200 green");
        assertThat(get("/svc1")).isEqualTo("200 blue");
    }

    @Test
    void anotherGantryProcessSeesTheRunningProxyAndAStopAndStartKeepsTheRoutes() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        proxy.route(route("books", "/books", null, green));
        long pid = proxy.pid().orElseThrow();

        HaproxyProxy other = new HaproxyProxy(installation);
        other.start();
        assertThat(other.describe()).isEqualTo("haproxy (managed, pid " + pid + ")");
        assertThat(other.routes()).isEqualTo(proxy.routes());
        other.route(route("shop", "/shop", null, blue));
        assertThat(get("/shop")).isEqualTo("200 blue");

        proxy.stop();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isEmpty();
        assertThat(proxy.describe()).isEqualTo("haproxy (managed, not running)");
        proxy.start();
        started.add(proxy.pid().orElseThrow());

        assertThat(get("/books")).isEqualTo("200 green");
        assertThat(get("/shop")).isEqualTo("200 blue");
    }

    @Test
    void twoGantryProcessesRoutingAtOnceKeepEachOthersRoutes() throws Exception {
        HaproxyProxy other = new HaproxyProxy(installation);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 4; i++) {
                proxy.route(route("first" + i, "/first" + i, null, blue));
            }
        });
        for (int i = 1; i <= 4; i++) {
            other.route(route("second" + i, "/second" + i, null, green));
        }
        first.get();

        assertThat(proxy.routes()).hasSize(8);
        assertThat(get("/first4")).isEqualTo("200 blue");
        assertThat(get("/second4")).isEqualTo("200 green");
    }

    @Test
    void namesThePortAndTheSettingWhenThePortIsTaken(@TempDir Path otherHome) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            HaproxyProxy blocked = new HaproxyProxy(Installation.load(Map.of("GANTRY_HOME", otherHome.toString(),
                    "GANTRY_PROXY_HTTP_PORT", Integer.toString(taken.getLocalPort()),
                    "GANTRY_PROXY_HTTPS_PORT", Integer.toString(freePort()))));

            assertThatThrownBy(blocked::start).isInstanceOf(ProxyUnavailableException.class)
                    .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("GANTRY_PROXY_HTTP_PORT");
            assertThat(blocked.pid()).isEmpty();
        }
    }

    @Test
    void refusesAnInvalidRouteAndKeepsTheOldRouting() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        Map<String, Route> before = proxy.routes();

        assertThatThrownBy(() -> proxy.route(new Route("books", "/books", Optional.empty(),
                List.of(new Backend("127.0.0.1", 0))))).isInstanceOf(ProxyException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> proxy.route(new Route("books", "/books", Optional.of("bad host"),
                List.of(green.backend())))).isInstanceOf(ProxyException.class).hasMessageContaining("bad host");

        assertThat(get("/books")).isEqualTo("200 blue");
        assertThat(proxy.routes()).isEqualTo(before);
    }

    @Test
    void aPreparedRouteMovesNoTrafficUntilAppliedAndStillAppliesAfterAnotherServiceWasRouted() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        int reloads = reloads();

        PreparedRoute prepared = proxy.prepare(route("books", "/books", null, green));
        assertThat(get("/books")).isEqualTo("200 blue");
        // the configuration prepare validated is stale now, so applying validates the new one
        proxy.route(route("shop", "/shop", null, blue));
        prepared.apply();

        assertThat(get("/books")).isEqualTo("200 green");
        assertThat(get("/shop/cart")).isEqualTo("200 blue");
        assertThat(proxy.routes()).containsOnlyKeys("books", "shop");
        assertThat(reloads()).isEqualTo(reloads);
        try (var files = Files.list(installation.proxyFiles().resolve("haproxy"))) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".next"));
        }
    }

    @Test
    void prepareAddressesTheParkedIdleBankAheadAndTheSwitchStillAppliesAfterHaproxyStartedAgain() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        String greenAddress = green.backend().host() + ":" + green.backend().port();

        PreparedRoute prepared = proxy.prepare(route("books", "/books", null, green));

        ServerStats stats = ServerStats.parse(new RuntimeApi(HaproxyFiles.of(installation).adminSocket())
                .send(List.of(ServerStats.COMMAND)));
        assertThat(stats.slots().values()).as("the idle bank's first slot: green's address, parked")
                .anySatisfy(slot -> assertThat(slot).satisfies(s -> assertThat(s.address()).isEqualTo(greenAddress),
                        s -> assertThat(s.parked()).isTrue()));
        assertThat(get("/books")).isEqualTo("200 blue");

        proxy.stop();  // started again from its files: the idle bank's addresses are gone
        proxy.start();
        prepared.apply();

        assertThat(get("/books")).isEqualTo("200 green");
    }

    @Test
    void prepareRefusesAnInvalidRouteWithTheMessageOfRouteAndChangesNothing() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        Route conflicting = route("shop", "/books", null, green);

        assertThatThrownBy(() -> proxy.prepare(conflicting))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route shop through HAProxy: service books is already routed at /books; unroute it"
                        + " first. The previous routing stays.");
        assertThat(get("/books")).isEqualTo("200 blue");
        assertThat(proxy.routes()).containsOnlyKeys("books");
    }

    @Test
    void unroutedServicesGet404() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        proxy.unroute("books");

        assertThat(get("/books")).isEqualTo("404 no route");
        assertThat(proxy.routes()).isEmpty();
    }

    @Test
    void switchesBlueAndGreenUnderKeepAliveLoadWithoutLosingARequest() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        KeepAliveLoad load = new KeepAliveLoad(URI.create(proxy.url() + "/books"), 4, 200_000);
        long began = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> load.answered("blue") > 100);
            for (int i = 1; i <= 20; i++) {
                proxy.route(route("books", "/books", null, i % 2 == 1 ? green : blue));
            }
            await().atLeast(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> load.answered("blue") > 200);
        } finally {
            load.stop();
        }
        System.out.printf("zero-downtime: %d requests, %d failed, blue %d, green %d, 20 switches in %d ms%n",
                load.total(), load.failed(), load.answered("blue"), load.answered("green"),
                Duration.ofNanos(System.nanoTime() - began).toMillis());

        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(load.answered("blue")).isPositive();
        assertThat(load.answered("green")).isPositive();
    }

    @Test
    void aSlowRequestInFlightOnTheOldColourCompletesAfterTheSwitch() throws Exception {
        proxy.route(route("books", "/books", null, blue));
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> uncheckedGet("/books/slow"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sessionsOn("A1") == 1);

        CompletableFuture<Void> switching = CompletableFuture.runAsync(() -> proxy.route(route("books", "/books", null, green)));
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/books").equals("200 green"));
        assertThat(switching).isNotDone();  // waiting for blue to drain
        blue.releaseSlow();

        assertThat(slow.get()).isEqualTo("200 blue");
        switching.get();
        assertThat(get("/books")).isEqualTo("200 green");
    }

    private int sessionsOn(String slot) {
        return new RuntimeApi(HaproxyFiles.of(installation).adminSocket()).send(List.of(ServerStats.COMMAND)).lines()
                .filter(l -> l.startsWith("be_1," + slot + ",")).mapToInt(l -> Integer.parseInt(l.split(",")[4]))
                .findFirst().orElse(-1);
    }

    private int reloads() {
        return MasterStatus.parse(new RuntimeApi(HaproxyFiles.of(installation).masterSocket())
                .send(List.of("show proc"))).reloads();
    }

    private ColourBackend backend(String colour) throws IOException {
        ColourBackend backend = ColourBackend.start(colour);
        backends.add(backend);
        return backend;
    }

    private static Route route(String service, String path, String host, ColourBackend backend) {
        return new Route(service, path, Optional.ofNullable(host), List.of(backend.backend()));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy.url() + path))
                .timeout(Duration.ofSeconds(25)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private String uncheckedGet(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** A GET with a chosen Host header, which java.net.http does not allow to set. */
    private String rawGet(String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", installation.proxyHttpPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(9, 12) + " " + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        String text = Files.readString(pem);
        String certificate = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----"),
                text.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII))) {
            trust.setCertificateEntry("gantry", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static int freePort() {
        return FreePort.pick();
    }
}
