package dev.gantry.it;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failure-injection matrix of docs/failure-matrix.md on one engine: for every stage, the stage failing, the
 * stage passing its deadline, and each dependency it uses failing under it ({@link InjectedFailure}), each a test
 * of its own. HAProxy and etcd, the real ones; the two releases before the first case are shared by all cases.
 */
class FailureMatrixIT {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @TestFactory
    Stream<DynamicTest> everyInjectedFailureLeavesProductionAsItWasAndFailsNoLiveRequest() {
        Matrix matrix = Matrix.prepare(sandbox, "haproxy", EtcdKeys.ETCD);
        MatrixReport report = InjectedFailure.report("failure-matrix.md");
        return InjectedFailure.everyStage().stream()
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> c.check(matrix, report)));
    }
}
