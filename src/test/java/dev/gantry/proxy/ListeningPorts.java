package dev.gantry.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The TCP ports a process listens on, from its socket inodes and /proc/net/tcp{,6} (state 0A is LISTEN). */
public final class ListeningPorts {
    private ListeningPorts() {
    }

    /** Every TCP port {@code pid} listens on, on any address. */
    public static Set<Integer> of(long pid) throws IOException {
        Set<String> inodes;
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            inodes = fds.map(ListeningPorts::target).filter(t -> t.startsWith("socket:["))
                    .map(t -> t.substring(8, t.length() - 1)).collect(Collectors.toSet());
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
            return "";
        }
    }
}
