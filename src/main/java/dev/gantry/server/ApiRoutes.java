package dev.gantry.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import dev.gantry.alert.AlertNotice;
import dev.gantry.alert.ScaleOnAlert;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.lock.DeployLocks;
import dev.gantry.logs.ServiceLogs;
import dev.gantry.pipeline.LiveRelease;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import dev.gantry.trigger.Cancellation;
import dev.gantry.trigger.QueueClosedException;
import dev.gantry.trigger.QueueFullException;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The REST API under {@code /api/v1} (src/main/resources/openapi.json describes it). */
final class ApiRoutes {
    static final String BASE = "/api/v1";
    /** Where Alertmanager posts (docs/scaling.md#scaling-on-alerts). */
    static final String ALERTS = "/hooks/alertmanager";
    private static final int HISTORY = 50;

    private final Store store;
    private final Production production;
    private final RunQueue queue;
    private final TestedDeploy deploys;
    private final RunLogStream logs;
    private final ServiceLogRoute serviceLogs;

    /**
     * The API of {@code store}, {@code production} and {@code queue}; images come from {@code registry} only; a
     * service's replicas' output is read by {@code serviceLogs}. Each log stream takes one of {@code streams}' slots.
     */
    ApiRoutes(Store store, Production production, RunQueue queue, String registry, ApiTokens tokens, StreamSlots streams,
            Function<String, ServiceLogs> serviceLogs) {
        this.store = store;
        this.production = production;
        this.queue = queue;
        this.deploys = new TestedDeploy(store, registry, queue);
        this.logs = new RunLogStream(store, queue, tokens, streams);
        this.serviceLogs = new ServiceLogRoute(serviceLogs, store, tokens, streams);
    }

