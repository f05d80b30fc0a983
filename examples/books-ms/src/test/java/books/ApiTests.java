package books;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP API as a client sees it, against any base URL: the server started in-process
 * (pre-deployment), one instance (pre-integration) or the proxy (post-integration).
 */
final class ApiTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final String expectedRelease;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** BASE like http://host:port; EXPECTED_RELEASE (may be null) must be the one answering. */
    ApiTests(String base, String expectedRelease) {
        this.base = base;
        this.expectedRelease = expectedRelease;
    }

    /** HEALTH: whether BASE reaches /health (a proxy routes only the API path to the service). */
    List<TestCase> all(boolean health) {
        List<TestCase> tests = new ArrayList<>();
        if (health) tests.add(new TestCase("api: /health answers UP", this::healthIsUp));
        tests.add(new TestCase("api: lists books as a JSON array", this::listsBooks));
        tests.add(new TestCase("api: create, get, list and delete a book", this::roundTrip));
        tests.add(new TestCase("api: an unknown id answers 404", this::unknownIdIs404));
        tests.add(new TestCase("api: a body that is not JSON answers 400", this::badJsonIs400));
        tests.add(new TestCase("api: a book without an author answers 400", this::missingAuthorIs400));
        tests.add(new TestCase("api: PUT on the collection answers 405", this::putIs405));
        return tests;
    }

    private void healthIsUp() throws Exception {
        HttpResponse<String> response = send("GET", "/health", null);
        Check.equal(200, response.statusCode(), "GET /health status");
        Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
        Check.equal("UP", body.get("status"), "GET /health status field");
        if (expectedRelease != null && body.containsKey("release")) {
            Check.equal(expectedRelease, body.get("release"), "release reported by /health");
        }
    }

    private void listsBooks() throws Exception {
        HttpResponse<String> response = send("GET", BooksApi.BOOKS, null);
        Check.equal(200, response.statusCode(), "GET " + BooksApi.BOOKS + " status");
        Check.contains(response.headers().firstValue("Content-Type").orElse(""), "application/json",
                "Content-Type");
        Check.isTrue(Json.parse(response.body()) instanceof List<?>, "expected a JSON array, got " + response.body());
    }

    private void roundTrip() throws Exception {
        String title = "Gantry round trip " + UUID.randomUUID() + " – Ærøskøbing ✓";
        String author = "Test \"Quoted\" Author";
        HttpResponse<String> created = sendUnchecked("POST", BooksApi.BOOKS,
                Json.write(Map.of("title", title, "author", author)));
        Check.equal(201, created.statusCode(), "POST " + BooksApi.BOOKS + " status (body " + created.body() + ")");
        Map<?, ?> book = (Map<?, ?>) Json.parse(created.body());
        String id = (String) book.get("id");
        try {
            checkRelease(created, "POST " + BooksApi.BOOKS);
            Check.isTrue(id != null && !id.isBlank(), "the created book has no id: " + created.body());
            Check.equal(title, book.get("title"), "created title");
            Check.equal(author, book.get("author"), "created author");
            String path = BooksApi.BOOKS + "/" + id;
            Check.equal(path, created.headers().firstValue("Location").orElse(null), "Location header");

            HttpResponse<String> fetched = send("GET", path, null);
            Check.equal(200, fetched.statusCode(), "GET " + path + " status");
            Check.equal(book, Json.parse(fetched.body()), "GET " + path + " body");

            HttpResponse<String> listed = send("GET", BooksApi.BOOKS, null);
            Check.isTrue(((List<?>) Json.parse(listed.body())).contains(book),
                    "GET " + BooksApi.BOOKS + " does not list the created book " + id);

            Check.equal(204, send("DELETE", path, null).statusCode(), "DELETE " + path + " status");
            Check.equal(404, send("GET", path, null).statusCode(), "GET " + path + " after DELETE");
            Check.equal(404, send("DELETE", path, null).statusCode(), "second DELETE " + path);
            id = null;
        } finally {
            if (id != null) deleteQuietly(id);
        }
    }

    /** Leaves no test data behind after a failed round trip; its own failure would hide that one. */
    private void deleteQuietly(String id) {
        try {
            sendUnchecked("DELETE", BooksApi.BOOKS + "/" + id, null);
        } catch (Exception e) {
            System.out.println("note: could not delete the test book " + id + ": " + e);
        }
    }

    private void unknownIdIs404() throws Exception {
        HttpResponse<String> response = send("GET", BooksApi.BOOKS + "/no-such-book-" + UUID.randomUUID(), null);
        Check.equal(404, response.statusCode(), "GET of an unknown id");
        Check.contains(errorOf(response), "no book with id", "404 error");
    }

    private void badJsonIs400() throws Exception {
        HttpResponse<String> response = send("POST", BooksApi.BOOKS, "{\"title\": \"Unclosed\"");
        Check.equal(400, response.statusCode(), "POST of malformed JSON");
        Check.contains(errorOf(response), "not valid JSON", "400 error");
    }

    private void missingAuthorIs400() throws Exception {
        HttpResponse<String> response = send("POST", BooksApi.BOOKS, "{\"title\": \"Anonymous\"}");
        Check.equal(400, response.statusCode(), "POST without an author");
        Check.contains(errorOf(response), "\"author\"", "400 error names the field");
    }

    private void putIs405() throws Exception {
        HttpResponse<String> response = send("PUT", BooksApi.BOOKS, "{}");
        Check.equal(405, response.statusCode(), "PUT on the collection");
        Check.equal("GET, POST", response.headers().firstValue("Allow").orElse(null), "Allow header");
    }

    /** The "error" of a JSON error answer. */
    private static String errorOf(HttpResponse<String> response) {
        Object body = Json.parse(response.body());
        Check.isTrue(body instanceof Map<?, ?>, "expected a JSON object, got " + response.body());
        return String.valueOf(((Map<?, ?>) body).get("error"));
    }

    /** Sends a request; checks that the answering release is the expected one, if it says. */
    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = sendUnchecked(method, path, body);
        checkRelease(response, method + " " + path);
        return response;
    }

    private void checkRelease(HttpResponse<String> response, String request) {
        String release = response.headers().firstValue("X-Release").orElse(null);
        if (expectedRelease != null && release != null) {
            Check.equal(expectedRelease, release, "X-Release of the instance answering " + request);
        }
    }

    private HttpResponse<String> sendUnchecked(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
