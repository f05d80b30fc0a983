package dev.gantry.server;

import dev.gantry.store.ApiTokenRows;
import dev.gantry.store.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The API tokens of {@code gantry server} (docs/server.md): 32 random bytes, URL-safe base64 behind
 * the prefix {@code gty_}, shown once; only their SHA-256 is stored. The git endpoint and webhooks
 * check tokens here too.
 */
public final class ApiTokens {
    /** What every token starts with, so a leaked one is easy to recognise (and to scan for). */
    public static final String PREFIX = "gty_";
    private static final int RANDOM_BYTES = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final ApiTokenRows rows;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final BiPredicate<byte[], byte[]> sameHash;

    /** The tokens stored in {@code rows}. */
    public ApiTokens(ApiTokenRows rows) {
        this(rows, Clock.systemUTC(), MessageDigest::isEqual);
    }

    /** Tests give their clock and watch the comparison, which must take the same time for any two hashes. */
    ApiTokens(ApiTokenRows rows, Clock clock, BiPredicate<byte[], byte[]> sameHash) {
        this.rows = rows;
        this.clock = clock;
        this.sameHash = sameHash;
    }

    /** Who a request comes from: the name and scope of the token it presented, and that token's hash. */
    public record Caller(String name, Scope scope, String sha256) {
    }

    /** Makes a new token named {@code name} of the default scope that never expires; it cannot be shown again. */
    public String create(String name) {
        return create(name, Scope.DEFAULT, Optional.empty());
    }

    /** Makes a new token named {@code name} of {@code scope}, expiring after {@code lifetime} if given, and answers it. */
    public String create(String name, Scope scope, Optional<Duration> lifetime) {
        checkName(name);
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        if (!rows.add(name, sha256(token), scope.word(), now, lifetime.map(now::plus))) {
            throw new ServerInputException("A token named " + name + " exists already. Choose another name, or revoke"
                    + " it first: gantry token revoke " + name);
        }
        return token;
    }

    /**
     * The name of the stored token {@code token} is, if it is one. Every stored hash is compared, in
     * constant time, so how long this takes says nothing about how close a guess was.
     */
    public Optional<String> verify(String token) {
        return caller(token).map(Caller::name);
    }

    /** Who presents {@code token}, if it is a stored token that has not expired; its use is recorded. */
    public Optional<Caller> caller(String token) {
        Optional<StoredToken> match = match(token).filter(stored -> !expired(stored));
        match.ifPresent(this::recordUse);
        return match.map(stored -> new Caller(stored.name(), scopeOf(stored), stored.sha256()));
    }

    /** Why {@code token} is refused, for the 401 answer: expired (named), or not a token at all. */
    public String refusal(String token) {
        return match(token).filter(this::expired).map(stored -> "The token " + stored.name() + " expired at "
                        + stored.expiresAt().orElseThrow() + ". Create a new one: gantry token create NAME [--expires 30d]")
                .orElse("This needs an API token. Create one with `gantry token create NAME`.");
    }

    /**
     * Why {@code caller}'s token may no longer be used (revoked, or expired since), if so: streams and
     * pushes it opened check this while they are open, and end when it answers.
     */
    public Optional<String> withdrawn(Caller caller) {
        Optional<StoredToken> stored = rows.find(caller.name()).filter(t -> t.sha256().equals(caller.sha256()));
        if (stored.isEmpty()) {
            return Optional.of("the token " + caller.name() + " was revoked");
        }
        return stored.filter(this::expired).map(t -> "the token " + caller.name() + " expired at "
                + t.expiresAt().orElseThrow());
    }

    /** The stored token whose hash is that of {@code token}; every stored hash is compared, in constant time. */
    private Optional<StoredToken> match(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        StoredToken match = null;
        for (StoredToken stored : rows.all()) {
            if (sameHash.test(stored.sha256().getBytes(StandardCharsets.US_ASCII), presented) && match == null) {
                match = stored;
            }
        }
        return Optional.ofNullable(match);
    }

    private boolean expired(StoredToken token) {
        return token.expiresAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
    }

    /** A scope the store holds that this Gantry does not know counts as the least: read. */
    private static Scope scopeOf(StoredToken token) {
        return Scope.of(token.scope()).orElse(Scope.READ);
    }

    /** Every token: names and times, never the tokens. */
    public List<StoredToken> list() {
        return rows.all();
    }

    /** Removes token {@code name}; answers whether there was one. */
    public boolean revoke(String name) {
        return rows.remove(name);
    }

    private void recordUse(StoredToken token) {
        Instant now = clock.instant();
        if (token.lastUsedAt().map(at -> at.plus(USE_RECORDED_EVERY).isBefore(now)).orElse(true)) {
            rows.used(token.name(), now);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ServerInputException("The token name " + (name == null ? "(none)" : "\"" + name + "\"")
                    + " is not allowed: use 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or"
                    + " digit (like ci or deploy-bot).");
        }
    }

    /** The SHA-256 of {@code token}, in lowercase hex: what the store keeps. */
    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256, which every Java must have", e);
        }
    }
}
