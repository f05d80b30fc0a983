package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import java.net.URI;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * What the failure and crash matrices (docs/failure-matrix.md) share: the tiny service released twice (one colour
 * live, the other holding a stopped earlier release), production read whole before and after each case
 * ({@link ProductionState}), and a load through the proxy that never retries, which must see at least
 * {@value #FLOOR} requests during a case and no failed one.
 */
final class Matrix {
    static final String PATH = "/tiny";
    private static final int FLOOR = 50;

    private final Sandbox sandbox;
    private final ServiceRepo repo;
    private final ProductionState.Reader production;

    private Matrix(Sandbox sandbox, ServiceRepo repo, ProductionState.Reader production) {
        this.sandbox = sandbox;
        this.repo = repo;
        this.production = production;
    }

    /** The tiny service released twice behind {@code proxy} with {@code discovery}, every part of production seen. */
    static Matrix prepare(Sandbox sandbox, String proxy, String discovery) {
        sandbox.use(proxy, discovery);
        var matrix = new Matrix(sandbox, sandbox.tiny(), ProductionState.Reader.of(sandbox, proxy, discovery, PATH));
        for (int i = 1; i <= 2; i++) {
            matrix.commit("baseline " + i, "");
            var run = sandbox.cli().run("run", matrix.repo.serviceDir().toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        assertThat(matrix.production.now().unseen()).as("parts of production the matrix cannot see").isEmpty();
        return matrix;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    ServiceRepo repo() {
        return repo;
    }

    /** Production before and after {@code action}, which runs under the load; seconds it all took. */
    record Outcome<T>(ProductionState before, ProductionState after, T result, LiveLoad.Tally load, long seconds) {
    }

    <T> Outcome<T> underLoad(Function<ProductionState, T> action) {
        long started = System.nanoTime();
        try (LiveLoad live = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), PATH)) {
            ProductionState before = production.now();
            T result = action.apply(before);
            ProductionState after = production.now();
            return new Outcome<>(before, after, result, live.stop(), (System.nanoTime() - started) / 1_000_000_000);
        }
    }

    /** Commits the matrix's gantry.yml ({@code hungStage}, or "", gets a short deadline) and a change; the commit. */
    String commit(String what, String hungStage) {
        repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), hungStage));
        repo.write("case.txt", what + "\n");
        return repo.commit(what);
    }

    RunRecord lastRun() {
        try (Store store = Store.open(sandbox.storeUrl())) {
            return store.runs().history(sandbox.service(), 1).getFirst();
        }
    }

    static void assertLoad(SoftAssertions soft, LiveLoad.Tally load) {
        soft.assertThat(load.failures()).as("failed live requests of %d", load.requests()).isEmpty();
        soft.assertThat(load.requests()).as("live requests during the case").isGreaterThanOrEqualTo(FLOOR);
    }
}
