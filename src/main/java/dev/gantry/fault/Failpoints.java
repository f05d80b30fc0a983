package dev.gantry.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fault injection for the failure and crash matrices (docs/failure-matrix.md), in the manner of
 * etcd's gofail: inert unless the environment variable {@code GANTRY_FAILPOINTS} arms points, e.g.
 * {@code GANTRY_FAILPOINTS="deploy=engine,switch.routed=pause"}. A point is a stage (armed while the
 * stage runs) or a named place inside one ({@code deploy.replica-started}, {@code switch.routed}).
 * The action is one of {@link Action}. Process-wide on purpose: a fault is injected into whichever
 * client the armed stage uses, but only for calls made by that stage's thread (and threads it
 * starts), so neither a stage running beside it nor the undo that follows is faulted.
 */
public final class Failpoints {
    private static final Failpoints ARMED = new Failpoints(parse(System.getenv("GANTRY_FAILPOINTS")));
    private static final Duration PAUSE_LIMIT = Duration.ofMinutes(5);

    private final Map<String, Action> points;
    private final InheritableThreadLocal<String> stageOfThread = new InheritableThreadLocal<>();

    Failpoints(Map<String, Action> points) {
        this.points = Map.copyOf(points);
    }

    /** True when any point is armed; lets callers skip work when fault injection is off. */
    public static boolean armed() {
        return !ARMED.points.isEmpty();
    }

    /**
     * A stage begins on the calling thread, which runs nothing else: its own point is reached, and its
     * dependency faults apply to the calls this thread (and the threads it starts) makes.
     */
    public static void stageStarted(String stage) {
        ARMED.start(stage);
    }

    /** Reaches a named point: fails, hangs or pauses there if it is armed so. */
    public static void reach(String point) {
        ARMED.at(point);
    }

    /**
     * A call to {@code dependency} is about to be made: throws {@code failure} if a running stage has
     * that dependency armed to fail.
     */
    public static void call(Action dependency, Supplier<? extends RuntimeException> failure) {
        ARMED.check(dependency, failure);
    }

    void start(String stage) {
        stageOfThread.set(stage);
        at(stage);
    }

    void check(Action dependency, Supplier<? extends RuntimeException> failure) {
        String stage = stageOfThread.get();
        if (stage != null && points.get(stage) == dependency) {
            throw failure.get();
        }
    }

    void at(String point) {
        Action action = points.get(point);
        if (action == null || action.dependency()) {
            return;
        }
        switch (action) {
            case FAIL -> throw new InjectedFailureException(point, "failed there");
            case HANG -> block(point, "hung there until its deadline", Duration.ofDays(1));
            case PAUSE -> {
                System.err.println("failpoint " + point + ": paused, pid " + ProcessHandle.current().pid());
                System.err.flush();
                block(point, "paused there", PAUSE_LIMIT);
            }
            default -> throw new IllegalStateException("unhandled failpoint action " + action);
        }
    }

    private static void block(String point, String what, Duration limit) {
        try {
            Thread.sleep(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new InjectedFailureException(point, what);
    }

    /** {@code point=action,point=action}; an unknown action is an error, so a typo cannot pass silently. */
    static Map<String, Action> parse(String spec) {
        Map<String, Action> points = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return points;
        }
        for (String pair : spec.split("[,;]")) {
            String[] parts = pair.strip().split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("GANTRY_FAILPOINTS: \"" + pair + "\" should be point=action");
            }
            points.put(parts[0].strip(), Action.parse(parts[1].strip()));
        }
        return points;
    }
}
