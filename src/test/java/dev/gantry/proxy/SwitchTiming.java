package dev.gantry.proxy;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.FreePort;
import dev.gantry.config.Installation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench harness, not a test (no assertion, not in the suite): where the time of a blue-green
 * {@code route()} goes on the managed proxies. It flips one service between two backends in this JVM
 * while a probe opens a new connection every millisecond, and prints, per flip, how long prepare and
 * route took and when the probe first saw only the new colour. Run it alone:
 * {@code mvn -o test -Dtest=SwitchTiming -Dsurefire.failIfNoSpecifiedTests=false}; it needs haproxy and nginx.
 */
class SwitchTiming {
    private static final int FLIPS = 15;

    @TempDir
    Path home;

    private record Seen(long sentNanos, String colour) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"haproxy", "nginx"})
    void printsWhereTheSwitchTimeGoes(String kind) throws Exception {
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY", kind,
                "GANTRY_PROXY_HTTP_PORT", Integer.toString(FreePort.pick()),
                "GANTRY_PROXY_HTTPS_PORT", Integer.toString(FreePort.pick())));
        HttpServer blue = backend("blue");
        HttpServer green = backend("green");
        Proxy proxy = Proxy.open(installation);
        var seen = new ConcurrentLinkedQueue<Seen>();
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            proxy.start();
            proxy.route(route(blue));
            int port = installation.proxyHttpPort();
            Thread probe = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    seen.add(new Seen(sent, get(port)));
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            });
            long[] prepared = new long[FLIPS];
            long[] routed = new long[FLIPS];
            long[] serving = new long[FLIPS];
            for (int i = 0; i < FLIPS; i++) {
                HttpServer to = i % 2 == 0 ? green : blue;
                String colour = i % 2 == 0 ? "green" : "blue";
                long t0 = System.nanoTime();
                PreparedRoute change = proxy.prepare(route(to));
                long t1 = System.nanoTime();
                change.apply();
                long t2 = System.nanoTime();
                java.util.concurrent.locks.LockSupport.parkNanos(300_000_000);
                prepared[i] = (t1 - t0) / 1_000_000;
                routed[i] = (t2 - t1) / 1_000_000;
                serving[i] = firstStable(seen, t1, colour);
                System.out.printf("%s flip %d: prepare %d ms, route %d ms, new colour only from %d ms%n",
                        kind, i, prepared[i], routed[i], serving[i]);
            }
            running.set(false);
            probe.join();
            System.out.printf("%s over %d flips: prepare p50 %d; route p50 %d max %d; serving p50 %d max %d (ms)%n",
                    kind, FLIPS, p50(prepared), p50(routed), max(routed), p50(serving), max(serving));
        } finally {
            running.set(false);
            proxy.stop();
            blue.stop(0);
            green.stop(0);
        }
    }

    /** Milliseconds from {@code start} to the first probe answer after which every answer came from {@code colour}. */
    private static long firstStable(ConcurrentLinkedQueue<Seen> seen, long start, String colour) {
        List<Seen> after = new ArrayList<>(seen.stream().filter(s -> s.sentNanos() >= start).toList());
        long stable = -1;
        for (Seen s : after) {
            if (!s.colour().equals(colour)) {
                stable = -1;
            } else if (stable < 0) {
                stable = s.sentNanos();
            }
        }
        seen.clear();
        return stable < 0 ? -1 : (stable - start) / 1_000_000;
    }

    private static long p50(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(-1);
    }

    private static Route route(HttpServer backend) {
        return new Route("timed", "/", Optional.empty(), List.of(new Backend("127.0.0.1", backend.getAddress().getPort())));
    }

    private static String get(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: timed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        } catch (IOException e) {
            return "error";
        }
    }

    private static HttpServer backend(String colour) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = colour.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
