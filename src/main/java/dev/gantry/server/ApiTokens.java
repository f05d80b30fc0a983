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

    /** Makes a new token named {@code name} and answers it; it cannot be shown again. */
    public String create(String name) {
        checkName(name);
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!rows.add(name, sha256(token), clock.instant())) {
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
        if (match == null) {
            return Optional.empty();
        }
        recordUse(match);
        return Optional.of(match.name());
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
