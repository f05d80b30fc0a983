import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The careless service of SecretsIT: app and tests print the secret API_TOKEN raw, URL-encoded and
 * base64-encoded (alone and inside longer texts at every alignment), on stdout and stderr. The app
 * answers {@code .../token-digest} with the SHA-256 of its API_TOKEN, and fails its health check when
 * LEAKY_HEALTH is "fail"; the integration tests check the digest against their own API_TOKEN.
 */
public final class Leaky {
    private Leaky() {
    }

    public static void main(String[] args) throws Exception {
        String token = System.getenv().getOrDefault("API_TOKEN", "");
        if (args.length > 0 && args[0].equals("test")) {
            System.exit(test(token));
        }
        leak("app", token);
        boolean healthy = !"fail".equals(System.getenv("LEAKY_HEALTH"));
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/token-digest")) {
                answer(exchange, 200, digest(token));
            } else if (path.endsWith("/health")) {
                answer(exchange, healthy ? 200 : 503, healthy ? "ok" : "unhealthy");
            } else {
                answer(exchange, 404, "no " + path);
            }
        });
        server.start();
        System.out.println("leaky: serving on 8080");
    }

    private static int test(String token) throws Exception {
        String type = System.getenv().getOrDefault("TEST_TYPE", "");
        leak("test " + type, token);
        String target = System.getenv("TARGET_URL");
        if (target == null) {
            System.out.println("PASS leaky " + type + ": API_TOKEN is set: " + !token.isEmpty());
            return token.isEmpty() ? 1 : 0;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(target + System.getenv("GANTRY_PROXY_PATH") + "/token-digest"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        boolean same = response.statusCode() == 200 && response.body().trim().equals(digest(token)) && !token.isEmpty();
        System.out.println((same ? "PASS" : "FAIL") + " leaky " + type + ": the service has the same API_TOKEN");
        return same ? 0 : 1;
    }

    /** Prints the token the ways a careless program would. */
    private static void leak(String who, String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        String url = URLEncoder.encode(token, StandardCharsets.UTF_8);
        System.out.println(who + " raw: " + token);
        System.err.println(who + " raw on stderr: " + token);
        System.out.println(who + " url: https://api.example.com/?token=" + url);
        System.out.println(who + " url%20: " + url.replace("+", "%20"));
        System.out.println(who + " base64: " + Base64.getEncoder().encodeToString(bytes));
        System.out.println(who + " base64url: " + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        for (String prefix : new String[] {"", "a", "ab"}) {
            byte[] text = (prefix + "Authorization: Bearer " + token + " (expires never)").getBytes(StandardCharsets.UTF_8);
            System.out.println(who + " embedded+" + prefix.length() + ": " + Base64.getEncoder().encodeToString(text));
        }
        System.out.flush();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws java.io.IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
