package dev.gantry.image;

import dev.gantry.Reason;
import dev.gantry.config.Login;
import dev.gantry.fault.Action;
import dev.gantry.fault.Failpoints;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * An image registry spoken to over the Docker Registry HTTP API V2. Loopback registries are plain
 * HTTP, as Docker itself treats them; every other registry is HTTPS. With a login, every request
 * carries it as HTTP Basic authentication (RFC 7617), as the registry's htpasswd auth expects.
 */
public final class Registry {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String MANIFEST_TYPES = String.join(",",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final String address;
    private final Optional<Login> login;
    private HttpClient http;  // made on first use: a command that never asks the registry pays nothing for it

    private Registry(String address, Optional<Login> login) {
        this.address = address;
        this.login = login;
    }

    /** The registry at {@code host[:port]}, asked without credentials. */
    public static Registry at(String address) {
        return new Registry(address, Optional.empty());
    }

    /** The registry at {@code host[:port]}, asked with {@code login} when there is one. */
    public static Registry at(String address, Optional<Login> login) {
        return new Registry(address, login);
    }

    /** The credentials this registry is asked with, if any. */
    public Optional<Login> login() {
        return login;
    }

    /** host[:port] of this registry. */
    public String address() {
        return address;
    }

    /** Checks that the registry answers the V2 API; throws {@link RegistryUnavailableException} if not. */
    public void ping() {
        String url = baseUrl() + "/v2/";
        int status = get(url, "GET");
        if (status == 401) {
            throw RegistryUnavailableException.refused(address, url, login.isPresent());
        }
        if (status != 200) {
            throw new RegistryUnavailableException(address, url, "HTTP " + status);
        }
    }

    /** True when the registry holds {@code image} (its manifest answers). */
    public boolean contains(ImageReference image) {
        String url = baseUrl() + "/v2/" + image.repository() + "/manifests/" + image.tag();
        int status = get(url, "HEAD");
        if (status == 401) {
            throw RegistryUnavailableException.refused(address, url, login.isPresent());
        }
        return status == 200;
    }

    private int get(String url, String method) {
        Failpoints.call(Action.REGISTRY, () -> new RegistryUnavailableException(address, url,
                "connection refused (injected: GANTRY_FAILPOINTS)"));
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Accept", MANIFEST_TYPES)
                .method(method, HttpRequest.BodyPublishers.noBody());
        login.ifPresent(user -> builder.header("Authorization", basic(user)));
        var request = builder.build();
        try {
            return http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            throw new RegistryUnavailableException(address, url, "connection refused");
        } catch (IOException e) {
            String reason = Reason.of(e);
            throw new RegistryUnavailableException(address, url, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(address, url, "interrupted");
        }
    }

    private static String basic(Login user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.username() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private String baseUrl() {
        String host = address.startsWith("[") ? address.substring(0, address.indexOf(']') + 1)
                : address.split(":")[0];
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        return (loopback ? "http://" : "https://") + address;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        }
        return http;
    }
}
