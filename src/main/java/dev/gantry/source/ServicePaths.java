package dev.gantry.source;

import dev.gantry.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths of gantry.yml's build keys resolved in a checked-out service directory by their real paths, so
 * that a symlink in the commit never makes Gantry read or send a file outside that directory: a build
 * context, a Dockerfile or a {@code .dockerignore} whose real path leaves it is refused (exit 2).
 */
public final class ServicePaths {
    private final Path root;

    private ServicePaths(Path root) {
        this.root = root;
    }

    /** The service directory checked out at {@code workspace}. */
    public static ServicePaths of(Path workspace) {
        try {
            return new ServicePaths(workspace.toRealPath());
        } catch (IOException e) {
            throw new IllegalStateException("the workspace " + workspace + " is gone: " + e.getMessage(), e);
        }
    }

    /** The service directory's real path. */
    public Path root() {
        return root;
    }

    /** The real directory {@code key} (like {@code build/context}) names; it must be inside the service directory. */
    public Path directory(String key, String relative) {
        return real(key, relative).filter(Files::isDirectory).orElseThrow(() -> new UnsafeCommitException(key + " \""
                + Printable.of(relative) + "\" is not a directory of the commit. Set " + key
                + " in gantry.yml to a directory of the service."));
    }

    /** The real file {@code key} names, if the commit has one there; it must be inside the service directory. */
    public Optional<Path> file(String key, String relative) {
        return real(key, relative);
    }

    /** Where {@code relative} really is, following its symlinks; empty if nothing is there (or a link leads nowhere). */
    private Optional<Path> real(String key, String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            throw leaves(key, relative, "it is outside the service directory");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw leaves(key, relative, "a symlink on the way leads to nothing in the commit");
        }
        if (!real.startsWith(root)) {
            throw leaves(key, relative, "a symlink on the way leads outside the service directory");
        }
        return Optional.of(real);
    }

    private static UnsafeCommitException leaves(String key, String relative, String why) {
        return new UnsafeCommitException(key + " \"" + Printable.of(relative) + "\" cannot be used: " + why
                + ". Gantry reads and sends only the files of the service's directory in the commit; make " + key
                + " name a file or directory inside it, not through a symlink that leaves it.");
    }
}
