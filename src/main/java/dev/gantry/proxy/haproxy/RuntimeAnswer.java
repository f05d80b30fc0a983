package dev.gantry.proxy.haproxy;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the runtime API's answers to changing commands: success is an empty answer, except the
 * informational lines of {@code set server addr} (the address unchanged or changed, on loopback or, on a
 * Swarm, on another node's address) and {@code prepare map}; any other text is an error message.
 */
final class RuntimeAnswer {
    private static final Pattern INFORMATIONAL = Pattern.compile(
            "(no need to change the addr|IP changed from '[^']*' to '[^']*').*|New version created: \\d+");
    private static final Pattern NEW_VERSION = Pattern.compile("New version created: (\\d+)");

    private RuntimeAnswer() {
    }

    /** The error lines of an answer; empty when every command succeeded. */
    static List<String> errors(String answer) {
        return answer.lines().map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> !INFORMATIONAL.matcher(line).matches()).toList();
    }

    /** The version number {@code prepare map} answered. */
    static OptionalInt preparedVersion(String answer) {
        Matcher m = NEW_VERSION.matcher(answer);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
