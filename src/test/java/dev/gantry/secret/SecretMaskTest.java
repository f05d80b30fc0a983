package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.LineCut;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretMaskTest {
    /** Spaces, URL-reserved characters and a two-byte UTF-8 letter: every form differs from the raw value. */
    static final String SECRET = "Zq9!kW p/X+=&é%Lm_4";
    private final SecretMask mask = SecretMask.of(List.of(SECRET));

    @Test
    void theHeadOfASecretBeforeTheEnginesCutMarkerIsMasked() {
        assertThat(mask.apply("key " + SECRET.substring(0, 6) + LineCut.marker(16384)))
                .isEqualTo("key ***… [line cut at 16384 bytes]");
    }

    @Test
    void textBeforeEachCutIsMaskedOnlyWhereItBeginsASecret() {
        assertThat(mask.apply("plain text… [line cut at 64 bytes]")).isEqualTo("plain text… [line cut at 64 bytes]");
        assertThat(mask.apply("a Zq9… [line cut at 64 bytes]\nb Zq9… [line cut at 64 bytes]"))
                .isEqualTo("a ***… [line cut at 64 bytes]\nb ***… [line cut at 64 bytes]");
    }

    @Test
    void theRawValueIsMaskedWhereverItIs() {
        assertThat(mask.apply("token=" + SECRET + "; again:" + SECRET)).isEqualTo("token=***; again:***");
        assertThat(mask.apply("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(mask.apply((String) null)).isNull();
    }

    @Test
    void bothUrlEncodingsAreMasked() {
        String plus = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        String percent20 = plus.replace("+", "%20");
        assertThat(plus).contains("+").isNotEqualTo(SECRET);

        assertThat(mask.apply("GET /login?token=" + plus + "&x=1")).isEqualTo("GET /login?token=***&x=1");
        assertThat(mask.apply("GET /login?token=" + percent20 + " HTTP/1.1")).isEqualTo("GET /login?token=*** HTTP/1.1");
    }

    @Test
    void theValueBase64EncodedOnItsOwnIsMaskedInEveryAlphabetWithAndWithoutPadding() {
        byte[] value = SECRET.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder(),
                Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding())) {
            String encoded = encoder.encodeToString(value);
            assertThat(mask.apply("value: " + encoded + " end")).as(encoded).isEqualTo("value: *** end");
        }
    }

    static Stream<Arguments> embeddings() {
        Stream.Builder<Arguments> cases = Stream.builder();
        List<String> prefixes = List.of("", "a", "ab", "abc", "Authorization: Bearer ", "user:");
        List<String> suffixes = List.of("", "z", "yz", " trailing words");
        List<String> encoders = List.of("standard", "url-safe", "standard-unpadded", "url-safe-unpadded");
        for (String prefix : prefixes) {
            for (String suffix : suffixes) {
                for (String encoder : encoders) {
                    cases.add(Arguments.of(prefix, suffix, encoder));
                }
            }
        }
        return cases.build();
    }

    /**
     * Whatever comes before and after the value in a base64-encoded text, the masked output keeps no
     * piece that decodes back to any three bytes in a row of the value.
     */
    @ParameterizedTest(name = "base64({0} + secret + {1}), {2}")
    @MethodSource("embeddings")
    void theValueInsideALongerBase64TextCannotBeDecodedFromTheMaskedOutput(String prefix, String suffix, String encoder) {
        String encoded = encoder(encoder).encodeToString((prefix + SECRET + suffix).getBytes(StandardCharsets.UTF_8));
        assertThat(Leaks.decodable(encoded, SECRET)).as("the check itself finds the unmasked value").isTrue();

        String masked = mask.apply("header: " + encoded + " (base64)");

        assertThat(masked).contains(SecretMask.MASK).startsWith("header: ").endsWith(" (base64)");
        assertThat(Leaks.decodable(masked, SECRET)).as("a piece of %s decodes to part of the secret", masked).isFalse();
    }

    @Test
    void valuesShorterThanFourCharactersAreNotMasked() {
        assertThat(SecretMask.of(List.of("abc")).apply("abc abcd")).isEqualTo("abc abcd");
        assertThat(SecretMask.of(List.of("abc")).isEmpty()).isTrue();
        assertThat(SecretMask.of(List.of("abcd")).apply("abc abcd")).isEqualTo("abc ***");
    }

    @Test
    void eachLineOfAMultiLineValueIsMaskedSinceOutputIsMaskedLineByLine() {
        String pem = "-----BEGIN KEY-----\r\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n}\n-----END KEY-----";
        var pemMask = SecretMask.of(List.of(pem));

        assertThat(pemMask.lines(List.of("key is:", "MIIEvQIBADANBgkqhkiG9w0B", "AQEFAASCBKcwggSjAgEAAoIB", "}")))
                .containsExactly("key is:", "***", "***", "}");
    }

    @Test
    void aSecretInsideAnotherIsMaskedWithoutLeavingPiecesOfTheLongerOne() {
        var both = SecretMask.of(List.of("cdef", "abcdefgh"));

        assertThat(both.apply("xx abcdefgh xx cdef")).isEqualTo("xx *** xx ***");
    }

    @Test
    void aFailureThatRevealsNothingIsKeptAsItIs() {
        var failure = new IllegalStateException("nothing to hide", new RuntimeException("nor here"));

        assertThat(mask.failure(failure)).isSameAs(failure);
    }

    @Test
    void aFailureThatRevealsASecretIsSaidAgainMaskedWithItsExitCodeAndCausesAndNoValueInItsStackTrace() {
        var cause = new UncheckedIOException("writing " + SECRET + " failed", new IOException(
                "base64 " + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
        var failure = new Known("the push of " + SECRET + " failed", cause);

        RuntimeException shown = mask.failure(failure);

        assertThat(shown).isInstanceOf(MaskedException.class).hasMessage("the push of *** failed");
        assertThat(((GantryException) shown).exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
        assertThat(shown.getStackTrace()).isEqualTo(failure.getStackTrace());
        String trace = stackTrace(shown);
        assertThat(trace).doesNotContain(SECRET).contains("Caused by: java.io.UncheckedIOException: writing *** failed")
                .contains("Caused by: java.io.IOException: base64 ***").contains("at dev.gantry.secret.SecretMaskTest");
    }

    @Test
    void anUnexpectedFailureStaysMarkedUnexpected() {
        RuntimeException shown = mask.failure(new IllegalArgumentException("bad " + SECRET));

        assertThat(shown).hasMessage("unexpected failure: bad ***");
        assertThat(((GantryException) shown).exitCode()).isEqualTo(ExitCode.RUN_FAILED);
    }

    @Test
    void theMaskNeverShowsTheValues() {
        assertThat(mask.toString()).doesNotContain(SECRET).startsWith("SecretMask[");
        assertThat(SecretValues.of(Map.of("API_TOKEN", SECRET)).toString()).isEqualTo("secrets [API_TOKEN]");
    }

    private static Base64.Encoder encoder(String name) {
        return switch (name) {
            case "standard" -> Base64.getEncoder();
            case "url-safe" -> Base64.getUrlEncoder();
            case "standard-unpadded" -> Base64.getEncoder().withoutPadding();
            default -> Base64.getUrlEncoder().withoutPadding();
        };
    }

    private static String stackTrace(Throwable t) {
        var text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** A known failure, like those of the environment. */
    private static final class Known extends GantryException {
        Known(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.ENVIRONMENT_UNUSABLE;
        }
    }
}
