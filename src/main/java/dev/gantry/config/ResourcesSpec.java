package dev.gantry.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one replica may use: {@code run/resources} in gantry.yml (docs/gantry-yml.md). Unset, a replica
 * has no limit of its own (the default).
 *
 * @param memoryBytes the memory limit; the replica is killed (OOM) past it
 * @param nanoCpus the CPU limit in billionths of a CPU ({@code cpus: 0.5} is 500000000)
 */
public record ResourcesSpec(Optional<Long> memoryBytes, Optional<Long> nanoCpus) {
    static final List<String> KEYS = List.of("memory", "cpus");
    public static final ResourcesSpec NONE = new ResourcesSpec(Optional.empty(), Optional.empty());
    private static final long MAX_MEMORY = 1L << 40;
    private static final long MIN_MEMORY = 6L << 20; // Docker refuses a memory limit under 6 MiB
    private static final int MAX_CPUS = 64;
    private static final Pattern CPUS = Pattern.compile("([0-9]{1,2})(?:\\.([0-9]{1,3}))?");

    static ResourcesSpec read(YamlMap resources) {
        Optional<Long> memory = resources.optional("memory", Rule.byteSize(MAX_MEMORY));
        if (memory.isPresent() && memory.get() < MIN_MEMORY) {
            resources.problem("memory", "should be at least 6MiB, the least Docker accepts, was " + ByteSizes.format(memory.get()));
        }
        return new ResourcesSpec(memory, resources.optional("cpus", cpus()));
    }

    /** A number of CPUs, 0.001 to 64, as billionths of a CPU. */
    private static Rule<Long> cpus() {
        return new Rule<>(Rule.Kind.ANY_SCALAR, "a number of CPUs like 0.5, 1 or 2 (from 0.001 to " + MAX_CPUS + ")", text -> {
            var matcher = CPUS.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            String fraction = matcher.group(2) == null ? "" : matcher.group(2);
            long thousandths = Long.parseLong(matcher.group(1)) * 1000 + (fraction.isEmpty() ? 0
                    : Long.parseLong((fraction + "00").substring(0, 3)));
            return thousandths < 1 || thousandths > MAX_CPUS * 1000L ? Optional.empty() : Optional.of(thousandths * 1_000_000);
        });
    }
}
