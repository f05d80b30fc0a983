package dev.gantry.fault;

/** What an armed failpoint does: fail, hang or pause where it is reached, or fail a dependency under a stage. */
public enum Action {
    /** The point throws, as a stage failing on its own would. */
    FAIL,
    /** The point blocks until interrupted (its stage's deadline), then throws. */
    HANG,
    /** The point prints "failpoint POINT: paused" to stderr and blocks, so a test can SIGKILL the process there. */
    PAUSE,
    /** Every Docker engine call under the stage fails as a Docker error would. */
    ENGINE,
    /** Every registry call under the stage fails as an unreachable registry would. */
    REGISTRY,
    /** Every route change under the stage is refused, as a proxy rejecting its configuration would. */
    PROXY,
    /** Every discovery call under the stage fails, as an unreachable etcd would. */
    DISCOVERY;

    boolean dependency() {
        return ordinal() >= ENGINE.ordinal();
    }

    static Action parse(String word) {
        for (Action action : values()) {
            if (action.name().equalsIgnoreCase(word)) {
                return action;
            }
        }
        throw new IllegalArgumentException("GANTRY_FAILPOINTS: unknown action \"" + word
                + "\"; use fail, hang, pause, engine, registry, proxy or discovery");
    }
}
