package dev.gantry.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
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
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A backend that answers with the forwarding headers it received, every value of each, so a test
 * sees whether the proxy replaced a client's forged ones or passed them on; and the forging client.
 */
public final class HeaderEcho implements AutoCloseable {
    /** What a client that lies about its address and scheme sends. */
    public static final String FORGED_FOR = "203.0.113.66";

    private final HttpServer server;

    private HeaderEcho(HttpServer server) {
        this.server = server;
    }

    /** Listening on an OS-chosen loopback port. */
    public static HeaderEcho start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", HeaderEcho::answer);
        server.start();
        return new HeaderEcho(server);
    }

    public Backend backend() {
        return new Backend("127.0.0.1", server.getAddress().getPort());
    }

    /** {@code X-Forwarded-For=[..] X-Forwarded-Proto=[..] Forwarded=[..]}: all values, in order. */
    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = String.join(" ", List.of("X-Forwarded-For", "X-Forwarded-Proto", "Forwarded").stream()
                    .map(name -> name + "=" + exchange.getRequestHeaders().getOrDefault(name, List.of())).toList());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** GETs {@code url} with a forged X-Forwarded-For, X-Forwarded-Proto and Forwarded; returns what the backend saw. */
    public static String forgedGet(String url, HttpClient client) throws IOException, InterruptedException {
        String forgedProto = url.startsWith("https:") ? "http" : "https";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("X-Forwarded-For", FORGED_FOR).header("X-Forwarded-Proto", forgedProto)
                .header("Forwarded", "for=" + FORGED_FOR + ";proto=" + forgedProto).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A client that trusts the proxy's certificate {@code pem} (the generated self-signed one). */
    public static HttpClient client(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gantry", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
