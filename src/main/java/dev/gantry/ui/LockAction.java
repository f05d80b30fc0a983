package dev.gantry.ui;

import dev.gantry.lock.DeployLocks;
import dev.gantry.server.Scope;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /ui/services/{service}/lock/release} (scope admin): removes the service's deploy lock whoever holds it,
 * as {@code DELETE /api/v1/services/{service}/lock} and {@code gantry lock release} do ({@link DeployLocks#release}),
 * and sends the browser back to the service's page.
 */
final class LockAction {
    private final Store store;
    private final Answers answers;

    LockAction(Store store, Answers answers) {
        this.store = store;
        this.answers = answers;
    }

    void release(Context ctx) {
        Session session = SessionGate.session(ctx);
        Optional<KnownService> known = answers.known(ctx, session);
        if (known.isEmpty() || !answers.allowed(ctx, session, Scope.ADMIN, "Releasing a deploy lock")) {
            return;
        }
        new DeployLocks(store).release(known.get().name());
        Answers.seeOther(ctx, UiPaths.service(known.get().name()));
    }
}
