package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.LabCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The registry that bin/env-up starts, asked directly over the Registry HTTP API V2
 * (https://distribution.github.io/distribution/spec/api/), not through Gantry's own client: what
 * the tests check must not depend on the code they test.
 */
final class RegistryApi {
    /** The registry the CLI pushes to in these tests: GANTRY_REGISTRY of the test JVM, else env-up's. */
    static final String ADDRESS = LabCredentials.registry();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** True when {@code repository:tag} has a manifest in the registry (GET answers 200). */
    boolean hasImage(String repository, String tag) {
        int status = send(get(manifest(repository, tag))).statusCode();
        if (status != 200 && status != 404) {
            throw new IllegalStateException("GET " + manifest(repository, tag) + " answered " + status);
        }
        return status == 200;
    }

    /** The tags of {@code repository}; none when the registry has never heard of it. */
    List<String> tags(String repository) {
        HttpResponse<String> response = send(get(url("/v2/" + repository + "/tags/list")));
        if (response.statusCode() == 404) {
            return List.of();
        }
        try {
            List<String> tags = new ArrayList<>();
            JSON.readTree(response.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
            return tags;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the registry's tag list of " + repository + " is not JSON: "
                    + response.body(), e);
        }
    }

    /** Deletes every tag of {@code repository} (the registry runs with storage.delete.enabled). */
    void deleteRepository(String repository) {
        for (String tag : tags(repository)) {
            HttpResponse<String> manifest = send(get(manifest(repository, tag)));
            manifest.headers().firstValue("Docker-Content-Digest").ifPresent(digest ->
                    send(authorized(HttpRequest.newBuilder(manifest(repository, digest)).timeout(TIMEOUT).DELETE()).build()));
        }
    }

    /**
     * Tags {@code repository:from} as {@code repository:to} too, the way any registry client can (the
     * manifest put again under another tag): an image in the registry that no Gantry run made.
     */
    void retag(String repository, String from, String to) {
        HttpResponse<String> manifest = send(get(manifest(repository, from)));
        assertThat(manifest.statusCode()).as("GET the manifest of %s:%s", repository, from).isEqualTo(200);
        String type = manifest.headers().firstValue("Content-Type").orElseThrow();
        HttpResponse<String> put = send(authorized(HttpRequest.newBuilder(manifest(repository, to)).timeout(TIMEOUT)
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofString(manifest.body()))).build());
        assertThat(put.statusCode()).as("PUT %s:%s: %s", repository, to, put.body()).isEqualTo(201);
    }

    private HttpRequest get(URI uri) {
        return authorized(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", MANIFEST_TYPES).GET()).build();
    }

    /** With the lab's registry login (basic auth), when env-up made one. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        LabCredentials.registryLogin().ifPresent(login -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8))));
        return request;
    }

    private URI manifest(String repository, String reference) {
        return url("/v2/" + repository + "/manifests/" + reference);
    }

    private URI url(String path) {
        return URI.create("http://" + ADDRESS + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the registry at " + ADDRESS + " did not answer " + request.uri()
                    + "; is it up (bin/env-up)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the registry " + request.uri(), e);
        }
    }
}
