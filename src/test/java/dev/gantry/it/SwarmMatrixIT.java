package dev.gantry.it;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failure and crash matrices of docs/failure-matrix.md with production on the lab Swarm (docs/swarm.md): every
 * case and every point from deploy on, the stages that change production there (deploy creates a Swarm service,
 * register and switch route its tasks, the integration tests reach them on their nodes, cleanup removes a service).
 * The stages before deploy run on the CD engine as on one engine, and {@link FailureMatrixIT} and
 * {@link CrashMatrixIT} cover them. Production read whole is the Swarm services and their tasks
 * ({@link Sandbox#releaseInventory}); HAProxy and embedded discovery; one pair of releases shared by all cases.
 */
class SwarmMatrixIT {
    /** The stages that change production: deploy and every one after it. */
    private static final List<String> ON_PRODUCTION = List.of("deploy", "register", "pre-integration", "switch",
            "post-integration", "cleanup");
    private static final List<InjectedFailure> FAILURES = InjectedFailure.everyStage().stream()
            .filter(c -> ON_PRODUCTION.contains(c.stage())).toList();
    private static final List<KilledRun> CRASHES = Stream.concat(KilledRun.BEFORE_NO_RETURN.stream(), Stream.of(KilledRun.CLEANUP))
            .filter(point -> ON_PRODUCTION.contains(point.replaceFirst("\\..*", ""))).map(KilledRun::new).toList();

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @TestFactory
    Stream<DynamicTest> onTheSwarmEveryFailureAndCrashLeavesProductionAsItWasOrFinishedAndFailsNoLiveRequest() {
        sandbox.useSwarm(SwarmLab.require());
        Matrix matrix = Matrix.prepare(sandbox, "haproxy", "embedded");
        MatrixReport failures = InjectedFailure.report("failure-matrix-swarm.md");
        MatrixReport crashes = KilledRun.report("crash-matrix-swarm.md");
        return Stream.concat(
                FAILURES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> c.check(matrix, failures))),
                CRASHES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> c.check(matrix, crashes))));
    }
}
