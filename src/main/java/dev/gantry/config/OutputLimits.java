package dev.gantry.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much of the output of runs Gantry keeps ({@code output} in config.yml, docs/installation-config.md):
 * whatever a commit prints, Gantry's memory, store and disk hold no more than these.
 *
 * @param lineMax bytes of one line; the rest of a longer line is dropped, with a marker
 * @param storedLines the last lines of a stage the store keeps
 * @param storedMax the most text, in bytes, of those lines
 * @param fileMax bytes of a stage's log file before it keeps only its tail
 * @param replayLines lines of output a run keeps in the server for its live log, and each reader's backlog
 * @param replayMax the most text, in bytes, of those lines
 * @param containerLogMax bytes of Docker's own log of each container Gantry creates (its log files on the engine)
 * @param collectedMax bytes of the archive of collected logs in use (docs/logs.md, "Collected logs")
 * @param collectedDays days the archive of collected logs keeps a line
 */
public record OutputLimits(int lineMax, int storedLines, int storedMax, long fileMax, int replayLines, int replayMax,
                           long containerLogMax, long collectedMax, int collectedDays) {
    /** The limits when config.yml and the environment set none. */
    public static final OutputLimits DEFAULTS = new OutputLimits(16 << 10, 1000, 256 << 10, 16L << 20, 1000, 256 << 10,
            32L << 20, 1L << 30, 7);
    static final List<String> KEYS = List.of("line-max", "stored-lines", "stored-max", "file-max", "replay-lines",
            "replay-max", "container-log-max", "collected-max", "collected-days");

    /** The same limits with Docker's log of each container held to {@code bytes}. */
    public OutputLimits withContainerLogMax(long bytes) {
        return new OutputLimits(lineMax, storedLines, storedMax, fileMax, replayLines, replayMax, bytes, collectedMax,
                collectedDays);
    }

    /** {@code output} of config.yml with each GANTRY_OUTPUT_* variable of {@code env} over it; bad values to {@code problems}. */
    static OutputLimits read(YamlMap output, Map<String, String> env, Problems problems) {
        var settings = new Settings(output, env, problems);
        return new OutputLimits(
                (int) settings.value("line-max", size(1L << 10, 1L << 20), DEFAULTS.lineMax()),
                (int) settings.value("stored-lines", count(10, 100_000), DEFAULTS.storedLines()),
                (int) settings.value("stored-max", size(16L << 10, 16L << 20), DEFAULTS.storedMax()),
                settings.value("file-max", size(1L << 20, 1L << 30), DEFAULTS.fileMax()),
                (int) settings.value("replay-lines", count(10, 100_000), DEFAULTS.replayLines()),
                (int) settings.value("replay-max", size(16L << 10, 16L << 20), DEFAULTS.replayMax()),
                settings.value("container-log-max", size(1L << 20, 16L << 30), DEFAULTS.containerLogMax()),
                settings.value("collected-max", size(16L << 20, 256L << 30), DEFAULTS.collectedMax()),
                (int) settings.value("collected-days", count(1, 3650), DEFAULTS.collectedDays()));
    }

    /** The variable of {@code key}: GANTRY_OUTPUT_ and the key in capitals, {@code -} as {@code _}. */
    static String variable(String key) {
        return "GANTRY_OUTPUT_" + key.toUpperCase().replace('-', '_');
    }

    private static Rule<Long> count(int min, int max) {
        return Rule.wholeNumber(min, max).map(Integer::longValue);
    }

    /** Bytes written as a number with B, KiB, MiB or GiB (none: bytes), from {@code min} to {@code max}. */
    static Rule<Long> size(long min, long max) {
        return new Rule<>(Rule.Kind.ANY_SCALAR, "a size like 16KiB, 16MiB or 1GiB, from " + ByteSizes.format(min)
                + " to " + ByteSizes.format(max), value -> ByteSizes.parse(value, max).filter(bytes -> bytes >= min));
    }

    /** Each key from its variable if set, else from the file, else the default. */
    private record Settings(YamlMap file, Map<String, String> env, Problems problems) {
        long value(String key, Rule<Long> rule, long fallback) {
            Optional<Long> fromFile = file.optional(key, rule);
            String variable = variable(key);
            Optional<String> set = Optional.ofNullable(env.get(variable)).filter(v -> !v.isEmpty());
            return set.map(text -> rule.apply(text).orElseGet(() -> {
                problems.add(variable, 0, "should be " + rule.expected() + ", was " + Found.quote(text));
                return fallback;
            })).orElse(fromFile.orElse(fallback));
        }
    }
}
