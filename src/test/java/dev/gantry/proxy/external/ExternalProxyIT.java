package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.FreePort;
import dev.gantry.config.Installation;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.HeaderEcho;
import dev.gantry.proxy.ManagedProcess;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external proxy against a real nginx that the test runs as "the user's proxy" (its own prefix,
 * pid file and logs in a temp dir), and the HAProxy fragment checked by real HAProxy.
 */
class ExternalProxyIT {
    @TempDir
    Path dir;

    private final List<HttpServer> backends = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private ManagedProcess nginx;
    private ManagedProcess haproxy;

    @AfterEach
    void tearDown() {
        if (nginx != null) {
            nginx.stop(Duration.ofSeconds(10));
        }
        if (haproxy != null) {
            haproxy.stop(Duration.ofSeconds(10));
        }
        backends.forEach(server -> server.stop(0));
    }

    @Test
    void routesThroughTheUsersNginxAndSeesNewBackendsAfterApply() throws Exception {
        int port = freePort();
        ExternalProxy proxy = new ExternalProxy(usersNginx(port));
        proxy.start();  // writes gantry.conf, which the user's nginx.conf includes, so nginx can start
        startUsersNginx();
        Backend blue = backend("blue");
        Backend green = backend("green");

        proxy.route(new Route("books", "/books", Optional.empty(), List.of(blue)));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/books/1").equals("200 blue"));
        assertThat(get(port, "/other")).isEqualTo("404 No service is routed for this host and path.\n");

        proxy.route(new Route("books", "/books", Optional.empty(), List.of(green)));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/books/1").equals("200 green"));

        proxy.unroute("books");
        await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/books/1").startsWith("404 "));
    }

    @Test
    void aRouteNginxRefusesKeepsTheOldRoutingWorking() throws Exception {
        int port = freePort();
        ExternalProxy proxy = new ExternalProxy(usersNginx(port));
        proxy.start();
        startUsersNginx();
        Backend blue = backend("blue");
        proxy.route(new Route("books", "/books", Optional.empty(), List.of(blue)));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/books/1").equals("200 blue"));
        String before = Files.readString(dir.resolve("gantry/gantry.conf"));

        assertThatThrownBy(() -> proxy.route(new Route("books", "/books", Optional.empty(),
                List.of(new Backend("no-such-backend.invalid", 80)))))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("refused the new routes: the validate command (proxy-validate)")
                .hasMessageContaining("host not found in upstream \"no-such-backend.invalid:80\"");

        assertThat(Files.readString(dir.resolve("gantry/gantry.conf"))).isEqualTo(before);
        assertThat(proxy.routes().get("books").backends()).containsExactly(blue);
        assertThat(get(port, "/books/1")).isEqualTo("200 blue");
    }

    @Test
    void realHaproxyAcceptsTheFragmentBesideAMinimalGlobalAndDefaults() throws IOException {
        Path minimal = dir.resolve("haproxy.cfg");
        Files.writeString(minimal, """
                global
                    log stdout format raw local0
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                """);
        Files.createDirectories(dir.resolve("gantry"));
        ExternalProxy proxy = new ExternalProxy(Installation.load(Map.of("GANTRY_HOME", dir.resolve("home").toString(),
                "GANTRY_PROXY", "haproxy", "GANTRY_PROXY_MODE", "external", "GANTRY_PROXY_HTTP_PORT", "8080",
                "GANTRY_PROXY_CONFIG", dir.resolve("gantry/gantry.cfg").toString(),
                "GANTRY_PROXY_VALIDATE", "haproxy -c -f " + minimal + " -f {config}", "GANTRY_PROXY_APPLY", "true")));

        proxy.start();
        proxy.route(new Route("books", "/books", Optional.empty(), List.of(new Backend("127.0.0.1", 32771))));
        proxy.route(new Route("shop", "/", Optional.of("shop.example.com"),
                List.of(new Backend("127.0.0.1", 32800), new Backend("localhost", 32801))));

        assertThat(Files.readString(dir.resolve("gantry/gantry.cfg"))).isEqualTo(HaproxyFragment.render(proxy.routes(), 8080));
        assertThatThrownBy(() -> proxy.route(new Route("api", "/api", Optional.empty(),
                List.of(new Backend("no-such-backend.invalid", 80)))))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("no-such-backend.invalid");
        assertThat(proxy.routes()).containsOnlyKeys("books", "shop");
    }

