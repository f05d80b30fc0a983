package dev.gantry.server;

import dev.gantry.discovery.Colour;
import dev.gantry.logs.LogFilter;
import dev.gantry.logs.RunOutput;
import dev.gantry.logs.ServiceLogLine;
import dev.gantry.logs.ServiceLogs;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /api/v1/services/{service}/logs} (docs/logs.md#api): the output of the service's replicas as
 * {@code gantry logs} shows it, with the same filters as query parameters ({@code since}, {@code colour},
 * {@code release}, {@code grep}, {@code lines}): JSON {@code {"lines": [...]}}, or with {@code follow=true} Server-Sent
 * Events, an event {@code line} per line, until the client goes away or its token is revoked or expires (event
 * {@code revoked}). Followed streams count against the run logs' {@code server-max-log-streams} (429 past it). With
 * {@code run=N} instead, what run N of the service printed, stage by stage ({@link RunOutput}; {@code grep} and
 * {@code lines} apply).
 */
final class ServiceLogRoute {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Function<String, ServiceLogs> logs;
    private final Store store;
    private final ApiTokens tokens;
    private final StreamSlots streams;

    ServiceLogRoute(Function<String, ServiceLogs> logs, Store store, ApiTokens tokens, StreamSlots streams) {
        this.logs = logs;
        this.store = store;
        this.tokens = tokens;
        this.streams = streams;
    }

    /** Answers for {@code service}, a service the server knows. */
    void answer(Context ctx, String service) {
        if (ctx.queryParam("run") != null) {
            answerRun(ctx, service);
            return;
        }
        LogFilter filter;
        try {
            filter = filter(ctx);
        } catch (IllegalArgumentException e) {
            ApiRoutes.json(ctx, 400, Json.error(e.getMessage()));
            return;
        }
        ServiceLogs replicas = logs.apply(service);
        if (!"true".equals(ctx.queryParam("follow"))) {
            ApiRoutes.json(ctx, 200, Json.list("lines", replicas.recent(filter).stream().map(ServiceLogRoute::json).toList()));
            return;
        }
        ApiTokens.Caller caller = ctx.attribute(BearerAuth.CALLER);
        streams.stream(ctx, "without follow=true this answers without a stream.",
                client -> follow(client, replicas, filter, caller));
    }

    private void answerRun(Context ctx, String service) {
        long id;
        int last;
        try {
            if (ctx.queryParam("follow") != null || ctx.queryParam("since") != null || ctx.queryParam("colour") != null
                    || ctx.queryParam("release") != null) {
                throw new IllegalArgumentException("run shows what a run printed; follow, since, colour and release are"
                        + " for the replicas' output: leave them out, or leave out run");
            }
            id = runNumber(ctx.queryParam("run"));
            last = Optional.ofNullable(ctx.queryParam("lines")).map(ServiceLogRoute::lines).orElse(100);
        } catch (IllegalArgumentException e) {
            ApiRoutes.json(ctx, 400, Json.error(e.getMessage()));
            return;
        }
        Optional<RunRecord> run = store.runs().find(id).filter(record -> record.service().equals(service));
        if (run.isEmpty()) {
            ApiRoutes.json(ctx, 404, Json.error("run " + id + " is not a run of " + service));
            return;
        }
        ApiRoutes.json(ctx, 200, Json.list("lines", RunOutput.lines(run.get(), Optional.ofNullable(ctx.queryParam("grep")),
                last).stream().map(line -> Map.of("stage", line.stage(), "text", line.text())).toList()));
    }

    private static long runNumber(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("run should be a run's number, like 7");
    }

    /** Follows on a thread of its own while this one watches the client and the token. */
    private void follow(SseClient client, ServiceLogs replicas, LogFilter filter, ApiTokens.Caller caller) {
        Thread following = Thread.ofVirtual().start(() -> replicas.follow(filter, line -> {
            if (!client.terminated()) {
                client.sendEvent("line", Json.write(json(line)));
            }
        }));
        TokenWatch token = new TokenWatch(tokens, caller);
        Instant lastSign = Instant.now();
        try {
            while (!client.terminated() && following.isAlive()) {
                following.join(TokenWatch.EVERY);
                Optional<String> withdrawn = token.withdrawn();
                if (withdrawn.isPresent()) {
                    client.sendEvent("revoked", Json.write(Map.of("message", withdrawn.get() + ", so this stream ends.")));
                    break;
                }
                if (Duration.between(lastSign, Instant.now()).compareTo(KEEP_ALIVE) >= 0) {
                    client.sendComment("keep-alive");
                    lastSign = Instant.now();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            following.interrupt();
            client.close();
        }
    }

    private static LogFilter filter(Context ctx) {
        Optional<Instant> since = Optional.ofNullable(ctx.queryParam("since")).map(text -> {
            try {
                return LogFilter.since(text, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("since " + e.getMessage());
            }
        });
        Optional<Colour> colour = Optional.ofNullable(ctx.queryParam("colour")).map(text -> {
            if (!text.equals("blue") && !text.equals("green")) {
                throw new IllegalArgumentException("colour should be blue or green");
            }
            return Colour.parse(text);
        });
        int lines = Optional.ofNullable(ctx.queryParam("lines")).map(ServiceLogRoute::lines).orElse(100);
        String follow = ctx.queryParam("follow");
        if (follow != null && !follow.equals("true") && !follow.equals("false")) {
            throw new IllegalArgumentException("follow should be true or false");
        }
        return new LogFilter(since, colour, Optional.ofNullable(ctx.queryParam("release")),
                Optional.ofNullable(ctx.queryParam("grep")), lines);
    }

    private static int lines(String text) {
        try {
            return LogFilter.checkLines(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lines should be a number from 1 to " + LogFilter.MOST_LINES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lines " + e.getMessage());
        }
    }

    private static Map<String, Object> json(ServiceLogLine line) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", line.timestamp());
        body.put("replica", line.replica());
        line.node().ifPresent(node -> body.put("node", node));
        body.put("colour", line.colour());
        body.put("release", line.release());
        body.put("text", line.text());
        return body;
    }
}
