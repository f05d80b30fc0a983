package dev.gantry.pipeline;

/** The post-integration stage: the test image with {@code TARGET_URL} the proxy, once traffic reaches the candidate. */
final class PostIntegration implements Step {

    @Override
    public Stage stage() {
        return Stage.POST_INTEGRATION;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        IntegrationTests.run(run, TestPhaseKind.POST_INTEGRATION, stage(),
                IntegrationTests.proxyOrigin(run.production().proxy()), log);
    }
}
