package dev.gantry.it;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash matrix of docs/failure-matrix.md on one engine: gantry is SIGKILLed at every stage boundary and in
 * the middle of deploy and switch, and the next gantry command recovers ({@link KilledRun}); each point a test of
 * its own. nginx and embedded discovery, the real ones; the two releases before the first point are shared.
 * On SQLite only: what the store does in a recovery is the same at every point, and PostgresStoreIT kills a run on
 * PostgreSQL (docs/installation-config.md#what-runs-on-both-stores).
 */
class CrashMatrixIT {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @TestFactory
    Stream<DynamicTest> aRunKilledAnywhereIsUndoneOrFinishedByTheNextCommand() {
        Matrix matrix = Matrix.prepare(sandbox, "nginx", "embedded");
        MatrixReport report = KilledRun.report("crash-matrix.md");
        return Stream.concat(KilledRun.BEFORE_NO_RETURN.stream(), Stream.of(KilledRun.CLEANUP)).map(KilledRun::new)
                .map(crash -> DynamicTest.dynamicTest(crash.toString(), () -> crash.check(matrix, report)));
    }
}
