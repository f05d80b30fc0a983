import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/preventive: reactive-only scaling against forecast + reactive scaling (docs/scaling.md#scaling-on-load) on
 * the same replayed seasonal trace, at the same time, through the same HAProxy and gantry server.
 *
 * <p>Two copies of the integration tests' tiny service run on the host's engine; each request takes TINY_WORK_MS
 * (20 ms) and a replica serves one at a time, so its latency grows with the load on each replica. Both scale within
 * 1..6 replicas at {@value #PER_REPLICA} requests/s per replica; one of them also has run/scale/season. The store is
 * given HISTORY seasons of that trace (2 or 3; each period off by up to 10%, at random) as recorded history (what
 * gantry server would have stored on the days before),
 * then one season is replayed live, open-loop, to both services at once: {@value #BASE}/s, a ramp to {@value #PEAK}/s
 * over a twelfth of the season, the peak for a quarter, back down. Each second's p95 latency is held against the
 * target ({@value #TARGET_MS} ms) and each second's routed replicas are counted (discovery).
 *
 * <p>Target (issue 13): the forecast cuts the seconds over target by at least half, for at most 20% more
 * replica-seconds. Usage: java -cp CLASSPATH bench/PreventiveBench.java ROOT WORK SEASON_SECONDS HISTORY
 */
public class PreventiveBench {
    static final int PERIOD_S = 10;
    static final double BASE = 15;
    static final double PEAK = 150;
    static final int PER_REPLICA = 30;
    static final int WORK_MS = 20;
    static final long TARGET_MS = 150;
    static final long TIMEOUT_MS = 3000;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int season = Integer.parseInt(args[2]);
        int history = Integer.parseInt(args[3]);
        if (history < 2 || history > 3) {
            throw new IllegalArgumentException("the autoscaler forecasts from 2 or 3 seasons of history, not " + history);
        }
        if (season % PERIOD_S != 0 || season < 60) {
            throw new IllegalArgumentException("the season is a multiple of 10 s, at least 60 s: " + season);
        }
        String session = Long.toHexString(new Random().nextLong() & 0xffffffL);
        Map<String, String> env = new HashMap<>(System.getenv());
        Path home = work.resolve("home");
        int proxyPort = freePort();
        env.put("GANTRY_HOME", home.toString());
        env.put("GANTRY_PROXY", "haproxy");
        env.put("GANTRY_PROXY_HTTP_PORT", Integer.toString(proxyPort));
        env.put("GANTRY_PROXY_HTTPS_PORT", Integer.toString(freePort()));
        env.put("GANTRY_SERVER_ADDR", "127.0.0.1:" + freePort());
        env.put("GANTRY_DISCOVERY", "embedded");
        env.put("DOCKER_HOST", "unix:///var/run/docker.sock");  // one engine: the host's
        var bench = new PreventiveBench(root, work, env, season, history, proxyPort);
        List<String> services = List.of("pv-" + session + "-reactive", "pv-" + session + "-forecast");
        Process server = null;
        try {
            bench.deploy(services.get(0), false);
            bench.deploy(services.get(1), true);
            server = bench.startServer();
            bench.replay(services);
        } finally {
            bench.stop(server, services);
        }
    }

    private final Path root;
    private final Path work;
    private final Map<String, String> env;
    private final int season;
    private final int history;
    private final int proxyPort;

    PreventiveBench(Path root, Path work, Map<String, String> env, int season, int history, int proxyPort) {
        this.root = root;
        this.work = work;
        this.env = env;
        this.season = season;
        this.history = history;
        this.proxyPort = proxyPort;
    }

    /** The trace's requests per second at second {@code t} of a season. */
    double trace(double t) {
        double u = (t % season) / season;
        if (u < 1.0 / 3) {
            return BASE;
        }
        if (u < 5.0 / 12) {
            return BASE + (PEAK - BASE) * (u - 1.0 / 3) * 12;
        }
        if (u < 2.0 / 3) {
            return PEAK;
        }
        if (u < 3.0 / 4) {
            return PEAK - (PEAK - BASE) * (u - 2.0 / 3) * 12;
        }
        return BASE;
    }

    void deploy(String service, boolean forecast) throws Exception {
        Path repo = work.resolve(service);
        Path svc = Files.createDirectories(repo.resolve("svc"));
        Path tiny = root.resolve("src/test/resources/services/tiny");
        for (String file : List.of("Dockerfile", "Dockerfile.test", "Tiny.java")) {
            Files.copy(tiny.resolve(file), svc.resolve(file));
        }
        Files.writeString(svc.resolve("gantry.yml"), """
                service: %s
                tests:
                  pre-deployment: {env: {TINY_TEST_EXIT: "0"}, timeout: 2m}
                run:
                  port: 8080
                  replicas: 1
                  env: {TINY_WORK_MS: "%d"}
                  health: {interval: 200ms}
                  scale: {min: 1, max: 6, per-replica: %d%s}
                proxy: {path: /%s}
                deploy: {drain: 1s}
                """.formatted(service, WORK_MS, PER_REPLICA, forecast ? ", season: " + season + "s" : "", service));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "commit", "-qm", "bench: " + service);
        System.out.println(service + ": gantry run ...");
        gantry("run", svc.toString());
        gantry("service", "add", service);
    }

    Process startServer() throws Exception {
        Path log = work.resolve("server.log");
        var builder = new ProcessBuilder(root.resolve("bin/gantry").toString(), "server")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process server = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("gantry server listening")) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("gantry server did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return server;
    }

    void replay(List<String> services) throws Exception {
        long periodMs = PERIOD_S * 1000L;
        Instant t0 = Instant.ofEpochMilli((System.currentTimeMillis() / periodMs + 2) * periodMs);
        Path db = work.resolve("home/gantry.db");
        try (Store store = Store.open("jdbc:sqlite:" + db); Discovery discovery = Discovery.open("embedded", store)) {
            seedHistory(store, services, t0);
            System.out.printf("%d seasons of history stored; the live season (%d s) starts at %s%n", history, season, t0);
            Thread.sleep(Math.max(0, t0.toEpochMilli() - System.currentTimeMillis()));
            List<Seconds> seen = new ArrayList<>();
            for (String service : services) {
                seen.add(new Seconds(season));
            }
            var load = Executors.newVirtualThreadPerTaskExecutor();
            HttpClient http = HttpClient.newBuilder().executor(load).connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < services.size(); i++) {
                String url = "http://127.0.0.1:" + proxyPort + "/" + services.get(i);
                Seconds into = seen.get(i);
                load.submit(() -> send(http, url, t0, into));
            }
            for (int second = 0; second < season; second++) {
                Thread.sleep(Math.max(0, t0.toEpochMilli() + (second + 1) * 1000L - System.currentTimeMillis()));
                for (int i = 0; i < services.size(); i++) {
                    seen.get(i).replicas[second] = routed(discovery, services.get(i));
                }
            }
            Thread.sleep(TIMEOUT_MS + 500);  // the last requests end (answered or timed out)
            load.shutdownNow();
            report(store, services, seen, t0);
        }
    }

    private void seedHistory(Store store, List<String> services, Instant t0) {
        var noise = new Random(42);
        int periods = history * season / PERIOD_S;
        for (int k = 0; k < periods; k++) {
            Instant start = t0.minusSeconds((long) (periods - k) * PERIOD_S);
            double sum = 0;
            for (int s = 0; s < PERIOD_S; s++) {
                sum += trace((double) k * PERIOD_S + s + 0.5);
            }
            long requests = Math.round(sum * (1 + 0.1 * (noise.nextDouble() * 2 - 1)));
            for (String service : services) {
                store.requestFigures().add(new RequestPeriod(service, "blue", "recorded-history", start, PERIOD_S,
                        requests, 0, requests * WORK_MS, List.of(0L, 0L, requests, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)));
            }
        }
    }

    /** Sends the trace's requests to {@code url}, open-loop (a request every 1/rate s, whether or not the last one ended). */
    private void send(HttpClient http, String url, Instant t0, Seconds into) {
        long start = t0.toEpochMilli();
        double owed = 0;
        for (long tick = 0; ; tick++) {
            double t = tick / 100.0;
            if (t >= season) {
                return;
            }
            owed += trace(t) / 100;
            int second = (int) t;
            for (; owed >= 1; owed--) {
                long sent = System.nanoTime();
                into.sent.incrementAndGet();
                http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(TIMEOUT_MS)).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> into.record(second,
                                failure == null ? (System.nanoTime() - sent) / 1_000_000 : TIMEOUT_MS,
                                failure == null && response.statusCode() == 200));
            }
            long wait = start + (tick + 1) * 10 - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static int routed(Discovery discovery, String service) {
        try {
            return discovery.live(service).flatMap(colour -> discovery.colour(service, colour))
                    .map(ColourRecord::instances).map(List::size).orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void report(Store store, List<String> services, List<Seconds> seen, Instant t0) {
        System.out.printf("%nseason %d s (%d of history), period %d s; %d/s per replica, each request %d ms on one replica"
                + " at a time; target p95 <= %d ms each second%n%n", season, history, PERIOD_S, PER_REPLICA, WORK_MS, TARGET_MS);
        System.out.printf("%-28s %10s %10s %12s %14s %10s %12s%n", "service", "requests", "failed", "p95 > target",
                "replica-s", "max", "scale runs");
        long[] over = new long[2];
        long[] replicaSeconds = new long[2];
        for (int i = 0; i < services.size(); i++) {
            Seconds s = seen.get(i);
            over[i] = s.secondsOverTarget();
            replicaSeconds[i] = s.replicaSeconds();
            long scales = store.runs().history(services.get(i), 100).stream()
                    .filter(run -> run.kind().equals("scale") && !run.startedAt().isBefore(t0)).count();
            System.out.printf("%-28s %10d %10d %10d s %14d %10d %12d%n", services.get(i), s.sent.get(), s.failed.get(),
                    over[i], replicaSeconds[i], s.maxReplicas(), scales);
        }
        System.out.println();
        for (String service : services) {
            for (RunRecord run : store.runs().history(service, 100).reversed()) {
                if (run.kind().equals("scale") && !run.startedAt().isBefore(t0)) {
                    System.out.printf("  %s +%3ds  %s: %s (%s)%n", service.endsWith("forecast") ? "forecast" : "reactive",
                            Duration.between(t0, run.startedAt()).toSeconds(), run.commitTitle(), run.trigger(),
                            run.state().word());
                }
            }
        }
        double overRatio = over[0] == 0 ? (over[1] == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) over[1] / over[0];
        double costRatio = (double) replicaSeconds[1] / replicaSeconds[0];
        System.out.printf(Locale.ROOT, "%nforecast / reactive: seconds over target %.2f (target <= 0.50: %s),"
                        + " replica-seconds %.2f (target <= 1.20: %s)%n", overRatio, overRatio <= 0.5 ? "met" : "NOT met",
                costRatio, costRatio <= 1.2 ? "met" : "NOT met");
    }

    /** What one service saw, second by second of the live season. */
    static final class Seconds {
        final int[] replicas;
        final List<List<Long>> latencies = new ArrayList<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Seconds(int season) {
            replicas = new int[season];
            for (int i = 0; i < season; i++) {
                latencies.add(new ArrayList<>());
            }
        }

        void record(int second, long millis, boolean ok) {
            if (!ok) {
                failed.incrementAndGet();
            }
            List<Long> of = latencies.get(second);
            synchronized (of) {
                of.add(ok ? millis : Math.max(millis, TIMEOUT_MS));
            }
        }

        long secondsOverTarget() {
            long over = 0;
            for (List<Long> of : latencies) {
                synchronized (of) {
                    if (!of.isEmpty()) {
                        List<Long> sorted = of.stream().sorted().toList();
                        if (sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1) > TARGET_MS) {
                            over++;
                        }
                    }
                }
            }
            return over;
        }

        long replicaSeconds() {
            long sum = 0;
            for (int r : replicas) {
                sum += r;
            }
            return sum;
        }

        int maxReplicas() {
            int max = 0;
            for (int r : replicas) {
                max = Math.max(max, r);
            }
            return max;
        }
    }

    void stop(Process server, List<String> services) throws Exception {
        if (server != null) {
            server.destroy();  // SIGTERM: the server stops its tasks and its queue
            server.waitFor(90, TimeUnit.SECONDS);
        }
        Path pid = work.resolve("home/proxy/haproxy/haproxy.pid");
        if (Files.exists(pid)) {
            run(List.of("kill", "-USR1", Files.readString(pid).strip()), false);
        }
        for (String service : services) {
            String ids = run(List.of("docker", "-H", "unix:///var/run/docker.sock", "ps", "-aq", "--filter",
                    "label=gantry.service=" + service), false).strip();
            if (!ids.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("docker", "-H", "unix:///var/run/docker.sock", "rm", "-f", "-v"));
                rm.addAll(List.of(ids.split("\\s+")));
                run(rm, false);
            }
        }
    }

    private void gantry(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/gantry").toString()));
        command.addAll(List.of(args));
        run(command, true);
    }

    private void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=bench",
                "-c", "user.email=bench@gantry.invalid"));
        command.addAll(List.of(args));
        run(command, true);
    }

    private String run(List<String> command, boolean mustPass) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || (mustPass && process.exitValue() != 0)) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
