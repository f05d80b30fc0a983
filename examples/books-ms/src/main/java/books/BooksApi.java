package books;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP API: {@code /api/v1/books} (GET list, POST create), {@code /api/v1/books/{id}}
 * (GET, DELETE) and {@code /health}. Every answer is JSON; errors are {"error": "..."}.
 */
final class BooksApi implements HttpHandler {

    static final String BOOKS = "/api/v1/books";
    static final String HEALTH = "/health";
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final BookStore store;
    private final String release;

    /** RELEASE (may be null) is reported by /health and in an X-Release header. */
    BooksApi(BookStore store, String release) {
        this.store = store;
        this.release = release == null || release.isBlank() ? null : release;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (release != null) exchange.getResponseHeaders().set("X-Release", release);
            route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        } catch (BookStore.StoreException e) {
            System.err.println("books-ms: " + e.getMessage());
            sendIfNothingSent(exchange, 500, "the books cannot be read or written: " + e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("books-ms: unexpected error on " + exchange.getRequestURI());
            e.printStackTrace();
            sendIfNothingSent(exchange, 500, "internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private static void sendIfNothingSent(HttpExchange exchange, int status, String message)
            throws IOException {
        if (exchange.getResponseCode() == -1) send(exchange, status, error(message));
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals(HEALTH)) {
            if (!allow(exchange, method, "GET")) return;
            health(exchange);
        } else if (path.equals(BOOKS) || path.equals(BOOKS + "/")) {
            if (!allow(exchange, method, "GET", "POST")) return;
            if (method.equals("GET")) send(exchange, 200, store.list());
            else create(exchange);
        } else if (path.startsWith(BOOKS + "/") && path.indexOf('/', BOOKS.length() + 1) < 0) {
            if (!allow(exchange, method, "GET", "DELETE")) return;
            String id = path.substring(BOOKS.length() + 1);
            if (method.equals("GET")) get(exchange, id);
            else delete(exchange, id);
        } else {
            send(exchange, 404, error("no such resource: " + path));
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            store.list(); // healthy means the data can be read, not only that we listen
            body.put("status", "UP");
        } catch (BookStore.StoreException e) {
            body.put("status", "DOWN");
            body.put("reason", e.getMessage());
        }
        if (release != null) body.put("release", release);
        send(exchange, body.get("status").equals("UP") ? 200 : 503, body);
    }

    private void create(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            send(exchange, 413, error("the body is larger than " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        Book request;
        try {
            request = Book.fromRequest("", Json.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (Json.SyntaxException e) {
            send(exchange, 400, error("the body is not valid JSON: " + e.getMessage()));
            return;
        } catch (Book.InvalidBookException e) {
            send(exchange, 400, error(e.getMessage()));
            return;
        }
        Book book = store.add(request.title(), request.author());
        exchange.getResponseHeaders().set("Location", BOOKS + "/" + book.id());
        send(exchange, 201, book);
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        var book = store.find(id);
        if (book.isPresent()) send(exchange, 200, book.get());
        else send(exchange, 404, error("no book with id " + id));
    }

    private void delete(HttpExchange exchange, String id) throws IOException {
        if (store.remove(id)) send(exchange, 204, null);
        else send(exchange, 404, error("no book with id " + id));
    }

    private static boolean allow(HttpExchange exchange, String method, String... allowed)
            throws IOException {
        for (String candidate : allowed) {
            if (candidate.equals(method)) return true;
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        send(exchange, 405, error(method + " is not allowed here; use " + String.join(" or ", allowed)));
        return false;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    /** Sends BODY as JSON, or no body at all when it is null (204). */
    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
