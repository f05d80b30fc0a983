package books;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The test image's entry point. TEST_TYPE picks the tests, as Gantry sets it per phase:
 * <ul>
 *   <li>{@code pre-deployment}: the codec, the store and the API started in-process;</li>
 *   <li>{@code pre-integration}: the API at TARGET_URL, one deployed instance;</li>
 *   <li>{@code post-integration}: the API at TARGET_URL through the proxy, which routes only
 *       /api/v1/books, so /health is not asked there.</li>
 * </ul>
 * TARGET_URL is an origin (http://host:port) in both phases, as Gantry gives it; the API's paths are
 * added to it as they are.
 * <ul>
 * </ul>
 * One line per test, then "N passed, N failed". Exit 0 only if all passed; 2 on bad usage.
 */
public final class TestRunner {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private TestRunner() {
    }

    public static void main(String[] args) throws Exception {
        String type = System.getenv().getOrDefault("TEST_TYPE", "");
        String release = blankToNull(System.getenv("GANTRY_RELEASE"));
        int failed = switch (type) {
            case "pre-deployment" -> preDeployment();
            case "pre-integration" -> againstTarget(type, release, true);
            case "post-integration" -> againstTarget(type, release, false);
            default -> usage((type.isEmpty() ? "TEST_TYPE is not set" : "TEST_TYPE '" + type + "' is unknown")
                    + "; set it to pre-deployment, pre-integration or post-integration");
        };
        System.exit(failed == 0 ? 0 : 1);
    }

    private static int preDeployment() throws Exception {
        Path data = Files.createTempDirectory("books-api-");
        BooksServer server = BooksServer.start(0, data, "in-process-release", line -> { });
        try {
            List<TestCase> tests = new ArrayList<>();
            tests.addAll(JsonTests.all());
            tests.addAll(BookStoreTests.all());
            tests.addAll(new ApiTests("http://127.0.0.1:" + server.port(), "in-process-release").all(true));
            System.out.println("books-ms pre-deployment tests: codec, store, and the API in-process on port "
                    + server.port());
            return run(tests);
        } finally {
            server.stop(0);
            BookStoreTests.deleteTree(data);
        }
    }

    private static int againstTarget(String type, String release, boolean health) throws Exception {
        String target = blankToNull(System.getenv("TARGET_URL"));
        if (target == null) return usage("TEST_TYPE=" + type + " needs TARGET_URL=http://HOST:PORT, the service to test");
        String base = target.strip();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1); // http://host:port/ is the same origin
        if (!isOrigin(base)) {
            return usage("TARGET_URL should be an origin like http://HOST:PORT, without a path; was " + target);
        }
        System.out.println("books-ms " + type + " tests against " + base
                + (release == null ? "" : ", expecting release " + release));
        waitUntilAnswering(base);
        return run(new ApiTests(base, release).all(health));
    }

    /** http://host:port or https://host:port and nothing after: the shape Gantry gives both phases. */
    static boolean isOrigin(String target) {
        try {
            URI uri = new URI(target);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Gantry starts the tests once the service is healthy; allow a proxy a moment to catch up. */
    private static void waitUntilAnswering(String base) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + BooksApi.BOOKS))
                        .timeout(Duration.ofSeconds(2)).build();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) return;
                last = "status " + status;
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(250); // polling an outside service with a deadline; nothing to await
        }
        System.out.println("note: " + base + BooksApi.BOOKS + " did not answer 200 within "
                + READY_TIMEOUT.toSeconds() + "s (" + last + "); running the tests anyway");
    }

    private static int run(List<TestCase> tests) {
        int passed = 0;
        int failed = 0;
        for (TestCase test : tests) {
            long start = System.nanoTime();
            String failure = null;
            try {
                test.body().run();
            } catch (AssertionError e) {
                failure = e.getMessage();
            } catch (Throwable e) {
                failure = "threw " + e;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (failure == null) {
                passed++;
                System.out.println("PASS " + test.name() + " (" + millis + " ms)");
            } else {
                failed++;
                System.out.println("FAIL " + test.name() + ": " + failure);
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        return failed;
    }

    private static int usage(String problem) {
        System.err.println("books-ms tests: " + problem);
        System.exit(2);
        return 2;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
