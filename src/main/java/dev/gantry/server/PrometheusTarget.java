package dev.gantry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.store.InstallationId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This server as a scrape target in a file of Prometheus' file-based discovery ({@code gantry server
 * --prometheus-targets DIR}, docs/scaling.md#metrics): {@code DIR/gantry-<installation>.json} lists the address it
 * listens on, labelled with the installation, written when it starts listening (whole, by a rename, as Prometheus
 * may read it at any moment) and removed when it stops, so Prometheus follows servers as they come and go.
 */
final class PrometheusTarget {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private PrometheusTarget(Path file) {
        this.file = file;
    }

    /** Writes the target {@code address} (HOST:PORT) of {@code installation} into {@code dir}. */
    static PrometheusTarget write(Path dir, InstallationId installation, String address) {
        Path file = dir.resolve("gantry-" + installation.value() + ".json");
        try {
            Path temporary = dir.resolve("." + file.getFileName() + ".tmp");
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(address));
            group.put("labels", Map.of("installation", installation.value()));
            JSON.writeValue(temporary.toFile(), List.of(group));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new PrometheusTarget(file);
        } catch (IOException e) {
            throw new TargetException("Writing this server's Prometheus target to " + file + " failed: " + e.getMessage()
                    + ". Give --prometheus-targets a directory this user can write, the one Prometheus' file_sd_configs reads.");
        }
    }

    /** Takes the target out again; a file already gone is fine. */
    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Prometheus then keeps a target that no longer answers: its scrapes fail until a person removes the file
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
