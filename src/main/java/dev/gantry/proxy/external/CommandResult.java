package dev.gantry.proxy.external;

import java.util.List;

/**
 * How one run of the user's validate or apply command ended.
 *
 * @param command the arguments as run
 * @param exitCode the exit code; -1 if it could not start or ran past its deadline
 * @param output what it printed (stdout and stderr together), its last lines
 * @param failure why it did not finish by itself, if it did not (not found, deadline)
 */
record CommandResult(List<String> command, int exitCode, String output, String failure) {

    boolean succeeded() {
        return failure.isEmpty() && exitCode == 0;
    }

    /** For messages: {@code `nginx -t` exited with 1, printing:} and the output on the next lines. */
    String describe() {
        String how = failure.isEmpty() ? "exited with " + exitCode : failure;
        String shown = output.isBlank() ? ", printing nothing" : ", printing:\n" + output.strip();
        return "`" + String.join(" ", command) + "` " + how + shown;
    }
}
