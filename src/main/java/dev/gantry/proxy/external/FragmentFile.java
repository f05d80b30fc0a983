package dev.gantry.proxy.external;

import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The file the user's proxy includes ({@code proxy-config}) and its candidate beside it,
 * {@code <name>.next}: a name that {@code conf.d/*.conf} and HAProxy's {@code *.cfg} do not match.
 * The file is only ever replaced whole, by an atomic rename in its directory.
 */
final class FragmentFile {
    private final Path target;
    private final Path candidate;

    FragmentFile(Path target) {
        this.target = target;
        this.candidate = target.resolveSibling(target.getFileName() + ".next");
    }

    Path target() {
        return target;
    }

    Path candidate() {
        return candidate;
    }

    /** The file's content now; empty if there is no file yet. */
    Optional<String> current() {
        try {
            return Files.exists(target) ? Optional.of(Files.readString(target)) : Optional.empty();
        } catch (IOException e) {
            throw failed("Reading", target, e);
        }
    }

    void writeCandidate(String text) {
        try {
            Files.writeString(candidate, text);
        } catch (IOException e) {
            throw failed("Writing", candidate, e);
        }
    }

    void discardCandidate() {
        try {
            Files.deleteIfExists(candidate);
        } catch (IOException e) {
            throw failed("Deleting", candidate, e);
        }
    }

    /** Moves the candidate into place; a reader sees the old file or the new one, never a part. */
    void promote() {
        try {
            Files.move(candidate, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failed("Moving " + candidate + " to", target, e);
        }
    }

    /** Puts back what {@link #current()} returned before: that content, or no file. */
    void restore(Optional<String> previous) {
        if (previous.isPresent()) {
            writeCandidate(previous.get());
            promote();
            return;
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw failed("Deleting", target, e);
        }
    }

    private static ProxyUnavailableException failed(String what, Path path, IOException e) {
        return new ProxyUnavailableException(what + " " + path + " failed: " + e.getMessage()
                + ". Gantry needs to write that file and others beside it (proxy-config); check the directory's"
                + " owner and permissions.", e);
    }
}
