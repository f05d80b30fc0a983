package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.SetClock;
import dev.gantry.TestStore;
import dev.gantry.store.Store;
import dev.gantry.store.StoredToken;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tokens against a real SQLite store: made once, kept only as hashes, compared in constant time. */
@BothStores
class ApiTokensTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path home;

    private Store store;
    private final List<String> compared = new ArrayList<>();
    private ApiTokens tokens;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(home));
        tokens = new ApiTokens(store.apiTokens(), Clock.fixed(T0, ZoneOffset.UTC), (stored, presented) -> {
            compared.add(new String(stored));
            return MessageDigest.isEqual(stored, presented);
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewTokenIsPrefixedUrlSafeAndHas32RandomBytes() {
        String token = tokens.create("ci");

        assertThat(token).startsWith("gty_").matches("gty_[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
        assertThat(tokens.create("other")).isNotEqualTo(token);
    }

    @Test
    void onlyTheSha256OfTheTokenIsStored() {
        String token = tokens.create("ci");

        StoredToken stored = store.apiTokens().find("ci").orElseThrow();
        assertThat(stored.sha256()).isEqualTo(ApiTokens.sha256(token)).hasSize(64).doesNotContain(token.substring(4));
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.lastUsedAt()).isEmpty();
    }

    @Test
    void verifyNamesTheTokenAndRecordsItsUse() {
        String token = tokens.create("ci");

        assertThat(tokens.verify(token)).contains("ci");
        assertThat(store.apiTokens().find("ci").orElseThrow().lastUsedAt()).contains(T0);
    }

    @Test
    void aWrongOrEmptyOrRevokedTokenIsRefused() {
        String token = tokens.create("ci");

        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.revoke("ci")).isTrue();
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.revoke("ci")).isFalse();
    }

    @Test
    void everyStoredHashIsComparedWhicheverMatches() {
        String first = tokens.create("a");
        tokens.create("b");
        tokens.create("c");

        assertThat(tokens.verify(first)).contains("a");
        assertThat(compared).hasSize(3);
    }

    @Test
    void aNameIsUniqueAndOfSafeCharacters() {
        tokens.create("ci");

        assertThatThrownBy(() -> tokens.create("ci")).isInstanceOf(ServerInputException.class)
                .hasMessageContaining("A token named ci exists already");
        assertThatThrownBy(() -> tokens.create("has space")).isInstanceOf(ServerInputException.class)
                .hasMessageContaining("is not allowed");
        assertThat(new ServerInputException("x").exitCode().code()).isEqualTo(2);
    }

    @Test
    void aTokenHasItsScopeDeployUnlessToldAndCallerNamesIt() {
        String ci = tokens.create("ci");
        String viewer = tokens.create("viewer", Scope.READ, Optional.empty());

        assertThat(tokens.caller(ci)).get().extracting(ApiTokens.Caller::name, ApiTokens.Caller::scope)
                .containsExactly("ci", Scope.DEPLOY);
        assertThat(tokens.caller(viewer).orElseThrow().scope()).isEqualTo(Scope.READ);
        assertThat(store.apiTokens().find("viewer").orElseThrow().scope()).isEqualTo("read");
    }

    @Test
    void anExpiredTokenIsRefusedAndTheRefusalSaysItExpired() {
        var clock = new SetClock(T0);
        var ticking = new ApiTokens(store.apiTokens(), clock, MessageDigest::isEqual);
        String token = ticking.create("short", Scope.DEPLOY, Optional.of(Duration.ofDays(1)));

        clock.set(T0.plus(Duration.ofDays(1)).minusMillis(1));
        assertThat(ticking.caller(token)).isPresent();
        clock.set(T0.plus(Duration.ofDays(1)));
        assertThat(ticking.caller(token)).isEmpty();
        assertThat(ticking.verify(token)).isEmpty();
        assertThat(ticking.refusal(token)).startsWith("The token short expired at 2026-12-02T10:00:00Z.");
        assertThat(ticking.refusal("gty_unknown")).startsWith("This needs an API token.");
    }

    @Test
    void aTokenRevokedOrExpiredSinceItWasCheckedIsWithdrawnAndSaysWhy() {
        var clock = new SetClock(T0);
        var ticking = new ApiTokens(store.apiTokens(), clock, MessageDigest::isEqual);
        ApiTokens.Caller ci = ticking.caller(ticking.create("ci")).orElseThrow();
        ApiTokens.Caller hour = ticking.caller(ticking.create("hour", Scope.READ, Optional.of(Duration.ofHours(1))))
                .orElseThrow();

        assertThat(ticking.withdrawn(ci)).isEmpty();
        ticking.revoke("ci");
        assertThat(ticking.withdrawn(ci)).contains("the token ci was revoked");
        ticking.create("ci");  // a new token of the same name is another token
        assertThat(ticking.withdrawn(ci)).contains("the token ci was revoked");
        clock.set(T0.plus(Duration.ofHours(2)));
        assertThat(ticking.withdrawn(hour)).contains("the token hour expired at 2026-12-01T11:00:00Z");
    }

    @Test
    void aTokenWatchAsksTheStoreAtMostOncePerInterval() {
        var clock = new SetClock(T0);
        var ticking = new ApiTokens(store.apiTokens(), clock, MessageDigest::isEqual);
        ApiTokens.Caller ci = ticking.caller(ticking.create("ci")).orElseThrow();
        var watch = new TokenWatch(ticking, ci, clock);
        ticking.revoke("ci");

        assertThat(watch.withdrawn()).as("checked only after the interval").isEmpty();
        clock.set(T0.plus(TokenWatch.EVERY));
        assertThat(watch.withdrawn()).contains("the token ci was revoked");
    }
}
