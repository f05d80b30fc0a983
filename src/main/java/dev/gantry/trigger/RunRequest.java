package dev.gantry.trigger;

import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for the run queue: which service, what to do (the flow for the commit of {@code source},
 * a deploy of {@code image}, or a rollback), who asked ({@code trigger}, like "api (token ci)"), and a
 * listener that hears the run's progress besides the queue's own; {@code untested}: a deploy of an
 * image no run tested, which an admin asked for explicitly; {@code replicas}: how many a scale asks for (0 for
 * the other kinds).
 */
public record RunRequest(String service, RunKind kind, Optional<ServiceSource> source, Optional<String> image,
                         String trigger, RunListener listener, boolean untested, int replicas) {
    /** Checks that the kind has what it needs. */
    public RunRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(listener, "listener");
        if (kind == RunKind.RUN && source.isEmpty()) {
            throw new IllegalArgumentException("a run needs a source");
        }
        if (kind == RunKind.DEPLOY && image.isEmpty()) {
            throw new IllegalArgumentException("a deploy needs an image");
        }
        if (kind == RunKind.SCALE && replicas < 1) {
            throw new IllegalArgumentException("a scale needs a number of replicas, at least 1");
        }
    }

    /**
     * The whole flow for the commit of {@code source}: a work tree, or a bare repository and a commit
     * ({@link ServiceSource#of}), as the git endpoint has them.
     */
    public static RunRequest run(String service, ServiceSource source, String trigger, RunListener listener) {
        return new RunRequest(service, RunKind.RUN, Optional.of(source), Optional.empty(), trigger, listener, false, 0);
    }

    /** The deployment half for {@code image}, already in the registry and tested by a run. */
    public static RunRequest deploy(String service, String image, String trigger, RunListener listener) {
        return deploy(service, image, false, trigger, listener);
    }

    /** The deployment half for {@code image}; with {@code untested}, even if no run tested it. */
    public static RunRequest deploy(String service, String image, boolean untested, String trigger,
                                    RunListener listener) {
        return new RunRequest(service, RunKind.DEPLOY, Optional.empty(), Optional.of(image), trigger, listener,
                untested, 0);
    }

    /** Back to the release that was live before. */
    public static RunRequest rollback(String service, String trigger, RunListener listener) {
        return new RunRequest(service, RunKind.ROLLBACK, Optional.empty(), Optional.empty(), trigger, listener, false, 0);
    }

    /** The live release of {@code service} with {@code replicas} replicas, in place (docs/scaling.md). */
    public static RunRequest scale(String service, int replicas, String trigger, RunListener listener) {
        return new RunRequest(service, RunKind.SCALE, Optional.empty(), Optional.empty(), trigger, listener, false,
                replicas);
    }

    /** Whether both are runs of the same commit and directory of the same service. */
    boolean sameRun(RunRequest other) {
        return kind == RunKind.RUN && other.kind == RunKind.RUN && service.equals(other.service)
                && source.orElseThrow().release().commit().equals(other.source.orElseThrow().release().commit())
                && source.orElseThrow().servicePath().equals(other.source.orElseThrow().servicePath());
    }

    /** What is asked, for people: "run of 3f2a1c9e0b7d", "deploy of IMAGE", "rollback". */
    public String describe() {
        return switch (kind) {
            case RUN -> "run of " + source.orElseThrow().release().shortCommit();
            case DEPLOY -> "deploy of " + image.orElseThrow() + (untested ? " (untested)" : "");
            case ROLLBACK -> "rollback";
            case SCALE -> "scale to " + replicas + " replica(s)";
        };
    }
}
