package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runtime API commands as data (management guide 9.3: {@code set server}, {@code add map},
 * {@code commit map}); {@link RuntimeApi} sends them.
 */
final class SlotCommands {
    private SlotCommands() {
    }

    /** Points slots 1..n of {@code bank} at {@code backends}, one each, without changing their state. */
    static List<String> address(String pool, Bank bank, List<Backend> backends) {
        return IntStream.range(0, backends.size()).mapToObj(i -> address(pool + "/" + bank.slot(i + 1), backends.get(i)))
                .toList();
    }

    /** Points one slot ({@code pool/slot}) at {@code backend}. */
    static String address(String slot, Backend backend) {
        return "set server " + slot + " addr " + backend.host() + " port " + backend.port();
    }

    /** Puts slots 1..count of {@code bank} into rotation. */
    static List<String> ready(String pool, Bank bank, int count) {
        return state(pool, bank, count, "ready");
    }

    /** Takes slots 1..count of {@code bank} out of rotation; requests in flight finish. */
    static List<String> drain(String pool, Bank bank, int count) {
        return state(pool, bank, count, "drain");
    }

    /** Parks slots 1..count of {@code bank}: maintenance, no new request. */
    static List<String> park(String pool, Bank bank, int count) {
        return state(pool, bank, count, "maint");
    }

    /** The slot names {@code pool/bank1..count}, as {@link ServerStats} keys them. */
    static List<String> names(String pool, Bank bank, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> pool + "/" + bank.slot(i)).toList();
    }

    /** Fills the prepared {@code version} of map {@code file} with {@code entries} and makes it current, atomically. */
    static List<String> replaceMap(String file, int version, List<RouteMaps.Entry> entries) {
        List<String> commands = new ArrayList<>();
        entries.forEach(e -> commands.add("add map @" + version + " " + file + " " + e.key() + " " + e.backend()));
        commands.add("commit map @" + version + " " + file);
        return commands;
    }

    /** {@code show map} of a file: lines "ID KEY VALUE". */
    static List<RouteMaps.Entry> parseMap(String answer) {
        return answer.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+"))
                .filter(f -> f.length == 3).map(f -> new RouteMaps.Entry(f[1], f[2])).toList();
    }

    private static List<String> state(String pool, Bank bank, int count, String state) {
        return names(pool, bank, count).stream().map(n -> "set server " + n + " state " + state).toList();
    }
}
