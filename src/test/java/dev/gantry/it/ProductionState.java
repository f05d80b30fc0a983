package dev.gantry.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.store.LeaseRecord;
import dev.gantry.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The whole of production as a user and an operator see it, for "afterwards as before" checks
 * ({@link ProductionChanges}): the service's containers on the production engine (by label, whatever
 * their names) or its Swarm services and their tasks, the proxy's route table as the running proxy reports it, the service's discovery
 * keys, its images on the engine that builds them and its tags in the registry, the runs the journal
 * still has unfinished, the service's lease, and what a real request through the proxy gets.
 */
record ProductionState(List<String> containers, List<String> routes, SortedMap<String, String> discovery,
        List<String> images, List<String> registryTags, List<Long> unfinishedRuns, Optional<String> lease,
        String throughProxy) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The running proxy's route table, one entry a line, in a stable order; one implementation per proxy. */
    @FunctionalInterface
    interface ProxyRoutes {
        List<String> table();

        /** The route table of the managed {@code proxy} (haproxy or nginx) of the installation at {@code home}. */
        static ProxyRoutes of(String proxy, Path home) {
            return switch (proxy) {
                case "haproxy" -> new HaproxyRoutes(home);
                case "nginx" -> new NginxRoutes(home);
                default -> throw new IllegalArgumentException("no route table reader for the proxy " + proxy);
            };
        }
    }

    /** Where one test reads production: its sandbox, proxy, discovery backend and the service's proxy path. */
    record Reader(Sandbox sandbox, ProxyRoutes routes, DiscoveryKeys discovery, String path) {

        /** A reader of {@code sandbox}'s service behind the managed {@code proxy} with {@code discovery}. */
        static Reader of(Sandbox sandbox, String proxy, String discovery, String path) {
            return new Reader(sandbox, ProxyRoutes.of(proxy, sandbox.home()),
                    DiscoveryKeys.open(discovery, sandbox.storeUrl()), path);
        }

        /** Production now. */
        ProductionState now() {
            String service = sandbox.service();
            try (Store store = Store.open(sandbox.storeUrl())) {
                return new ProductionState(sandbox.releaseInventory(service), routes.table(),
                        discovery.of(service), sandbox.imageInventory(service), registryTags(service),
                        store.journal().unfinishedRuns(), store.leases().find(service).map(ProductionState::describe),
                        get(sandbox.proxyUrl() + path));
            }
        }

        private List<String> registryTags(String service) {
            return Stream.of(service, service + "-test")
                    .flatMap(repository -> sandbox.registry().tags(repository).stream().map(tag -> repository + ":" + tag))
                    .sorted().toList();
        }
    }

    /**
     * The parts of a live service that this reading missed: a comparison of empty parts would pass
     * whatever happened, so a matrix checks once that it sees every part before its first case.
     */
    List<String> unseen() {
        List<String> unseen = new ArrayList<>();
        Map.of("containers", containers, "images", images, "registry tags", registryTags, "discovery keys",
                discovery.keySet()).forEach((part, lines) -> {
                    if (lines.isEmpty()) {
                        unseen.add(part);
                    }
                });
        if (liveAddresses().isEmpty() || !liveAddresses().stream().allMatch(a -> routes.stream().anyMatch(r -> r.contains(a)))) {
            unseen.add("the live instances " + liveAddresses() + " in the route table " + routes);
        }
        if (!throughProxy.startsWith("200 ")) {
            unseen.add("an answer through the proxy (" + throughProxy + ")");
        }
        return unseen;
    }

    /** The live colour, as discovery's {@code live} key says. */
    Optional<String> live() {
        return discovery.entrySet().stream().filter(e -> e.getKey().endsWith("/live")).map(Map.Entry::getValue)
                .findFirst();
    }

    /** "host:port" of each instance of the live colour, as discovery records them. */
    List<String> liveAddresses() {
        List<String> addresses = new ArrayList<>();
        live().flatMap(colour -> discovery.entrySet().stream().filter(e -> e.getKey().endsWith("/colours/" + colour))
                .map(Map.Entry::getValue).findFirst()).ifPresent(json -> {
                    try {
                        JSON.readTree(json).path("instances").forEach(i ->
                                addresses.add(i.path("host").asText() + ":" + i.path("port").asInt()));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the live colour's discovery record is not JSON: " + json, e);
                    }
                });
        return addresses;
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

    private static String describe(LeaseRecord lease) {
        return lease.owner() + " run " + lease.runId() + " (" + lease.message() + ")";
    }
}
