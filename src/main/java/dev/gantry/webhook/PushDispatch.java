package dev.gantry.webhook;

import dev.gantry.git.RemoteFetch;
import dev.gantry.store.ServiceRows;
import dev.gantry.trigger.RunQueue;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a signed, new delivery does: a ping is answered, other events than a push are ignored, and a
 * push hands each service it concerns to a small pool of threads that fetch and queue it
 * ({@link FetchAndRun}), so that the forge has its answer at once.
 */
final class PushDispatch {
    private final ServiceRows services;
    private final RemoteFetch fetch;
    private final RunQueue queue;
    private final PrintStream log;
    private final ExecutorService work = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon()
            .name("gantry-webhook-", 1).factory());

    PushDispatch(ServiceRows services, RemoteFetch fetch, RunQueue queue, PrintStream log) {
        this.services = services;
        this.fetch = fetch;
        this.queue = queue;
        this.log = log;
    }

    /** The reply to delivery {@code delivery} of {@code forge}, event {@code event}, whose signed body is {@code body}. */
    Reply take(Forge forge, String delivery, String event, byte[] body) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("delivery", delivery);
        json.put("event", event);
        if (forge == Forge.GITHUB && event.equals("ping")) {
            json.put("message", "pong");
            return Reply.json(200, json);
        }
        if (!event.equals(forge.pushEvent)) {
            json.put("queued", List.of());
            json.put("message", "ignored: Gantry acts on " + forge.pushEvent + " events only");
            return Reply.json(202, json);
        }
        Optional<PushNotice> notice = PushNotice.parse(forge, body).filter(n -> n.deletion() || n.validCommit());
        if (notice.isEmpty()) {
            return Reply.text(400, "The body is not a " + forge.word() + " push payload: it needs ref and after"
                    + " (a commit id).");
        }
        PushTargets targets = PushTargets.of(services.all(), notice.get());
        String trigger = "webhook " + forge.word() + " (delivery " + delivery + ")";
        targets.services().forEach(service -> work.execute(new FetchAndRun(fetch, queue, service,
                notice.get().after(), trigger, log)));
        json.put("ref", notice.get().ref());
        json.put("commit", notice.get().after());
        json.put("queued", targets.services().stream().map(service -> service.name()).toList());
        json.put("message", targets.why());
        return Reply.json(202, json);
    }
}
