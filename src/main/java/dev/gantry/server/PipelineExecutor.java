package dev.gantry.server;

import dev.gantry.pipeline.Environment;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.trigger.RunExecutor;
import dev.gantry.trigger.RunRequest;

/**
 * Runs the queue's requests through the same {@link Pipeline} the CLI builds ({@link Environment}),
 * holding the same deploy locks: one server and any number of CLI commands share them.
 */
final class PipelineExecutor implements RunExecutor {
    private final Environment env;
    private final Object preflight = new Object();

    PipelineExecutor(Environment env) {
        this.env = env;
    }

    @Override
    public RunOutcome execute(RunRequest request, RunListener listener) {
        synchronized (preflight) {
            env.preflight();  // the engines and registry answer, and the managed proxy runs
        }
        Pipeline pipeline = env.pipeline(listener, Pipeline.LOCK_WAIT);
        return switch (request.kind()) {
            case RUN -> {
                ServiceSource source = request.source().orElseThrow();
                yield pipeline.run(source, source.config(), request.trigger());
            }
            case DEPLOY -> pipeline.deploy(request.service(), request.image().orElseThrow(), request.untested(),
                    request.trigger());
            case ROLLBACK -> pipeline.rollback(request.service(), request.trigger());
        };
    }
}
