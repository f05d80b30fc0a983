package dev.gantry.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.LabCredentials;
import dev.gantry.config.Login;
import dev.gantry.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every discovery key of one service with its value, read where the backend keeps it and not through
 * Gantry's discovery classes: the store's {@code discovery_keys} table (embedded), or etcd's JSON
 * gateway ({@code POST /v3/kv/range}, etcd's API reference). A key belongs to the service when a
 * path segment under {@code /gantry/} names it, wherever the layout puts that segment.
 */
@FunctionalInterface
interface DiscoveryKeys {
    String ROOT = "/gantry/";

    /** The service's keys and values, in key order. */
    SortedMap<String, String> of(String service);

    /** The keys of the backend {@code setting} (embedded, or etcd://HOST:PORT) of the store at {@code storeUrl}. */
    static DiscoveryKeys open(String setting, String storeUrl) {
        return setting.startsWith("etcd://") ? new Etcd(URI.create("http://" + setting.substring("etcd://".length())))
                : service -> {
                    try (Store store = Store.open(storeUrl)) {
                        return ofService(store.keys().list(ROOT), service);
                    }
                };
    }

    private static SortedMap<String, String> ofService(Map<String, String> keys, String service) {
        SortedMap<String, String> mine = new TreeMap<>();
        keys.forEach((key, value) -> {
            if (key.contains("/" + service + "/")) {
                mine.put(key, value);
            }
        });
        return mine;
    }

    /** etcd v3's JSON gateway: keys and values are base64 in both directions. */
    record Etcd(URI base) implements DiscoveryKeys {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public SortedMap<String, String> of(String service) {
            // range_end one past the prefix: "/gantry/" → "/gantry0" ('/' + 1 is '0').
            String body = JSON.createObjectNode().put("key", base64(ROOT))
                    .put("range_end", base64(ROOT.substring(0, ROOT.length() - 1) + "0")).toString();
            try {
                HttpRequest.Builder range = HttpRequest.newBuilder(base.resolve("/v3/kv/range"))
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body));
                Optional<String> token = authToken();
                token.ifPresent(value -> range.header("Authorization", value));
                HttpRequest request = range.build();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("etcd at " + base + " answered " + response.statusCode()
                            + " to a range read: " + response.body());
                }
                Map<String, String> keys = new TreeMap<>();
                for (JsonNode kv : JSON.readTree(response.body()).path("kvs")) {
                    keys.put(decode(kv.path("key").asText()), decode(kv.path("value").asText()));
                }
                return ofService(keys, service);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the keys under " + ROOT + " from etcd at " + base + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading etcd at " + base, e);
            }
        }

        /** With the lab's etcd credentials (env-up turns etcd's auth on), a token of user gantry; else none. */
        private Optional<String> authToken() throws IOException, InterruptedException {
            Optional<Login> login = LabCredentials.etcdLogin();
            if (login.isEmpty()) {
                return Optional.empty();
            }
            String body = JSON.createObjectNode().put("name", login.get().username())
                    .put("password", login.get().password()).toString();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/v3/auth/authenticate"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("etcd at " + base + " refused the lab's user " + login.get().username()
                        + ": " + response.statusCode());
            }
            return Optional.of(JSON.readTree(response.body()).path("token").asText());
        }

        private static String base64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        private static String decode(String base64) {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        }
    }
}
