package dev.gantry.server;

import dev.gantry.Reason;
import dev.gantry.trigger.QueueClosedException;
import dev.gantry.trigger.QueueFullException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP side of {@code gantry server} (Javalin on Jetty): {@code /healthz} open to all, the REST API,
 * its OpenAPI document and {@code /metrics} behind a bearer token, one log line per request on
 * stderr, and a plain 500 for anything unexpected. More routes and servlets are added as {@link Mount}s.
 */
public final class ApiServer {
    /** What another part of the server adds: routes, or a servlet through {@code config.jetty}. */
    public interface Mount {
        /** Adds its routes or servlets to {@code config}. */
        void mount(JavalinConfig config);

        /** Path prefixes it checks credentials for itself, which the bearer check leaves alone (like /git/). */
        default List<String> ownAuthPrefixes() {
            return List.of();
        }
    }

    static final String OPENAPI = "/api/v1/openapi.json";
    /**
     * How long stopping waits for the requests in flight: a push's result line and the end of its
     * answer come after its run, and the run queue is drained before the server stops listening.
     */
    static final Duration FINISH_REQUESTS = Duration.ofSeconds(10);

    private final Javalin app;
    private final List<String> registered = new CopyOnWriteArrayList<>();

    ApiServer(ApiTokens tokens, List<Route> api, RunMetrics metrics, List<Mount> mounts, PrintStream log) {
        List<Route> routes = new ArrayList<>(List.of(
                new Route(HandlerType.GET, "/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}")),
                new Route(HandlerType.GET, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape())),
                new Route(HandlerType.GET, OPENAPI, ctx -> ctx.contentType("application/json").result(openApi()))));
        routes.addAll(api);
        List<String> ownAuth = mounts.stream().flatMap(m -> m.ownAuthPrefixes().stream()).toList();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());  // Javalin puts its handler inside this one
                server.setStopTimeout(FINISH_REQUESTS.toMillis());
            });
            config.events.handlerAdded(info -> registered.add(info.getHttpMethod() + " " + info.getPath()));
            config.requestLogger.http((ctx, ms) -> log.printf("%s %s %d %.0fms%n", ctx.method(), ctx.path(),
                    ctx.status().getCode(), ms));
            config.routes.before(new BearerAuth(tokens, List.of("/healthz"), ownAuth));
            routes.forEach(route -> config.routes.addHttpHandler(route.method(), route.path(), route.handler()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.println("error: " + ctx.method() + " " + ctx.path() + " failed: " + Reason.of(e));
                e.printStackTrace(log);
                ctx.status(500).contentType("text/plain").result("Internal Server Error");
            });
            config.routes.exception(QueueClosedException.class, (e, ctx) ->
                    ApiRoutes.json(ctx, 503, Json.error(e.getMessage())));
            config.routes.exception(QueueFullException.class, (e, ctx) ->
                    ApiRoutes.json(ctx.header("Retry-After", "30"), 429, Json.error(e.getMessage())));
            mounts.forEach(mount -> mount.mount(config));
        });
    }

    /** Starts listening on {@code host}:{@code port} (0: a free port). */
    ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** The port it listens on. */
    int port() {
        return app.port();
    }

    /** Stops listening: new requests get 503, those in flight get {@link #FINISH_REQUESTS} to end, then are closed. */
    void stop() {
        app.stop();
    }

    /** "GET /healthz" … for every route registered, as Javalin reported it. */
    List<String> registered() {
        return List.copyOf(registered);
    }

    /** The OpenAPI document of the API (hand-written: src/main/resources/openapi.json). */
    static String openApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath; the build packs it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json from the classpath", e);
        }
    }
}
