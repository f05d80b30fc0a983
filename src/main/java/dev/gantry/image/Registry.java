package dev.gantry.image;

import dev.gantry.fault.Action;
import dev.gantry.fault.Failpoints;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An image registry spoken to over the Docker Registry HTTP API V2. Loopback registries are plain
 * HTTP, as Docker itself treats them; every other registry is HTTPS.
 */
public final class Registry {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String MANIFEST_TYPES = String.join(",",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final String address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Registry(String address) {
        this.address = address;
    }

    /** The registry at {@code host[:port]}. */
    public static Registry at(String address) {
        return new Registry(address);
    }

    /** host[:port] of this registry. */
    public String address() {
        return address;
    }

    /** Checks that the registry answers the V2 API; throws {@link RegistryUnavailableException} if not. */
    public void ping() {
        String url = baseUrl() + "/v2/";
        int status = get(url, "GET");
        if (status != 200 && status != 401) {
            throw new RegistryUnavailableException(address, url, "HTTP " + status);
        }
    }

    /** True when the registry holds {@code image} (its manifest answers). */
    public boolean contains(ImageReference image) {
        String url = baseUrl() + "/v2/" + image.repository() + "/manifests/" + image.tag();
        return get(url, "HEAD") == 200;
    }

    private int get(String url, String method) {
        Failpoints.call(Action.REGISTRY, () -> new RegistryUnavailableException(address, url,
                "connection refused (injected: GANTRY_FAILPOINTS)"));
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Accept", MANIFEST_TYPES)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            throw new RegistryUnavailableException(address, url, "connection refused");
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RegistryUnavailableException(address, url, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(address, url, "interrupted");
        }
    }

    private String baseUrl() {
        String host = address.startsWith("[") ? address.substring(0, address.indexOf(']') + 1)
                : address.split(":")[0];
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        return (loopback ? "http://" : "https://") + address;
    }
}
