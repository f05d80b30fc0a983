package dev.gantry.proxy.haproxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.proxy.ProxyUnavailableException;
import dev.gantry.proxy.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which backend section each service occupies and which bank is live, with {@code slots} slots
 * per bank in every section. Gantry's own record beside haproxy.cfg ({@code pools.json}).
 */
record Pools(int slots, List<Pool> pools) {
    static final int DEFAULT_SLOTS = 16;
    static final int SPARES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    Pools {
        pools = List.copyOf(pools);
    }

    /** No service yet, {@link #SPARES} spares. */
    static Pools initial() {
        return new Pools(DEFAULT_SLOTS, List.of()).withSpares();
    }

    Optional<Pool> of(String service) {
        return pools.stream().filter(p -> service.equals(p.service())).findFirst();
    }

    Optional<Pool> firstSpare() {
        return pools.stream().filter(Pool::isSpare).findFirst();
    }

    /** The same pools with {@code pool} replaced (matched by name). */
    Pools with(Pool pool) {
        return new Pools(slots, pools.stream().map(p -> p.name().equals(pool.name()) ? pool : p).toList());
    }

    /** Adds spare sections until there are {@link #SPARES} of them. */
    Pools withSpares() {
        List<Pool> next = new ArrayList<>(pools);
        int number = pools.stream().mapToInt(p -> Integer.parseInt(p.name().substring(3))).max().orElse(0);
        for (long spares = next.stream().filter(Pool::isSpare).count(); spares < SPARES; spares++) {
            next.add(Pool.spare("be_" + ++number));
        }
        return new Pools(slots, next);
    }

    /** Enough slots per bank for {@code replicas}: the next power of two, at least the current size. */
    Pools withSlotsFor(int replicas) {
        int size = slots;
        while (size < replicas) {
            size *= 2;
        }
        return new Pools(size, pools);
    }

    /** Frees the sections of services that have no route any more (e.g. after a crash). */
    Pools keepingOnly(Set<String> services) {
        return new Pools(slots, pools.stream().map(p -> p.isSpare() || services.contains(p.service()) ? p : p.freed())
                .toList());
    }

    /**
     * These pools made to fit {@code routes}: sections of services without a route freed, a
     * section for every routed service, and enough slots per bank for the largest route.
     */
    Pools consistentWith(Map<String, Route> routes) {
        Pools fitted = keepingOnly(routes.keySet());
        for (String service : routes.keySet()) {
            if (fitted.of(service).isEmpty()) {
                fitted = fitted.occupy(service);
            }
        }
        return fitted.withSlotsFor(routes.values().stream().mapToInt(r -> r.backends().size()).max().orElse(0));
    }

    /** Gives {@code service} the first spare section, adding spares first if none is left. */
    Pools occupy(String service) {
        Pools withSpare = firstSpare().isPresent() ? this : withSpares();
        return withSpare.with(withSpare.firstSpare().orElseThrow().occupiedBy(service));
    }

    static Pools read(Path file) {
        if (!Files.exists(file)) {
            return initial();
        }
        try {
            return JSON.readValue(file.toFile(), Pools.class);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Reading the HAProxy pools from " + file + " failed: " + e.getMessage()
                    + ". Stop the proxy, delete the file and start it again: Gantry renders it from routes.json.", e);
        }
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            JSON.writerWithDefaultPrettyPrinter().writeValue(next.toFile(), this);
            HaproxyFiles.replace(next, file);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Writing the HAProxy pools to " + file + " failed: " + e.getMessage(), e);
        }
    }
}
