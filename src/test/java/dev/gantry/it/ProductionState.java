package dev.gantry.it;

import dev.gantry.LabCredentials;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Production as a user and an operator see it, for "afterwards equals before" checks: the service's
 * containers (by label, with their state), its discovery entries (live pointer, colour records) and
 * what a real request through the proxy gets.
 */
record ProductionState(List<String> containers, Optional<String> live, Map<String, String> colours, String throughProxy) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** The state of {@code sandbox}'s service now; {@code path} is its proxy path. */
    static ProductionState of(Sandbox sandbox, String discovery, String path) {
        try (Store store = Store.open(sandbox.storeUrl());
             Discovery registry = Discovery.open(discovery, store, LabCredentials.etcdLogin())) {
            Map<String, String> colours = new TreeMap<>();
            registry.colours(sandbox.service()).forEach((colour, record) -> colours.put(colour.word(), record.toString()));
            return new ProductionState(sandbox.containerSnapshot(), registry.live(sandbox.service()).map(Colour::word),
                    colours, get(sandbox.proxyUrl() + path));
        }
    }

    /** "200 release=… colour=…", or what went wrong. */
    static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
