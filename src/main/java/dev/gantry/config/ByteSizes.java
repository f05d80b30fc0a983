package dev.gantry.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as config files write them: a positive whole number of bytes, or one with a unit, {@code 512KiB 256MiB 1GiB}. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,12})(B|KiB|MiB|GiB)?");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB"};

    private ByteSizes() {
    }

    /** The number of bytes, or empty if the text is not a size or is larger than {@code max}. */
    public static Optional<Long> parse(String text, long max) {
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2) == null ? "B" : matcher.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        return amount > max >> shift ? Optional.empty() : Optional.of(amount << shift);
    }

    /** The size as a config file would write it, in the largest unit that divides it: {@code 256MiB}, {@code 1500B}. */
    public static String format(long bytes) {
        int unit = 0;
        long amount = bytes;
        while (unit < UNITS.length - 1 && amount != 0 && amount % 1024 == 0) {
            amount /= 1024;
            unit++;
        }
        return amount + UNITS[unit];
    }
}
