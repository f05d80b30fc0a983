package dev.gantry.config;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.util.List;

/** A config file or environment variable is missing or wrong; nothing was started. */
public final class ConfigException extends GantryException {
    private final String source;
    private final List<ConfigProblem> problems;

    /**
     * All problems found in one source.
     *
     * @param source what was read, as the user knows it ({@code services/books/gantry.yml})
     * @param problems every problem found, at least one
     * @param help the last line of the message, pointing to the reference for the file
     */
    public ConfigException(String source, List<ConfigProblem> problems, String help) {
        super(format(source, problems, help));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** What was read: the file's path, or the environment. */
    public String source() {
        return source;
    }

    /** Every problem found, in the order of their lines. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }

    private static String format(String source, List<ConfigProblem> problems, String help) {
        StringBuilder message = new StringBuilder(source)
                .append(problems.size() == 1 ? " has a problem:" : " has " + problems.size() + " problems:");
        for (ConfigProblem problem : problems) {
            message.append("\n  ").append(problem.describe());
        }
        return message.append('\n').append(help).toString();
    }
}
