package dev.gantry.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * What a scalar setting accepts: how it must be written in YAML, how messages describe it
 * ("should be {@code expected}, was ..."), and how its text becomes a value.
 */
record Rule<T>(Kind kind, String expected, Function<String, Optional<T>> read) {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    /** How the value must be written: a string, a whole number, or any of string/number/true/false. */
    enum Kind {
        STRING(Set.of(Tag.STR)),
        WHOLE_NUMBER(Set.of(Tag.INT)),
        ANY_SCALAR(Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL));

        private final Set<Tag> tags;

        Kind(Set<Tag> tags) {
            this.tags = tags;
        }

        boolean accepts(Tag tag) {
            return tags.contains(tag);
        }
    }

    Optional<T> apply(String text) {
        return read.apply(text);
    }

    /** The same rule with the value transformed after it was accepted. */
    <U> Rule<U> map(Function<T, U> change) {
        return new Rule<>(kind, expected, text -> read.apply(text).map(change));
    }

    static Rule<String> string(String expected, Predicate<String> valid) {
        return new Rule<>(Kind.STRING, expected, text -> Optional.of(text).filter(valid));
    }

    static Rule<String> matching(String expected, Pattern pattern) {
        return string(expected, text -> pattern.matcher(text).matches());
    }

    static Rule<String> oneOf(String... values) {
        List<String> allowed = Arrays.asList(values);
        return string(String.join(" or ", allowed), allowed::contains);
    }

    /** Any string, number or true/false, taken as written: env values, build args, arguments. */
    static Rule<String> text() {
        return new Rule<>(Kind.ANY_SCALAR, "a string, number or true/false (\"\" for an empty value)",
                text -> Optional.of(text).filter(t -> t.indexOf('\0') < 0));
    }

    static Rule<Integer> wholeNumber(int min, int max) {
        return new Rule<>(Kind.WHOLE_NUMBER, "a whole number from " + min + " to " + max,
                text -> Optional.of(text)
                        .filter(t -> WHOLE_NUMBER.matcher(t).matches())
                        .map(Integer::parseInt)
                        .filter(n -> n >= min && n <= max));
    }

    /** A size in bytes ({@link ByteSizes}): at least one byte, at most {@code max}. */
    static Rule<Long> byteSize(long max) {
        return new Rule<>(Kind.ANY_SCALAR, "a size like 1048576, 512KiB, 256MiB or 1GiB (at most "
                + ByteSizes.format(max) + ")", text -> ByteSizes.parse(text, max));
    }

    static Rule<Duration> duration() {
        return new Rule<>(Kind.STRING, "a duration like 500ms, 30s, 10m or 1h (at most " + Durations.MAX_TEXT + ")",
                Durations::parse);
    }

    /** A duration as {@link #duration()}, or {@code 0} or {@code off} for none (zero). */
    static Rule<Duration> durationOrOff() {
        return new Rule<>(Kind.ANY_SCALAR, "a duration like 30s, 5m or 1h (at most " + Durations.MAX_TEXT
                + "), or 0 or off", text -> text.equals("0") || text.equals("off") ? Optional.of(Duration.ZERO)
                : Durations.parse(text));
    }
}
