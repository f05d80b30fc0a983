package dev.gantry.engine;

/** How a container that ran to completion ended. */
public record ContainerExit(int exitCode, boolean oomKilled, boolean timedOut) {

    /** True when the container exited by itself with code 0. */
    public boolean succeeded() {
        return exitCode == 0 && !oomKilled && !timedOut;
    }

    /** Why the container failed, in words, for a person. */
    public String describe() {
        if (timedOut) {
            return "did not finish before its deadline and was killed";
        }
        if (oomKilled) {
            return "was killed because it ran out of memory (OOM, exit code " + exitCode + ")";
        }
        return "exited with code " + exitCode;
    }
}
