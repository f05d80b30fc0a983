package dev.gantry.config;

/**
 * One thing wrong with a config file or an environment variable.
 *
 * @param keyPath the key path ({@code run/replicas}, {@code tests/pre-deployment/command/0}), the
 *     variable ({@code GANTRY_PROXY}), or empty when the problem is the file as a whole
 * @param line the 1-based line in the file, or 0 when the problem is not tied to a line
 * @param message what is wrong and what would be right
 */
public record ConfigProblem(String keyPath, int line, String message) {

    /** The problem as docs/design.md ("gantry.yml") shows it: {@code run/replicas (line 14): should be ...}. */
    public String describe() {
        if (line <= 0) {
            return keyPath.isEmpty() ? message : keyPath + ": " + message;
        }
        return keyPath.isEmpty()
                ? "line " + line + ": " + message
                : keyPath + " (line " + line + "): " + message;
    }
}
