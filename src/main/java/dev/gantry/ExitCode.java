package dev.gantry;

/** The process exit codes of docs/design.md ("CLI and exit codes"). */
public enum ExitCode {
    /** The work was done. */
    DONE(0),
    /** The run failed and production was restored. */
    RUN_FAILED(1),
    /** Bad usage or configuration; nothing was started. */
    BAD_INPUT(2),
    /** The environment is unusable (Docker, registry, proxy unreachable). */
    ENVIRONMENT_UNUSABLE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }
}
