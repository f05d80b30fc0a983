import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The tiny service of Gantry's integration tests. Without arguments it serves {@code /health} on
 * port 8080, 404 under {@code /no-such} (a path a test names to be missing, e.g. a health check that
 * never passes), and under any other path ({@code /tiny} by default) the release and colour it runs as
 * (what a test sees through the proxy); with {@code test} it is its own test suite, which passes or fails as TINY_TEST_EXIT says
 * (gantry.yml sets it in tests/pre-deployment/env, so a test can make the tests fail by a commit),
 * after TINY_TEST_SECONDS (default 0), so a test can keep a run busy in its test stage, and after printing
 * TINY_TEST_LINES lines (default 0; 2,000 a second), so a test can follow a long log. In an integration
 * phase it also asks TARGET_URL for {@code GANTRY_PROXY_PATH} (with TARGET_HOST as its Host) and fails
 * unless the release it tests answers, and it tries to open each HOST:PORT of TINY_PROBE (comma
 * separated; {@code target} is TARGET_URL's), printing whether it reached it: what a test container
 * can reach from its network. With TINY_CRASH_AFTER_SECONDS the server exits with code 1 that long after it
 * started: a release that keeps crashing, each replica again after every restart. With TINY_FAIL_EVERY_OTHER=true
 * every second request of its users answers 500, while its own tests (User-Agent: tiny-test) always pass: a release
 * whose tests pass and which fails half its real traffic. With TINY_WORK_MS each request under {@code /} takes that long
 * and one replica serves one at a time, the others waiting their turn (fairly): a service whose latency grows with the
 * load on each replica (bench/preventive); {@code /health} is answered beside them.
 */
public final class Tiny {
    private Tiny() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("test")) {
            System.exit(test());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        long workMs = Long.parseLong(System.getenv().getOrDefault("TINY_WORK_MS", "0"));
        var oneAtATime = new java.util.concurrent.Semaphore(1, true);
        if (workMs > 0) {
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        }
        server.createContext("/health", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/no-such", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        boolean failEveryOther = "true".equals(System.getenv("TINY_FAIL_EVERY_OTHER"));
        var userRequests = new java.util.concurrent.atomic.AtomicLong();
        server.createContext("/", exchange -> { // a test may route a path of its own to tiny (ServerIT, GitPushQueueIT)
            boolean fromItsTests = "tiny-test".equals(exchange.getRequestHeaders().getFirst("User-Agent"));
            if (failEveryOther && !fromItsTests && userRequests.incrementAndGet() % 2 == 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            if (workMs > 0) {
                oneAtATime.acquireUninterruptibly();
                try {
                    Thread.sleep(workMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    oneAtATime.release();
                }
            }
            String release = System.getenv().getOrDefault("GANTRY_RELEASE", "none");
            String colour = System.getenv().getOrDefault("GANTRY_COLOUR", "none");
            byte[] body = ("release=" + release + " colour=" + colour + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("tiny: serving on 8080");
        String crashAfter = System.getenv("TINY_CRASH_AFTER_SECONDS");
        if (crashAfter != null) {
            Thread.sleep(Long.parseLong(crashAfter) * 1000L);
            System.out.println("tiny: crashing, as TINY_CRASH_AFTER_SECONDS says");
            System.exit(1);
        }
    }

    /** What an integration phase was given, so a test can see both phases get the same shape. */
    private static String target() {
        String url = System.getenv("TARGET_URL");
        return url == null ? "" : " TARGET_URL=" + url + " GANTRY_PROXY_PATH=" + System.getenv("GANTRY_PROXY_PATH");
    }

    private static int test() throws InterruptedException {
        String type = System.getenv().getOrDefault("TEST_TYPE", "");
        String release = System.getenv().getOrDefault("GANTRY_RELEASE", "");
        int exit = Integer.parseInt(System.getenv().getOrDefault("TINY_TEST_EXIT", "0"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("TINY_TEST_SECONDS", "0"));
        System.out.println("tiny tests: TEST_TYPE=" + type + " GANTRY_RELEASE=" + release + target());
        Thread.sleep(seconds * 1000L); // a test suite that takes this long, for tests of what happens meanwhile
        int lines = Integer.parseInt(System.getenv().getOrDefault("TINY_TEST_LINES", "0"));
        for (int line = 1; line <= lines; line++) { // a talkative test suite, for tests of following its log
            System.out.println("tiny test line " + line + " of " + lines);
            if (line % 10 == 0) {
                Thread.sleep(5);
            }
        }
        for (String probe : System.getenv().getOrDefault("TINY_PROBE", "").split(",")) {
            if (!probe.isBlank()) {
                System.out.println("tiny probe " + probe + ": " + probe(probe.strip()));
            }
        }
        if (System.getenv("TARGET_URL") != null && !answers(release)) {
            return 1;
        }
        if (exit == 0) {
            System.out.println("PASS tiny: TINY_TEST_EXIT is 0");
        } else {
            System.out.println("FAIL tiny: TINY_TEST_EXIT is " + exit);
        }
        return exit;
    }

    /** Asks the target for the route's path as a client of the route would; true if the tested release answers. */
    private static boolean answers(String release) {
        URI target = URI.create(System.getenv("TARGET_URL"));
        String path = System.getenv().getOrDefault("GANTRY_PROXY_PATH", "/");
        String host = System.getenv().getOrDefault("TARGET_HOST", target.getHost());
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: tiny-test\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = answer.lines().findFirst().orElse("no answer");
            boolean passed = status.contains(" 200 ") && answer.contains("release=" + release + " ");
            System.out.println((passed ? "PASS" : "FAIL") + " tiny: GET " + path + " at " + target + " -> " + status);
            return passed;
        } catch (IOException e) {
            System.out.println("FAIL tiny: GET " + path + " at " + target + " -> " + e);
            return false;
        }
    }

    private static String probe(String probe) {
        String hostPort = probe.equals("target") ? URI.create(System.getenv("TARGET_URL")).getAuthority() : probe;
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 2_000);
            return "reached";
        } catch (IOException e) {
            return "not reached (" + e.getMessage() + ")";
        }
    }
}
