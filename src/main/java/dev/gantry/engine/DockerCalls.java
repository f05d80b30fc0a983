package dev.gantry.engine;

import dev.gantry.Reason;
import dev.gantry.Printable;
import dev.gantry.fault.Action;
import dev.gantry.fault.Failpoints;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.function.Supplier;

/** Runs one Docker API call and turns what can go wrong into Gantry's exceptions. */
final class DockerCalls {
    private final String address;

    DockerCalls(String address) {
        this.address = address;
    }

    <T> T call(String operation, Supplier<T> call) {
        Failpoints.call(Action.ENGINE, () -> new EngineException(operation,
                "Status 500: injected engine error (GANTRY_FAILPOINTS)"));
        try {
            return call.get();
        } catch (DockerException e) {
            throw new EngineException(operation, firstLine(e.getMessage()));
        } catch (DockerClientException e) {
            throw new EngineException(operation, firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw unavailable(e);
            }
            throw e;
        }
    }

    void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs a call that cleans up (kills or removes a container) even on an interrupted thread: a
     * stage stopped past its deadline must still remove what it started, and an interrupted thread's
     * channel to Docker would refuse the call. The interrupt is kept for the caller.
     */
    void cleanup(String operation, Runnable call) {
        boolean interrupted = Thread.interrupted();
        try {
            run(operation, call);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    EngineUnavailableException unavailable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = Reason.of(root);
        return new EngineUnavailableException(address, reason);
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Docker's messages carry the HTTP status and JSON; keep the human part. */
    static String firstLine(String message) {
        if (message == null) {
            return "no message from Docker";
        }
        String text = message.strip();
        int brace = text.indexOf("{\"message\":\"");
        if (brace >= 0) {
            int start = brace + "{\"message\":\"".length();
            int end = text.indexOf("\"}", start);
            text = end > start ? text.substring(start, end) : text.substring(start);
        }
        return Printable.of(text.replace("\\n", " ").replace("\\\"", "\"").strip());
    }
}
