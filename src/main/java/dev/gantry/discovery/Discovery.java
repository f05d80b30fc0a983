package dev.gantry.discovery;

import dev.gantry.fault.Failpoints;
import dev.gantry.config.ConfigException;
import dev.gantry.config.ConfigProblem;
import dev.gantry.config.Login;
import dev.gantry.store.Store;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The service registry of the blue-green flow: which colour of a service is live, and what each
 * colour runs and where. The keys and values are the contract in docs/discovery.md, the same in
 * etcd and in the embedded store. Each method is one read or one write of one key (no
 * transactions): the order of the writes during a deploy is the deploy package's business.
 * Safe for use from several threads.
 */
public final class Discovery implements AutoCloseable {
    /** How long a TCP connection to etcd may take to be accepted. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long one etcd call may take, retries included. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

    private final KeyValues keys;

    Discovery(KeyValues keys) {
        this.keys = Failpoints.armed() ? new FaultyKeyValues(keys) : keys;
    }

    /**
     * Opens the backend named by {@code setting} ({@code Installation.discovery()}): {@code embedded}
     * keeps the keys in {@code store}; {@code etcd://HOST:PORT} connects to etcd (the store is then
     * not used) and fails with {@link DiscoveryUnavailableException} if etcd does not answer.
     */
    public static Discovery open(String setting, Store store) {
        return open(setting, store, Optional.empty());
    }

    /** Opens as {@link #open(String, Store)}, logging in to etcd as {@code login} when there is one. */
    public static Discovery open(String setting, Store store, Optional<Login> login) {
        if (setting.equals("embedded")) {
            return new Discovery(new EmbeddedKeyValues(Objects.requireNonNull(store, "store").keys()));
        }
        EtcdEndpoint endpoint = EtcdEndpoint.parse(setting).orElseThrow(() -> badSetting(setting));
        endpoint.probe(CONNECT_TIMEOUT);
        // The first mention of the etcd client: its classes (gRPC, Netty, Vert.x) load only from here on.
        return new Discovery(EtcdKeyValues.connect(endpoint, CALL_DEADLINE, login));
    }

    /** The live colour of {@code service}, if one is live. */
    public Optional<Colour> live(String service) {
        String key = Codec.liveKey(service);
        return keys.get(key).map(word -> read(key, () -> Colour.parse(word)));
    }

    /** Makes {@code colour} the live colour of {@code service}. */
    public void setLive(String service, Colour colour) {
        keys.put(Codec.liveKey(service), colour.word());
    }

    /** Records that no colour of {@code service} is live. */
    public void clearLive(String service) {
        keys.delete(Codec.liveKey(service));
    }

    /** The record of one colour of {@code service}, if it is registered. */
    public Optional<ColourRecord> colour(String service, Colour colour) {
        String key = Codec.colourKey(service, colour);
        return keys.get(key).map(json -> read(key, () -> Codec.decode(json)));
    }

    /** Registers (or replaces) the record of one colour of {@code service}. */
    public void put(String service, Colour colour, ColourRecord record) {
        keys.put(Codec.colourKey(service, colour), Codec.encode(record));
    }

    /** Deregisters one colour of {@code service}; the live pointer is left as it is. */
    public void remove(String service, Colour colour) {
        keys.delete(Codec.colourKey(service, colour));
    }

    /** Every registered colour of {@code service}, blue first. */
    public Map<Colour, ColourRecord> colours(String service) {
        SortedMap<String, String> found = keys.list(Codec.coloursPrefix(service));
        Map<Colour, ColourRecord> colours = new EnumMap<>(Colour.class);
        for (Colour colour : Colour.values()) {
            String key = Codec.colourKey(service, colour);
            String json = found.get(key);
            if (json != null) {
                colours.put(colour, read(key, () -> Codec.decode(json)));
            }
        }
        return Collections.unmodifiableMap(colours);
    }

    /** Every service with a key under {@code /gantry/services/}, sorted. */
    public List<String> services() {
        TreeSet<String> services = new TreeSet<>();
        keys.list(Codec.ROOT).keySet().forEach(key -> Codec.serviceOf(key).ifPresent(services::add));
        return List.copyOf(services);
    }

    /**
     * The live colour of every service that has one registered, with its record, by service: one listing of the keys
     * however many services (a page of all services asks this once, not twice per service).
     */
    public Map<String, LiveColour> allLive() {
        SortedMap<String, String> found = keys.list(Codec.ROOT);
        Map<String, LiveColour> live = new HashMap<>();
        found.forEach((key, word) -> Codec.serviceOf(key).filter(service -> key.equals(Codec.liveKey(service)))
                .ifPresent(service -> {
                    Colour colour = read(key, () -> Colour.parse(word));
                    String recordKey = Codec.colourKey(service, colour);
                    Optional.ofNullable(found.get(recordKey)).ifPresent(json -> live.put(service,
                            new LiveColour(colour, read(recordKey, () -> Codec.decode(json)))));
                }));
        return Collections.unmodifiableMap(live);
    }

    /** The backend as a person reads it: {@code embedded (in the store)} or {@code etcd at 127.0.0.1:2379}. */
    public String describe() {
        return keys.describe();
    }

    /** Disconnects from etcd; the embedded backend leaves the store open for whoever opened it. */
    @Override
    public void close() {
        keys.close();
    }

    private <T> T read(String key, Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (IllegalArgumentException e) {
            throw new DiscoveryDataException(key, describe(), e.getMessage());
        }
    }

    private static ConfigException badSetting(String setting) {
        return new ConfigException("The installation config", List.of(new ConfigProblem("GANTRY_DISCOVERY", 0,
                "should be embedded or etcd://HOST:PORT, was \"" + setting + "\"")),
                "Set GANTRY_DISCOVERY (or discovery in $GANTRY_HOME/config.yml);"
                        + " see docs/installation-config.md.");
    }
}
