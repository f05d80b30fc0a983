package dev.gantry.alert;

import dev.gantry.GantryException;
import dev.gantry.discovery.Discovery;
import dev.gantry.pipeline.LiveRelease;
import dev.gantry.stage.RunListener;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Alerts acted on instead of paged (docs/scaling.md#scaling-on-alerts): for each service and direction a notice asks
 * for, one step, a replica more or fewer, within run/scale of the live release's gantry.yml, queued as a scale run
 * (history, audit, notifications). Each firing of an alert (its fingerprint and start) acts once, whatever server of
 * the store hears it and however often Alertmanager repeats it; a notice whose alerts were all acted on does nothing.
 */
public final class ScaleOnAlert {
    static final String SOURCE = "alertmanager";

    private final Store store;
    private final Discovery discovery;
    private final RunQueue queue;

    public ScaleOnAlert(Store store, Discovery discovery, RunQueue queue) {
        this.store = store;
        this.discovery = discovery;
        this.queue = queue;
    }

    /** What was done for one service and direction, for the answer to Alertmanager and the server's log. */
    public record Step(String service, String direction, List<String> alerts, String outcome) {
    }

    /** Acts on {@code notice}; each step says what it did. */
    public List<Step> act(AlertNotice notice) {
        List<Step> steps = new ArrayList<>();
        notice.byService().forEach((service, directions) -> directions.forEach((up, alerts) -> {
            List<String> names = alerts.stream().map(AlertNotice.ScaleAlert::name).distinct().sorted().toList();
            steps.add(new Step(service, up ? "up" : "down", names, step(service, up, alerts, names)));
        }));
        return steps;
    }

    private String step(String service, boolean up, List<AlertNotice.ScaleAlert> alerts, List<String> names) {
        Instant now = Instant.now();
        long fresh = alerts.stream().filter(alert -> store.webhookDeliveries().firstTime(SOURCE, alert.key(), now)).count();
        if (fresh == 0) {
            return "nothing: every alert of it was acted on when it began firing";
        }
        if (store.services().find(service).isEmpty()) {
            return "nothing: the server does not know " + service + " (gantry service add " + service + ")";
        }
        try {
            LiveRelease live = LiveRelease.of(store, discovery, service);
            int replicas = live.record().instances().size();
            int wanted = replicas + (up ? 1 : -1);
            if (!live.config().run().scale().allows(wanted)) {
                return "nothing: " + service + " runs " + replicas + " replica(s), and run/scale allows "
                        + live.config().run().scale().describe();
            }
            QueuedRun queued = queue.submit(RunRequest.scale(service, wanted, SOURCE + " (" + String.join(", ", names)
                    + ")", RunListener.SILENT));
            return "queued q" + queued.id() + ": scale from " + replicas + " to " + wanted + " replica(s)";
        } catch (GantryException e) {
            return "nothing: " + e.getMessage();
        }
    }

    /** The steps as the answer's JSON. */
    public static Map<String, Object> answer(List<Step> steps) {
        return Map.of("steps", steps.stream().map(step -> Map.of("service", step.service(), "direction", step.direction(),
                "alerts", step.alerts(), "outcome", step.outcome())).collect(Collectors.toList()));
    }
}
