package dev.gantry.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The gantry process that holds a lease: its host, pid, the instant it started (epoch ms, 0 if the
 * system does not tell) and its user. The start instant tells a live owner from another process
 * that was given the same pid after the owner died.
 */
public record Owner(String host, long pid, long startedAt, String user) {
    private static final String SEPARATOR = "|";
    private static final Path LINUX_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    /**
     * How far two readings of one process's start may differ: Linux gives it in ticks since boot, and the JVM adds
     * the boot time in whole seconds, which moves by a second as the clock is adjusted; a reused pid starts later.
     */
    private static final long START_TOLERANCE_MS = 2_000;

    /** This process. */
    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(localHost(), self.pid(), startedAt(self).orElse(0L), System.getProperty("user.name", "?"));
    }

    /** An owner from its stored text, {@code host|pid|startedAt|user}. */
    public static Owner parse(String text) {
        String[] parts = text.split("\\|", 4);
        try {
            if (parts.length == 4) {
                return new Owner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
            }
        } catch (NumberFormatException e) {
            // reported below with the rest of the malformed texts
        }
        throw new IllegalArgumentException("a lease owner should read host|pid|startedAt|user, not \"" + text + "\"");
    }

    /** The text stored in the lease: {@code host|pid|startedAt|user}. */
    public String text() {
        return String.join(SEPARATOR, host, Long.toString(pid), Long.toString(startedAt), user);
    }

    /** For people: {@code root@host pid 1234}. */
    public String describe() {
        return user + "@" + host + " pid " + pid;
    }

    /** Whether this owner runs on this machine, where its process can be looked at. */
    public boolean isHere() {
        return host.equals(localHost());
    }

    /**
     * Whether this owner ran on this machine and has ended: no process has its pid, or the process
     * with its pid started at another time (the pid was reused; more than {@link #START_TOLERANCE_MS} apart).
     * An owner on another host is never known to be gone.
     */
    public boolean isGoneHere() {
        if (!isHere()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Long> started = startedAt(process.get());
        return startedAt != 0 && started.isPresent() && Math.abs(started.get() - startedAt) > START_TOLERANCE_MS;
    }

    private static Optional<Long> startedAt(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    /** The kernel's host name; InetAddress only where there is no /proc, as it may ask DNS. */
    private static String localHost() {
        try {
            if (Files.isReadable(LINUX_HOSTNAME)) {
                return Files.readString(LINUX_HOSTNAME).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
