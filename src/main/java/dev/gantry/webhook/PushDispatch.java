package dev.gantry.webhook;

import dev.gantry.config.BranchName;
import dev.gantry.git.RemoteFetch;
import dev.gantry.store.ServiceRows;
import dev.gantry.trigger.RunQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a signed, new delivery does: a ping is answered, other events than a push are ignored, a push
 * naming a bad branch is refused, and a push hands each service it concerns to a small pool of threads
 * that fetch and queue it ({@link FetchAndRun}); the answer waits for them at most {@link #REPLY_WAIT},
 * so that the forge has it in time and, usually, with what happened.
 */
final class PushDispatch {
    private final ServiceRows services;
    private final RemoteFetch fetch;
    private final RunQueue queue;
    private final PrintStream log;
    /** How long a delivery's answer waits for the fetches, within the 10 s a forge waits for an answer. */
    static final Duration REPLY_WAIT = Duration.ofSeconds(5);

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
        Optional<String> badBranch = notice.get().branch().flatMap(BranchName::refusal);
        if (badBranch.isPresent()) {
            log.println("warning: webhook " + forge.word() + " (delivery " + delivery + "): refused: " + badBranch.get());
            log.flush();
            return Reply.text(400, badBranch.get());
        }
        PushTargets targets = PushTargets.of(services.all(), notice.get());
        String trigger = "webhook " + forge.word() + " (delivery " + delivery + ")";
        Map<String, Future<FetchAndRun.Outcome>> started = new LinkedHashMap<>();
        targets.services().forEach(service -> started.put(service.name(), work.submit(
                new FetchAndRun(fetch, queue, service, notice.get().after(), trigger, log))));
        json.put("ref", notice.get().ref());
        json.put("commit", notice.get().after());
        json.putAll(outcomes(started, targets.why()));
        return Reply.json(202, json);
    }

    /**
     * The outcomes ready within {@link #REPLY_WAIT}: queued services, those not run with why, and those
     * still fetching (their outcome goes to the server's log only).
     */
    private static Map<String, Object> outcomes(Map<String, Future<FetchAndRun.Outcome>> started, String why) {
        long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
        List<String> queued = new ArrayList<>();
        Map<String, String> notRun = new LinkedHashMap<>();
        List<String> fetching = new ArrayList<>();
        started.forEach((service, work) -> {
            try {
                FetchAndRun.Outcome outcome = work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (outcome.queued()) {
                    queued.add(service);
                } else {
                    notRun.put(service, outcome.message());
                }
            } catch (TimeoutException | ExecutionException e) {  // FetchAndRun catches its failures: only a timeout
                fetching.add(service);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fetching.add(service);
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queued", queued);
        json.put("not_run", notRun);
        json.put("fetching", fetching);
        json.put("message", started.isEmpty() ? why
                : !notRun.isEmpty() ? String.join("; ", notRun.values())
                : !fetching.isEmpty() ? "still fetching after " + REPLY_WAIT.toSeconds() + " s; the outcome goes to"
                        + " the server's log"
                : "fetched " + queued.size() + " service(s) and queued their runs");
        return json;
    }
}
