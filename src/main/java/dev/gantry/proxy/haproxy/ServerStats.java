package dev.gantry.proxy.haproxy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers' rows of {@code show stat} (CSV, first line the column names): by
 * {@code backend/slot}, the admin status, the current sessions and the address.
 */
record ServerStats(Map<String, Slot> slots) {

    /** One server slot: status is e.g. {@code no check} (serving), {@code DRAIN} or {@code MAINT}. */
    record Slot(String status, int sessions, String address) {
        boolean parked() {
            return status.startsWith("MAINT");
        }

        boolean serving() {
            return !parked() && !status.startsWith("DRAIN");
        }
    }

    /** The command for the servers' rows only (type 4 = servers). */
    static final String COMMAND = "show stat -1 4 -1";

    static ServerStats parse(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.getFirst().startsWith("# ")) {
            throw new IllegalArgumentException("not a show stat answer: " + csv.strip());
        }
        List<String> columns = Arrays.asList(lines.getFirst().substring(2).split(",", -1));
        int backend = columns.indexOf("pxname");
        int server = columns.indexOf("svname");
        int sessions = columns.indexOf("scur");
        int status = columns.indexOf("status");
        int address = columns.indexOf("addr");
        Map<String, Slot> slots = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length > address && !"BACKEND".equals(f[server]) && !"FRONTEND".equals(f[server])) {
                slots.put(f[backend] + "/" + f[server], new Slot(f[status], Integer.parseInt(f[sessions]), f[address]));
            }
        }
        return new ServerStats(Map.copyOf(slots));
    }

    /** The sessions still open on {@code slots} ({@code backend/slot}); a slot that is gone counts 0. */
    int sessions(List<String> names) {
        return names.stream().mapToInt(n -> slots.containsKey(n) ? slots.get(n).sessions() : 0).sum();
    }
}
