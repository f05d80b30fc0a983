import dev.gantry.discovery.Discovery;
import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import dev.gantry.secret.SecretMask;
import dev.gantry.server.StreamSlots;
import dev.gantry.store.NewRun;
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
import java.util.Arrays;
import java.util.Optional;

/**
 * bench/ui-logs: a run whose test stage stored a LINES-line log (default 100,000 lines of build-like output) in a fresh
 * SQLite store, the web UI (UiMount) on a Javalin of its own on 127.0.0.1, logged in with an API token; then the
 * stage's logs page fetched 5 times to warm up and 20 times timed (request sent to the last byte received), and the
 * whole log downloaded 5 + 10 times. Target: the page of a 100,000-line log in < 300 ms.
 * Usage: java -cp CLASSPATH bench/UiLogsBench.java LINES DIR
 */
public class UiLogsBench {
    private static final int WARM_UPS = 5;
    private static final int TIMED = 20;
    private static final int TARGET_MS = 300;

    public static void main(String[] args) throws Exception {
        int lines = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("gantry.db"));
             Discovery discovery = Discovery.open("embedded", store);
             RunQueue queue = new RunQueue((request, listener) -> Optional.empty(), 1, false, QueueObserver.NONE)) {
            long run = storeRun(store, lines, dir);
            ApiTokens tokens = new ApiTokens(store.apiTokens());
            UiMount ui = new UiMount(tokens, queue, new StreamSlots(4), store, discovery, "127.0.0.1:5000",
                    service -> SecretMask.NONE);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                ui.mount(config);
            }).start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                String base = "http://127.0.0.1:" + app.port();
                String cookie = logIn(http, base, tokens.create("bench", Scope.READ, Optional.empty()));
                String page = "/ui/runs/" + run + "/logs/test";
                System.out.printf("a run with a %,d-line test log (%,d bytes stored)%n", lines,
                        store.runs().stageLog(run, "test").orElseThrow().getBytes(StandardCharsets.UTF_8).length);
                Figures shown = time(http, base + page, cookie, WARM_UPS, TIMED, "shows the last 5,000 of");
                System.out.printf("logs page   : median %d ms, p95 %d ms, max %d ms, %,d bytes; target < %d ms: %s%n",
                        shown.median(), shown.p95(), shown.max(), shown.bytes(), TARGET_MS,
                        shown.p95() < TARGET_MS ? "met" : "not met");
                Figures whole = time(http, base + page + "/download", cookie, WARM_UPS, TIMED / 2, "line " + lines);
                System.out.printf("download    : median %d ms, p95 %d ms, max %d ms, %,d bytes%n", whole.median(),
                        whole.p95(), whole.max(), whole.bytes());
            } finally {
                app.stop();
            }
        }
    }

    private record Figures(long median, long p95, long max, long bytes) {
    }

    /** A finished run of the service "books" whose test stage stored {@code lines} lines; answers its id. */
    private static long storeRun(Store store, int lines, Path dir) {
        long run = store.runs().start(new NewRun("run", "books", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0",
                "Add the shelf", false, "bench", "service: books\n", "127.0.0.1:5000/books:a1b2c3d4e5f6"));
        StringBuilder log = new StringBuilder(lines * 90);
        for (int i = 1; i <= lines; i++) {
            log.append("[INFO] Tests run: ").append(i % 97).append(", Failures: 0, Errors: 0, Skipped: 0 -- in")
                    .append(" dev.example.books.ShelfTest").append(i % 1000).append(" line ").append(i).append('\n');
        }
        store.runs().stageStarted(run, "test");
        store.runs().stageFinished(run, "test", StageState.PASSED, Optional.empty(), dir.resolve("test.log"),
                log.toString());
        store.runs().finish(run, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        return run;
    }

    /** Logs in with {@code token} as the login form does; answers the session cookie. */
    private static String logIn(HttpClient http, String base, String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = answer.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("the login answered " + answer.statusCode()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** {@code timed} GETs of {@code url} after {@code warmUps}, each from sending to the last byte. */
    private static Figures time(HttpClient http, String url, String cookie, int warmUps, int timed, String expect)
            throws Exception {
        long[] millis = new long[timed];
        long bytes = 0;
        for (int i = 0; i < warmUps + timed; i++) {
            long began = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = (System.nanoTime() - began) / 1_000_000;
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            if (answer.statusCode() != 200 || !body.contains(expect)) {
                throw new IllegalStateException(url + " answered " + answer.statusCode() + " without \"" + expect
                        + "\"");
            }
            bytes = answer.body().length;
            if (i >= warmUps) {
                millis[i - warmUps] = took;
            }
        }
        Arrays.sort(millis);
        return new Figures(millis[timed / 2], millis[(int) Math.ceil(timed * 0.95) - 1], millis[timed - 1], bytes);
    }
}
