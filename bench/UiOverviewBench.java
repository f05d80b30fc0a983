import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import dev.gantry.secret.SecretMask;
import dev.gantry.server.StreamSlots;
import dev.gantry.store.KnownService;
import dev.gantry.store.NewRun;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.RunState;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.RunQueue;
import dev.gantry.ui.UiMount;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * bench/ui-overview: the web UI's overview (GET /ui/) over a SQLite store of SERVICES services (default 200), each
 * with 20 runs (8 stages each, with logs), a live release in embedded discovery (2 or 3 replicas healthy of 3 wanted
 * after a scale) and the last hour of request figures and a little more (10 s periods, two colours in the first
 * minute), as issue #14 has it. Serves the UI with Javalin on 127.0.0.1 (a port the OS chose), logs in with an API
 * token, and times 30 GETs after 10 warm-ups from a client on the same machine (so each time includes the loopback
 * transfer: an upper bound on the server's time), and says how long the first took (the whole hour of figures read,
 * as after a server's start, in a cold JVM). Target: <= 200 ms (the median and the p95 each said met or not).
 * Usage: java -cp CLASSPATH bench/UiOverviewBench.java DIR [SERVICES]
 */
public class UiOverviewBench {
    private static final String[] STAGES = {"checkout", "test", "build", "push", "deploy", "register", "switch",
            "cleanup"};
    private static final int RUNS = 20;
    /** The hour before the page, and two minutes more: the page is drawn a minute or two after seeding began. */
    private static final int PERIODS = 372;
    private static final int WARM_UPS = 10;
    private static final int TIMED = 30;
    private static final long TARGET_MS = 200;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long began = System.nanoTime();
        try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("gantry.db"));
             Discovery discovery = Discovery.open("embedded", store)) {
            seed(store, discovery, services, dir);
            System.out.printf("seeded %d services, %d runs, %d request periods in %.1f s%n", services, services * RUNS,
                    services * PERIODS + services * 6, (System.nanoTime() - began) / 1e9);
            var queue = new RunQueue((request, listener) -> Optional.empty(), 1, false, QueueObserver.NONE);
            var tokens = new ApiTokens(store.apiTokens());
            var ui = new UiMount(tokens, queue, new StreamSlots(4), store, discovery, "127.0.0.1:5000",
                    service -> SecretMask.NONE);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                ui.mount(config);
            }).start("127.0.0.1", 0);
            try {
                measure(app.port(), tokens.create("bench", Scope.READ, Optional.empty()), services);
            } finally {
                app.stop();
                queue.close();
            }
        }
    }

    private static void seed(Store store, Discovery discovery, int services, Path dir) {
        var random = new Random(14);
        Instant now = Instant.now();
        String log = "step 1/9 : FROM gantry/java:25\n".repeat(64);
        for (int s = 0; s < services; s++) {
            String service = String.format("svc-%03d", s);
            store.services().put(new KnownService(service, Optional.empty(), "main", now.minus(Duration.ofDays(30))));
            String config = "service: " + service + "\nrun: {replicas: 2, scale: {min: 1, max: 6}}\n";
            String live = null;
            long liveRun = 0;
            for (int r = 0; r < RUNS - 1; r++) {
                String commit = hex(random, 40);
                long id = store.runs().start(new NewRun("run", service, commit, "Change " + r + " of " + service
                        + ": <b>titles</b> & \"quotes\"", false, "push by dev@example.com", config,
                        "127.0.0.1:5000/" + service + ":" + commit));
                for (String stage : STAGES) {
                    store.runs().stageStarted(id, stage);
                    store.runs().stageFinished(id, stage, StageState.PASSED, Optional.empty(),
                            dir.resolve(id + "-" + stage + ".log"), log);
                }
                store.runs().wentLive(id, r % 2 == 0 ? "blue" : "green", 2);
                store.runs().finish(id, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
                live = commit;
                liveRun = id;
            }
            Colour colour = (RUNS - 2) % 2 == 0 ? Colour.BLUE : Colour.GREEN;
            long scale = store.runs().start(new NewRun("scale", service, live, "scale to 3 replica(s) from 2", false,
                    "autoscaler (observed 120.0/s; 40/s per replica)", config, "127.0.0.1:5000/" + service + ":" + live));
            store.runs().stageStarted(scale, "deploy");
            store.runs().stageFinished(scale, "deploy", StageState.PASSED, Optional.empty(),
                    dir.resolve(scale + "-deploy.log"), log);
            store.runs().wentLive(scale, colour.word(), 3);
            store.runs().finish(scale, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
            int healthy = s % 10 == 0 ? 2 : 3;
            List<Instance> instances = new ArrayList<>();
            for (int i = 1; i <= healthy; i++) {
                instances.add(new Instance("10.0.0." + (5 + i % 2), 32000 + i, service + "-" + colour.word() + "-" + i));
            }
            discovery.put(service, colour, new ColourRecord(live, "127.0.0.1:5000/" + service + ":" + live,
                    ColourState.LIVE, instances));
            discovery.setLive(service, colour);
            Instant hourAgo = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
            for (int p = 0; p < PERIODS; p++) {
                long requests = 200 + random.nextInt(400);
                store.requestFigures().add(new RequestPeriod(service, colour.word(), live, hourAgo.plusSeconds(p * 10L),
                        10, requests, random.nextInt(3), requests * 20, List.of(requests, 0L, 0L)));
            }
            for (int p = 0; p < 6; p++) {  // the colour before, draining in the hour's first minute
                store.requestFigures().add(new RequestPeriod(service, colour == Colour.BLUE ? "green" : "blue",
                        hex(random, 40), hourAgo.plusSeconds(p * 10L), 10, 50, 0, 1000, List.of(50L, 0L, 0L)));
            }
        }
    }

    private static void measure(int port, String token, int services) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';')))
                .orElseThrow(() -> new IllegalStateException("the login set no cookie: " + login.statusCode()));
        HttpRequest overview = HttpRequest.newBuilder(base.resolve("/ui/")).header("Cookie", cookie).GET().build();
        long[] millis = new long[TIMED];
        long first = 0;
        int size = 0;
        for (int i = 0; i < WARM_UPS + TIMED; i++) {
            long start = System.nanoTime();
            HttpResponse<String> page = http.send(overview, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET /ui/ answered " + page.statusCode() + ": " + page.body());
            }
            String body = page.body();
            int rows = body.split("<svg class=\"spark\"", -1).length - 1;
            if (rows != services || !body.contains("2 of 3 healthy") || !body.contains("3 of 3 healthy")) {
                throw new IllegalStateException("the overview drew " + rows + " sparklines of " + services
                        + " services, or not the replicas wanted");
            }
            size = body.getBytes(StandardCharsets.UTF_8).length;
            if (i == 0) {
                first = took / 1_000_000;
            }
            if (i >= WARM_UPS) {
                millis[i - WARM_UPS] = took / 1_000_000;
            }
        }
        Arrays.sort(millis);
        long median = millis[TIMED / 2];
        long p95 = millis[(int) Math.ceil(TIMED * 0.95) - 1];
        System.out.printf("GET /ui/ with %d services, %d times after %d warm-ups: median %d ms, p95 %d ms, max %d ms;"
                + " page %,d bytes%n", services, TIMED, WARM_UPS, median, p95, millis[TIMED - 1], size);
        System.out.printf("the first GET (the whole hour of request figures read from the store, the JVM cold): %d ms%n",
                first);
        System.out.printf("target: <= %d ms: median %s, p95 %s%n", TARGET_MS, median <= TARGET_MS ? "met" : "not met",
                p95 <= TARGET_MS ? "met" : "not met");
    }

    private static String hex(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(Long.toHexString(random.nextLong() >>> 1));
        }
        return text.substring(0, length);
    }
}
