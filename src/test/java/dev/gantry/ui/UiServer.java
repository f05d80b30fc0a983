package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.secret.SecretMask;
import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import dev.gantry.server.StreamSlots;
import dev.gantry.store.KnownService;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.RecordingQueue;
import dev.gantry.trigger.RunExecutor;
import dev.gantry.trigger.RunQueue;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web UI on a real Jetty (a port the OS chose) over a store of the test's own, embedded discovery, the store's
 * API tokens and a run queue that records what it is asked to run; requests through an HTTP client that follows no
 * redirect, so each test sees the UI's 303s.
 */
final class UiServer implements AutoCloseable {
    static final String LIVE_COMMIT = "b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1";
    static final String EARLIER_COMMIT = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0";
    /** The installation's registry, which the runs' images name. */
    static final String REGISTRY = "127.0.0.1:5000";
    /** How many streams the UI may hold open at once (the server's server-max-log-streams). */
    static final int STREAM_SLOTS = 4;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final Store store;
    final Discovery discovery;
    final ApiTokens tokens;
    /** The queue that records what it is asked to run (unused when the test gave its own executor). */
    final RecordingQueue queue = new RecordingQueue();
    /** The queue the UI submits to. */
    final RunQueue runQueue;
    /** Each service's secret values, which the UI masks (as the vault's would). */
    final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private UiServer(Store store, Optional<RunExecutor> executor) {
        this.store = store;
        this.discovery = Discovery.open("embedded", store);
        this.tokens = new ApiTokens(store.apiTokens());
        this.runQueue = executor.map(e -> new RunQueue(e, 2, false, QueueObserver.NONE)).orElse(queue.queue());
        var ui = new UiMount(tokens, runQueue, new StreamSlots(STREAM_SLOTS), store, discovery, REGISTRY,
                service -> SecretMask.of(secrets.getOrDefault(service, List.of())));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            ui.mount(config);
        }).start("127.0.0.1", 0);
    }

    /** The UI over the store at {@code storeUrl}. */
    static UiServer start(String storeUrl) {
        return new UiServer(Store.open(storeUrl), Optional.empty());
    }

    /** The UI over the store at {@code storeUrl}, whose queue runs its requests with {@code executor}. */
    static UiServer start(String storeUrl, RunExecutor executor) {
        return new UiServer(Store.open(storeUrl), Optional.of(executor));
    }

    /** A new API token named {@code name} of {@code scope}. */
    String token(String name, Scope scope) {
        return tokens.create(name, scope, Optional.empty());
    }

    /** Logs in with a new token of {@code scope}; answers the session cookie's value. */
    String session(String name, Scope scope) {
        HttpResponse<String> answer = logIn(token(name, scope), Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        return cookie(answer).orElseThrow();
    }

    HttpResponse<String> logIn(String token, Map<String, String> headers) {
        return post("/ui/login", null, Map.of("token", token), headers);
    }

    HttpResponse<String> get(String path, String session) {
        return send(request(path, session, Map.of()).GET());
    }

    HttpResponse<String> get(String path, String session, Map<String, String> headers) {
        return send(request(path, session, headers).GET());
    }

    HttpResponse<String> post(String path, String session, Map<String, String> form) {
        return post(path, session, form, Map.of());
    }

    HttpResponse<String> post(String path, String session, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path, session, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The Server-Sent Events of {@code path}, asked for as a browser's EventSource does; read with {@link #nextEvent}. */
    BufferedReader events(String path, String session) {
        HttpResponse<InputStream> stream = send(request(path, session, Map.of("Accept", "text/event-stream")).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        return new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    }

    /** The next event's name and data, as {@code name\ndata}; comments skipped. */
    static String nextEvent(BufferedReader lines) throws IOException {
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty() && !data.isEmpty()) {
                return name + "\n" + data;
            }
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()).strip());
            }
        }
        throw new AssertionError("the stream ended without another event");
    }

    /** The CSRF token of the session, as its pages carry it in their forms. */
    String csrf(String session) {
        HttpResponse<String> page = get("/ui/", session);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a CSRF field in %s", page.body()).isTrue();
        return m.group(1);
    }

    /** The session id an answer's Set-Cookie sets, if it sets one. */
    static Optional<String> cookie(HttpResponse<?> answer) {
        return answer.headers().firstValue("Set-Cookie").filter(c -> c.startsWith(SessionCookie.NAME + "="))
                .map(c -> c.substring(SessionCookie.NAME.length() + 1, c.indexOf(';')))
                .filter(value -> !value.isEmpty());
    }

    /** A known service {@code name} on {@code branch}. */
    void service(String name, String branch) {
        store.services().put(new KnownService(name, Optional.empty(), branch, Instant.now()));
    }

    /**
     * Two releases of {@code service} that went live, the later one ({@link #LIVE_COMMIT}, titled {@code title}) live
     * in blue with two healthy replicas on one host; answers the live one's run id.
     */
    long releases(String service, String title) {
        long earlier = succeeded(service, EARLIER_COMMIT, "Add the search", "green");
        long live = succeeded(service, LIVE_COMMIT, title, "blue");
        assertThat(live).isGreaterThan(earlier);
        discovery.put(service, Colour.BLUE, new ColourRecord(LIVE_COMMIT, "127.0.0.1:5000/" + service + ":" + LIVE_COMMIT,
                ColourState.LIVE, List.of(new Instance("10.0.0.5", 32001, service + "-blue-1"),
                new Instance("10.0.0.5", 32002, service + "-blue-2"))));
        discovery.setLive(service, Colour.BLUE);
        return live;
    }

    /** A scale of the live release of {@code service} (see {@link #releases}) to {@code replicas} that succeeded. */
    long scaled(String service, int replicas) {
        long id = store.runs().start(new NewRun("scale", service, LIVE_COMMIT, "scale to " + replicas + " replica(s)",
                false, "cli (test@host)", "service: " + service + "\n", "127.0.0.1:5000/" + service + ":" + LIVE_COMMIT));
        store.runs().wentLive(id, "blue", replicas);
        store.runs().finish(id, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        return id;
    }

    private long succeeded(String service, String commit, String title, String colour) {
        long id = store.runs().start(new NewRun("run", service, commit, title, false, "cli (test@host)",
                "service: " + service + "\n", "127.0.0.1:5000/" + service + ":" + commit));
        store.runs().wentLive(id, colour);
        store.runs().finish(id, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        return id;
    }

    /** Records that run {@code runId} passed its tests and pushed its image: a release {@code deploy} accepts. */
    void testedAndPushed(long runId) {
        for (String stage : List.of("test", "push")) {
            store.runs().stageStarted(runId, stage);
            store.runs().stageFinished(runId, stage, StageState.PASSED, Optional.empty(), Path.of(stage + ".log"), "");
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private HttpRequest.Builder request(String path, String session, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (session != null) {
            request.header("Cookie", SessionCookie.NAME + "=" + session);
        }
        headers.forEach(request::header);
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("the request to the UI failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the UI", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        app.stop();
        runQueue.close();
        queue.close();
        discovery.close();
        store.close();
    }
}
