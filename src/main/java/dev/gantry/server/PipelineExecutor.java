package dev.gantry.server;

import dev.gantry.pipeline.Pipeline;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.trigger.RunExecutor;
import dev.gantry.trigger.RunRequest;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the queue's requests through the same {@link Pipeline} the CLI builds, holding the same deploy
 * locks: one server and any number of CLI commands share them.
 */
public final class PipelineExecutor implements RunExecutor {
    private final Runnable preflight;
    private final Function<RunListener, Pipeline> pipelines;

    /**
     * Gets {@code preflight}, which checks that the engines and registry answer and starts the managed
     * proxy, run before each request, and {@code pipelines}, which makes the installation's pipeline
     * reporting to a run's listener.
     */
    public PipelineExecutor(Runnable preflight, Function<RunListener, Pipeline> pipelines) {
        this.preflight = preflight;
        this.pipelines = pipelines;
    }

    @Override
    public Optional<RunOutcome> execute(RunRequest request, RunListener listener) {
        preflight.run();  // the engines and registry answer, and the managed proxy runs
        Pipeline pipeline = pipelines.apply(listener);
        return switch (request.kind()) {
            case RUN -> {
                ServiceSource source = request.source().orElseThrow();
                yield Optional.of(pipeline.run(source, source.config(), request.trigger()));
            }
            case DEPLOY -> Optional.of(pipeline.deploy(request.service(), request.image().orElseThrow(), request.untested(),
                    request.trigger()));
            case ROLLBACK -> Optional.of(pipeline.rollback(request.service(), request.trigger()));
            case SCALE -> pipeline.scale(request.service(), request.replicas(), request.trigger());
        };
    }
}
