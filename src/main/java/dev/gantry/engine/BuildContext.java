package dev.gantry.engine;

import com.github.dockerjava.core.GoLangFileMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar archive sent to Docker as a build context. Honours {@code .dockerignore} as the docker
 * CLI does: the last matching pattern wins, {@code !} re-includes, a pattern matching a directory
 * matches what is inside it, and the Dockerfile and {@code .dockerignore} are always sent.
 * (docker-java's own archiver refuses a Dockerfile that {@code .dockerignore} excludes.)
 */
final class BuildContext {
    private static final String IGNORE_FILE = ".dockerignore";

    private final Path root;
    private final List<String> patterns;

    private BuildContext(Path root, List<String> patterns) {
        this.root = root;
        this.patterns = patterns;
    }

    static BuildContext of(Path root) throws IOException {
        Path ignore = root.resolve(IGNORE_FILE);
        List<String> patterns = new ArrayList<>();
        if (Files.isRegularFile(ignore)) {
            for (String line : Files.readAllLines(ignore)) {
                String pattern = line.strip();
                if (!pattern.isEmpty() && !pattern.startsWith("#")) {
                    patterns.add(clean(pattern));
                }
            }
        }
        return new BuildContext(root, patterns);
    }

    /**
     * Writes the context, with {@code dockerfile} always in it and {@code appended} added at its end, as a tar
     * to {@code out}. The file on disk is left as it is.
     */
    void writeTar(Path dockerfile, String appended, OutputStream out) throws IOException {
        String alwaysSent = relative(dockerfile);
        try (var tar = new TarArchiveOutputStream(out); Stream<Path> files = Files.walk(root)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files.sorted().toList()) {
                String name = relative(file);
                if (name.isEmpty() || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (name.equals(alwaysSent)) {
                    add(tar, file, name, appended.getBytes(StandardCharsets.UTF_8));
                } else if (name.equals(IGNORE_FILE) || !excluded(name)) {
                    add(tar, file, name, new byte[0]);
                }
            }
        }
    }

    /** True when {@code .dockerignore} leaves {@code path} (slash-separated, relative) out. */
    boolean excluded(String path) {
        boolean excluded = false;
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            if (matches(glob, path)) {
                excluded = !negated;
            }
        }
        return excluded;
    }

    private static boolean matches(String glob, String path) {
        return GoLangFileMatch.match(glob, path)
                || glob.startsWith("**/") && GoLangFileMatch.match(glob.substring(3), path);
    }

    private static void add(TarArchiveOutputStream tar, Path file, String name, byte[] appended) throws IOException {
        if (Files.isSymbolicLink(file)) {
            var entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(file).toString());
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return;
        }
        var entry = new TarArchiveEntry(file.toFile(), name);
        entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
        entry.setSize(entry.getSize() + appended.length);
        tar.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(tar);
        }
        tar.write(appended);
        tar.closeArchiveEntry();
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String clean(String pattern) {
        boolean negated = pattern.startsWith("!");
        String glob = negated ? pattern.substring(1).strip() : pattern;
        while (glob.startsWith("/")) {
            glob = glob.substring(1);
        }
        String normalized = Path.of(glob).normalize().toString();
        return (negated ? "!" : "") + (normalized.isEmpty() ? "." : normalized);
    }
}
