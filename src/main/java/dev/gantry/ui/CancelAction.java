package dev.gantry.ui;

import dev.gantry.server.RunId;
import dev.gantry.server.Scope;
import dev.gantry.trigger.Cancellation;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /ui/runs/q{N}/cancel} (scope deploy): cancels a request still waiting in the run queue, as
 * {@code DELETE /api/v1/queue/{id}} does ({@link RunQueue#cancel}, by {@code ui (token NAME)}), and sends the browser
 * back to its run page, which then says "cancelled". A request that runs already or has ended is refused with 409
 * saying why; one the queue does not know with 404.
 */
final class CancelAction {
    private final RunQueue queue;
    private final Answers answers;

    CancelAction(RunQueue queue, Answers answers) {
        this.queue = queue;
        this.answers = answers;
    }

    /** Whether {@code session} sees a Cancel button for {@code run}: it may deploy and the request still waits. */
    static boolean offered(Session session, QueuedRun run) {
        return session.allows(Scope.DEPLOY) && run.state() == QueuedRun.State.QUEUED;
    }

    void cancel(Context ctx) {
        Session session = SessionGate.session(ctx);
        if (!answers.allowed(ctx, session, Scope.DEPLOY, "Cancelling a queued request")) {
            return;
        }
        String named = ctx.pathParam("run");
        Optional<Long> queueId = RunId.parse(named).filter(RunId::queued).map(RunId::number);
        Cancellation cancel = queueId.map(id -> queue.cancel(id, session.trigger()))
                .orElse(new Cancellation(Cancellation.Outcome.UNKNOWN, Optional.empty()));
        switch (cancel.outcome()) {
            case CANCELLED -> Answers.seeOther(ctx, UiPaths.queued(queueId.orElseThrow()));
            case UNKNOWN -> answers.error(ctx, 404, Frame.of("Not cancelled", session), "Not cancelled",
                    cancel.refusal(named) + " Only a queued request (like q7) can be cancelled.");
            case RUNNING, OVER -> answers.error(ctx, 409, Frame.of("Not cancelled", session), "Not cancelled",
                    cancel.refusal(named));
        }
    }
}