    @Test
    void theUsersNginxSetsTheForwardingHeadersAndDropsAClientsForgedOnes() throws Exception {
        int port = freePort();
        ExternalProxy proxy = new ExternalProxy(usersNginx(port));
        proxy.start();
        startUsersNginx();
        try (HeaderEcho echo = HeaderEcho.start()) {
            proxy.route(new Route("echo", "/", Optional.empty(), List.of(echo.backend())));

            await().atMost(Duration.ofSeconds(10)).ignoreException(IllegalStateException.class)  // a 404 until the reload is in
                    .untilAsserted(() -> assertThat(HeaderEcho.forgedGet("http://127.0.0.1:" + port + "/", client))
                            .isEqualTo("X-Forwarded-For=[127.0.0.1] X-Forwarded-Proto=[http] Forwarded=[]"));
        }
    }

    @Test
    void theUsersHaproxySetsTheForwardingHeadersAndDropsAClientsForgedOnes() throws Exception {
        int port = freePort();
        Path minimal = dir.resolve("haproxy.cfg");
        Files.writeString(minimal, "global\n    pidfile " + dir.resolve("haproxy.pid") + "\ndefaults\n    mode http\n"
                + "    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n");
        Path fragment = dir.resolve("gantry.cfg");
        try (HeaderEcho echo = HeaderEcho.start()) {
            Files.writeString(fragment, HaproxyFragment.render(Map.of("echo",
                    new Route("echo", "/", Optional.empty(), List.of(echo.backend()))), port));
            haproxy = new ManagedProcess("the user's HAProxy", dir.resolve("haproxy.pid"), minimal.toString());
            haproxy.start(List.of("haproxy", "-D", "-f", minimal.toString(), "-f", fragment.toString()),
                    dir.resolve("haproxy.log"));

            await().atMost(Duration.ofSeconds(10)).ignoreException(IllegalStateException.class)  // not 200 until its configuration is in
                    .untilAsserted(() -> assertThat(HeaderEcho.forgedGet("http://127.0.0.1:" + port + "/", client))
                            .isEqualTo("X-Forwarded-For=[127.0.0.1] X-Forwarded-Proto=[http] Forwarded=[]"));
        }
    }

    /**
     * The user's nginx: nginx.conf includes the live gantry.conf; check.conf is the same but includes
     * the candidate, and is what the validate command checks (docs/proxy-external.md).
     */
    private Installation usersNginx(int port) throws IOException {
        Files.createDirectories(dir.resolve("gantry"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("nginx.conf"), mainConfig(dir.resolve("gantry/gantry.conf")));
        Files.writeString(dir.resolve("check.conf"), mainConfig(dir.resolve("gantry/gantry.conf.next")));
        return Installation.load(Map.of("GANTRY_HOME", dir.resolve("home").toString(), "GANTRY_PROXY", "nginx",
                "GANTRY_PROXY_MODE", "external", "GANTRY_PROXY_HTTP_PORT", Integer.toString(port),
                "GANTRY_PROXY_CONFIG", dir.resolve("gantry/gantry.conf").toString(),
                "GANTRY_PROXY_VALIDATE", nginxCommand("-t -q -c " + dir.resolve("check.conf")),
                "GANTRY_PROXY_APPLY", nginxCommand("-c " + dir.resolve("nginx.conf") + " -s reload")));
    }

    private String mainConfig(Path gantryFile) {
        Path tmp = dir.resolve("tmp");
        return "daemon on;\npid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + ";\n"
                + "events { worker_connections 64; }\n"
                + "http {\n    access_log off;\n"
                + "    client_body_temp_path " + tmp + "/body;\n    proxy_temp_path " + tmp + "/proxy;\n"
                + "    fastcgi_temp_path " + tmp + "/fastcgi;\n    uwsgi_temp_path " + tmp + "/uwsgi;\n"
                + "    scgi_temp_path " + tmp + "/scgi;\n"
                + "    include " + gantryFile + ";\n}\n";
    }

    private String nginxCommand(String arguments) {
        return "nginx -e " + dir.resolve("error.log") + " -p " + dir + " " + arguments;
    }

    private void startUsersNginx() throws IOException, InterruptedException {
        Path conf = dir.resolve("nginx.conf");
        nginx = new ManagedProcess("the user's nginx", dir.resolve("nginx.pid"), conf.toString());
        Process start = new ProcessBuilder("nginx", "-e", dir.resolve("error.log").toString(), "-p", dir.toString(),
                "-c", conf.toString()).redirectErrorStream(true).start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(start.waitFor()).as(output).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> nginx.pid().isPresent());
    }

    private Backend backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        backends.add(server);
        return new Backend("127.0.0.1", server.getAddress().getPort());
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static int freePort() {
        return FreePort.pick();
    }
}
