package dev.gantry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A matrix's result table, as docs/failure-matrix.md shows it: a markdown table under {@code target/},
 * one row written as each case ends, so a case that fails or hangs still leaves the rows before it.
 */
final class MatrixReport {
    private final Path file;

    private MatrixReport(Path file) {
        this.file = file;
    }

    /** A new table in {@code target/<name>} with these column names. */
    static MatrixReport create(String name, String... columns) {
        Path file = Path.of("target", name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, List.of("| " + String.join(" | ", columns) + " |",
                    "|" + "---|".repeat(columns.length)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the matrix report " + file + " failed", e);
        }
        return new MatrixReport(file);
    }

    /** Adds one row; {@code cells} are written as they are. */
    synchronized void row(Object... cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            row.append(' ').append(cell).append(" |");
        }
        try {
            Files.write(file, List.of(row.toString()), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the matrix report " + file + " failed", e);
        }
    }
}
