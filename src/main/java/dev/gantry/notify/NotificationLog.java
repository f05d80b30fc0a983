package dev.gantry.notify;

import dev.gantry.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * {@code $GANTRY_HOME/logs/notifications.log}: one line per attempt and per problem, newest last.
 * A log that cannot be written is reported once and does not stop the notifications.
 */
final class NotificationLog {
    private final Path file;
    private final Consumer<String> warnings;
    private boolean broken;

    NotificationLog(Path file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** The log file. */
    Path file() {
        return file;
    }

    /** Appends {@code text} about the notification of run {@code n}, on one line with the time. */
    synchronized void write(Notification n, String text) {
        write("run " + n.runId() + " " + n.service() + " " + n.event().word() + ": " + text);
    }

    /** Appends {@code text} on one line with the time. */
    synchronized void write(String text) {
        String line = Instant.now() + " " + text.replaceAll("\\p{Cntrl}", " ") + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            if (!broken) {
                broken = true;
                warnings.accept("cannot write " + file + " (" + Reason.of(e) + "); notifications go on without it");
            }
        }
    }
}
