package dev.gantry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * One file of Prometheus' file-based discovery in {@code gantry server --prometheus-targets DIR}
 * (docs/observability.md#what-prometheus-scrapes): {@code DIR/NAME.json}, groups of targets with their labels. It is
 * written whole, by a rename, as Prometheus may read it at any moment, and removed when the server stops, so
 * Prometheus follows what Gantry lists as it comes and goes without a restart.
 */
final class PrometheusTargets {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Targets (HOST:PORT) that share their labels. */
    record Group(List<String> targets, Map<String, String> labels) {
    }

    private final Path file;

    private PrometheusTargets(Path file) {
        this.file = file;
    }

    /** The file {@code name}.json in {@code dir}; nothing is written yet. */
    static PrometheusTargets in(Path dir, String name) {
        return new PrometheusTargets(dir.resolve(name + ".json"));
    }

    /** Lists {@code groups}, replacing what the file listed. */
    void write(List<Group> groups) {
        try {
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), groups);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TargetException("Writing Prometheus targets to " + file + " failed: " + e.getMessage()
                    + ". Give --prometheus-targets a directory this user can write, the one Prometheus' file_sd_configs reads.");
        }
    }

    /** Takes the targets out again; a file already gone is fine. */
    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Prometheus then keeps targets that no longer answer: their scrapes fail until a person removes the file
        }
    }

    /** The directory of targets cannot be written: the server does not start. */
    static final class TargetException extends GantryException {
        TargetException(String message) {
            super(message);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.BAD_INPUT;
        }
    }
}
