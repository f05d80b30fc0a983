package dev.gantry.proxy.external;

import dev.gantry.proxy.ProxyUnavailableException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the external proxy needs before any change: a writable directory and both commands' programs. */
final class Preflight {

    private Preflight() {
    }

    static void check(Path target, List<String> validate, List<String> apply) {
        Path directory = target.getParent();
        String user = System.getProperty("user.name");
        if (!Files.isDirectory(directory)) {
            throw new ProxyUnavailableException("The directory of proxy-config (" + target + ") does not exist. Create it"
                    + " for the user gantry runs as, e.g. `sudo install -d -o " + user + " " + directory + "`.");
        }
        if (!Files.isWritable(directory)) {
            throw new ProxyUnavailableException("Gantry writes " + target + " (proxy-config) and a candidate beside it,"
                    + " but user " + user + " cannot write to " + directory + ". Give it the directory, e.g. `sudo chown "
                    + user + " " + directory + "`, or choose a directory it owns.");
        }
        program(validate, "proxy-validate", "GANTRY_PROXY_VALIDATE");
        program(apply, "proxy-apply", "GANTRY_PROXY_APPLY");
    }

    private static void program(List<String> command, String key, String variable) {
        if (command.isEmpty()) {
            throw new ProxyUnavailableException("proxy-mode is external, but " + key + " (" + variable + ") is not set;"
                    + " see docs/proxy-external.md.");
        }
        String program = command.getFirst();
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        if (locate(program, path).isEmpty()) {
            throw new ProxyUnavailableException("The " + key + " command runs " + program + ", which "
                    + (program.contains("/") ? "is not an executable file" : "is not on PATH (" + path + ")")
                    + ". Install it, or give its absolute path as the first argument of " + key + " (" + variable + ").");
        }
    }

    /** Where a program named like {@code nginx} or {@code /usr/sbin/nginx} would be run from, if it exists. */
    static Optional<Path> locate(String program, String searchPath) {
        if (program.contains("/")) {
            return Optional.of(Path.of(program)).filter(Files::isExecutable);
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