    /** Every route of the API. */
    List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, BASE + "/services", this::services),
                new Route(HandlerType.GET, BASE + "/services/{service}", this::service),
                new Route(HandlerType.GET, BASE + "/services/{service}/runs", this::history),
                new Route(HandlerType.GET, BASE + "/services/{service}/logs", this::serviceLogs),
                new Route(HandlerType.POST, BASE + "/services/{service}/deploy", this::deploy),
                new Route(HandlerType.POST, BASE + "/services/{service}/rollback", this::rollback),
                new Route(HandlerType.POST, BASE + "/services/{service}/scale", this::scale),
                new Route(HandlerType.GET, BASE + "/services/{service}/lock", this::lock),
                new Route(HandlerType.DELETE, BASE + "/services/{service}/lock", this::release),
                new Route(HandlerType.GET, BASE + "/runs/{run}", this::run),
                new Route(HandlerType.GET, BASE + "/runs/{run}/log", logs.handler()),
                new Route(HandlerType.GET, BASE + "/queue", this::queue),
                new Route(HandlerType.DELETE, BASE + "/queue/{id}", this::cancel),
                new Route(HandlerType.POST, ALERTS, this::alerts));
    }

    private void services(Context ctx) {
        json(ctx, 200, Json.list("services", store.services().all().stream().map(this::withLive).toList()));
    }

    private void service(Context ctx) {
        known(ctx).ifPresent(service -> json(ctx, 200, withLive(service)));
    }

    private void history(Context ctx) {
        known(ctx).ifPresent(service -> json(ctx, 200, Json.list("runs", store.runs().history(service.name(), HISTORY)
                .stream().map(run -> Json.run(run, false)).toList())));
    }

    private void serviceLogs(Context ctx) {
        known(ctx).ifPresent(service -> serviceLogs.answer(ctx, service.name()));
    }

    private void deploy(Context ctx) {
        Optional<KnownService> service = known(ctx);
        if (service.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = Json.read(ctx.body());
        Optional<String> image = body.map(b -> b.get("image")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).filter(text -> !text.isBlank() && text.chars().noneMatch(Character::isISOControl));
        Optional<JsonNode> untested = body.map(b -> b.get("untested")).filter(node -> !node.isNull());
        if (image.isEmpty() || untested.filter(node -> !node.isBoolean()).isPresent()) {
            json(ctx, 400, Json.error("The body should be JSON like {\"image\": \"127.0.0.1:5000/books:1a2b3c4d5e6f\"}:"
                    + " the image (registry/repository:tag, or a tag of the service's image) to deploy, and"
                    + " \"untested\": true only to deploy an image no run tested (admin scope)."));
            return;
        }
        boolean anyway = untested.map(JsonNode::asBoolean).orElse(false);
        ApiTokens.Caller caller = ctx.attribute(BearerAuth.CALLER);
        if (anyway && !caller.scope().allows(Scope.ADMIN)) {
            json(ctx, 403, ScopeRules.forbidden(caller, Scope.ADMIN, "Deploying an untested image (\"untested\": true)"));
            return;
        }
        QueuedRun queued;
        try {
            queued = deploys.submit(service.get().name(), image.get(), anyway, trigger(ctx));
        } catch (QueueFullException | QueueClosedException e) {
            throw e;  // 429 and 503, as for every request the queue refuses
        } catch (GantryException e) {
            json(ctx, 400, Json.error(e.getMessage()));
            return;
        }
        accepted(ctx, queued);
    }

    private void rollback(Context ctx) {
        known(ctx).ifPresent(service -> submit(ctx, RunRequest.rollback(service.name(), trigger(ctx),
                RunListener.SILENT)));
    }

    /** Refused at once (400) when the body or the number is wrong: beyond run/scale, or no live release. */
    private void scale(Context ctx) {
        Optional<KnownService> service = known(ctx);
        if (service.isEmpty()) {
            return;
        }
        Optional<Integer> replicas = Json.read(ctx.body()).map(b -> b.get("replicas"))
                .filter(node -> node.isInt() && node.asInt() >= 1).map(JsonNode::asInt);
        if (replicas.isEmpty()) {
            json(ctx, 400, Json.error("The body should be JSON like {\"replicas\": 3}: how many replicas the live"
                    + " release should run, at least 1, within run/scale of its gantry.yml."));
            return;
        }
        try {
            LiveRelease.of(store, production.discovery(), service.get().name()).checkScale(replicas.get());
        } catch (GantryException e) {
            json(ctx, 400, Json.error(e.getMessage()));
            return;
        }
        submit(ctx, RunRequest.scale(service.get().name(), replicas.get(), trigger(ctx), RunListener.SILENT));
    }

    /** Alertmanager's webhook: a bearer token of deploy scope, as the API; each step it took in the answer. */
    private void alerts(Context ctx) {
        Optional<AlertNotice> notice = Json.read(ctx.body()).flatMap(AlertNotice::read);
        if (notice.isEmpty()) {
            json(ctx, 400, Json.error("The body should be Alertmanager's webhook JSON (version 4) with its \"alerts\";"
                    + " see docs/scaling.md#scaling-on-alerts."));
            return;
        }
        json(ctx, 200, ScaleOnAlert.answer(new ScaleOnAlert(store, production.discovery(), queue).act(notice.get())));
    }

    private void submit(Context ctx, RunRequest request) {
        accepted(ctx, queue.submit(request));
    }

    /** 202 with the queued request, and where to follow it. */
    private static void accepted(Context ctx, QueuedRun queued) {
        ctx.header("Location", BASE + "/runs/q" + queued.id());
        json(ctx, 202, Json.queued(queued));
    }

    private void lock(Context ctx) {
        known(ctx).ifPresent(service -> json(ctx, 200, Json.lease(new DeployLocks(store).status(service.name()))));
    }

    private void release(Context ctx) {
        known(ctx).ifPresent(service -> {
            var released = new DeployLocks(store).release(service.name());
            Map<String, Object> body = new LinkedHashMap<>(Json.lease(released));
            body.put("released", released.isPresent());
            json(ctx, 200, body);
        });
    }

    private void run(Context ctx) {
        RunId.parse(ctx.pathParam("run")).ifPresentOrElse(id -> {
            RunId.Found found = id.find(queue, store);
            if (!found.exists()) {
                json(ctx, 404, Json.error("There is no run " + ctx.pathParam("run") + "."));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            found.stored().ifPresent(r -> body.putAll(Json.run(r, true)));
            found.queued().ifPresent(q -> body.put("queue", Json.queued(q)));
            json(ctx, 200, body);
        }, () -> json(ctx, 400, Json.error(RunId.HELP)));
    }

    private void queue(Context ctx) {
        json(ctx, 200, Map.of("depth", queue.depth(), "running", queue.running(),
                "runs", queue.active().stream().map(Json::queued).toList()));
    }

    /** Cancels a request still queued: 200 with it; 409 when it runs or ended; 404 when the queue knows none. */
    private void cancel(Context ctx) {
        Optional<Long> id = RunId.parse(ctx.pathParam("id")).map(RunId::number);
        if (id.isEmpty()) {
            json(ctx, 400, Json.error("A queued request is named by its queue id, like q7 (or 7), as GET " + BASE
                    + "/queue and the deploy and rollback answers give it."));
            return;
        }
        Cancellation cancel = queue.cancel(id.get(), trigger(ctx));
        switch (cancel.outcome()) {
            case CANCELLED -> json(ctx, 200, Json.queued(cancel.run().orElseThrow()));
            case UNKNOWN -> json(ctx, 404, Json.error(cancel.refusal("q" + id.get())));
            case RUNNING, OVER -> json(ctx, 409, Json.error(cancel.refusal("q" + id.get())));
        }
    }

    private Map<String, Object> withLive(KnownService service) {
        Optional<Colour> live = production.discovery().live(service.name());
        return Json.service(service, live, live.flatMap(colour -> production.discovery().colour(service.name(), colour)));
    }

    /** The service of the path, if the server knows it; otherwise answers 404 and is empty. */
    private Optional<KnownService> known(Context ctx) {
        String name = ctx.pathParam("service");
        Optional<KnownService> service = store.services().find(name);
        if (service.isEmpty()) {
            json(ctx, 404, Json.error("The server does not know the service " + name + ". Add it: gantry service add "
                    + name));
        }
        return service;
    }

    private static String trigger(Context ctx) {
        return "api (token " + ctx.attribute(BearerAuth.TOKEN_NAME) + ")";
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
