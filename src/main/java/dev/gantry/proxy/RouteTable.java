package dev.gantry.proxy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routes a managed proxy applies, kept in a file beside its configuration so that every gantry
 * process (and a restarted proxy) renders the same configuration. Written atomically.
 */
public final class RouteTable {
    private record Stored(String pathPrefix, String host, List<Backend> backends) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public RouteTable(Path file) {
        this.file = file;
    }

    /** Every route, by service, in service order. */
    public Map<String, Route> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            Map<String, Stored> stored = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, Stored>>() { });
            Map<String, Route> routes = new TreeMap<>();
            stored.forEach((service, s) -> routes.put(service,
                    new Route(service, s.pathPrefix(), Optional.ofNullable(s.host()), s.backends())));
            return routes;
        } catch (IOException e) {
            throw new ProxyUnavailableException("Reading the proxy's routes from " + file + " failed: " + e.getMessage()
                    + ". Fix or delete the file; `gantry run` writes it again for each service it deploys.", e);
        }
    }

    /** Replaces every route. */
    public void write(Map<String, Route> routes) {
        Map<String, Stored> stored = new TreeMap<>();
        routes.forEach((service, r) -> stored.put(service, new Stored(r.pathPrefix(), r.host().orElse(null), r.backends())));
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            JSON.writerWithDefaultPrettyPrinter().writeValue(next.toFile(), stored);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Writing the proxy's routes to " + file + " failed: " + e.getMessage(), e);
        }
    }
}
