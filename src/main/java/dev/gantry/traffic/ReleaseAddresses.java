package dev.gantry.traffic;

import dev.gantry.discovery.Discovery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which release, in which colour, answers at each backend address the proxy names: read from discovery,
 * again every {@link #FRESH} and, at most once a second, when an address is not known (a replica just
 * registered). Discovery out of reach: the addresses as last read.
 */
final class ReleaseAddresses {
    static final Duration FRESH = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Discovery discovery;
    private final Clock clock;
    private Map<String, ReleaseKey> known = Map.of();
    private Instant read = Instant.MIN;

    ReleaseAddresses(Discovery discovery, Clock clock) {
        this.discovery = discovery;
        this.clock = clock;
    }

    /** The release answering at {@code address} (HOST:PORT), if discovery has it. */
    Optional<ReleaseKey> at(String address) {
        Instant now = clock.instant();
        ReleaseKey key = known.get(address);
        if (now.isAfter(read.plus(FRESH)) || key == null && now.isAfter(read.plus(RETRY))) {
            refresh(now);
            key = known.get(address);
        }
        return Optional.ofNullable(key);
    }

    /** Every release in discovery, as read within {@link #FRESH}. */
    Iterable<ReleaseKey> releases() {
        Instant now = clock.instant();
        if (now.isAfter(read.plus(FRESH))) {
            refresh(now);
        }
        return known.values();
    }

    private void refresh(Instant now) {
        read = now;
        try {
            Map<String, ReleaseKey> next = new HashMap<>();
            for (String service : discovery.services()) {
                discovery.colours(service).forEach((colour, record) -> record.instances().forEach(instance ->
                        next.put(instance.host() + ":" + instance.port(),
                                new ReleaseKey(service, colour.word(), record.release()))));
            }
            known = Map.copyOf(next);
        } catch (RuntimeException e) {
            // discovery out of reach: the addresses as last read, and another read in a second
        }
    }
}
