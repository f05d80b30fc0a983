package dev.gantry.discovery;

import dev.gantry.config.Login;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Discovery's keys in etcd v3, through jetcd. Every call waits at most its deadline and any failure
 * becomes a {@link DiscoveryUnavailableException}. jetcd's threads are daemon threads (its Vert.x
 * event loop and its executor), so an unclosed client cannot keep the JVM alive; close stops them.
 */
final class EtcdKeyValues implements KeyValues {
    private final EtcdEndpoint endpoint;
    private final Duration deadline;
    private final Client client;
    private final KV kv;

    private EtcdKeyValues(EtcdEndpoint endpoint, Duration deadline, Optional<Login> login) {
        this.endpoint = endpoint;
        this.deadline = deadline;
        var builder = Client.builder().endpoints(endpoint.uri());
        // etcd's own users (auth enable): jetcd authenticates once and sends the token with every call
        login.ifPresent(user -> builder.user(ByteSequence.from(user.username(), UTF_8))
                .password(ByteSequence.from(user.password(), UTF_8)));
        this.client = builder
                .connectTimeout(deadline)
                // fail a call while etcd is unreachable instead of queueing it until etcd is back
                .waitForReady(false)
                // jetcd retries failed calls itself; its retries end by our deadline
                .retryMaxDuration(deadline)
                .build();
        this.kv = client.getKVClient();
    }

    /**
     * A client whose first call has answered. That call sets up the connection and loads most of
     * gRPC, so it may take three deadlines on a busy machine.
     */
    static EtcdKeyValues connect(EtcdEndpoint endpoint, Duration deadline, Optional<Login> login) {
        EtcdKeyValues etcd = new EtcdKeyValues(endpoint, deadline, login);
        try {
            etcd.await("connect to", etcd.kv.get(bytes(Codec.ROOT),
                    GetOption.builder().isPrefix(true).withCountOnly(true).build()), deadline.multipliedBy(3));
            return etcd;
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    @Override
    public Optional<String> get(String key) {
        return await("read " + key + " from", kv.get(bytes(key)), deadline).getKvs().stream()
                .findFirst().map(found -> found.getValue().toString(UTF_8));
    }

    @Override
    public void put(String key, String value) {
        await("write " + key + " to", kv.put(bytes(key), bytes(value)), deadline);
    }

    @Override
    public void delete(String key) {
        await("delete " + key + " from", kv.delete(bytes(key)), deadline);
    }

    @Override
    public SortedMap<String, String> list(String prefix) {
        SortedMap<String, String> found = new TreeMap<>();
        for (KeyValue entry : await("list " + prefix + " in",
                kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build()), deadline).getKvs()) {
            found.put(entry.getKey().toString(UTF_8), entry.getValue().toString(UTF_8));
        }
        return found;
    }

    @Override
    public String describe() {
        return "etcd at " + endpoint.address();
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T await(String action, CompletableFuture<T> call, Duration limit) {
        try {
            return call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new DiscoveryUnavailableException(endpoint.address(), action,
                    "no answer within " + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new DiscoveryUnavailableException(endpoint.address(), action, reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new DiscoveryUnavailableException(endpoint.address(), action, "interrupted while waiting", e);
        }
    }

    /** The failure and, when gRPC wraps it ("UNAVAILABLE: io exception"), its root cause. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = String.valueOf(failure.getMessage());
        String text = root == failure || root.getMessage() == null ? first : first + " (" + root.getMessage() + ")";
        return text.contains("user name is empty") || text.contains("authentication failed")
                || text.contains("permission denied")
                ? text + "; etcd checks users: set etcd-username and etcd-password (GANTRY_ETCD_USERNAME,"
                        + " GANTRY_ETCD_PASSWORD) to a user whose role may read and write /gantry/ (bin/env-up writes"
                        + " the lab's to .env/gantry.env)"
                : text;
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, UTF_8);
    }
}
