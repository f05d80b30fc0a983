package books;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The books-ms process: the API on PORT (default 8080), data in DATA_DIR (default /data),
 * one log line per request on stdout, and a graceful stop on SIGTERM.
 */
public final class BooksServer {

    /** Seconds a stopping server gives requests in flight to finish. */
    static final int STOP_DELAY_SECONDS = 2;

    private final HttpServer server;
    private final ExecutorService executor;

    private BooksServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves on PORT (0: any free port) with the books in DATA_DIR, a line per request to REQUEST_LOG. */
    static BooksServer start(int port, Path dataDir, String release, Consumer<String> requestLog)
            throws IOException {
        BookStore store = BookStore.open(dataDir);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
        server.createContext("/", new BooksApi(store, release)).getFilters().add(new RequestLog(requestLog));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new BooksServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets requests in flight finish (up to DELAY_SECONDS), then returns. */
    void stop(int delaySeconds) {
        server.stop(delaySeconds);
        executor.shutdown();
    }

    public static void main(String[] args) {
        int port = port(System.getenv().getOrDefault("PORT", "8080"));
        Path dataDir = Path.of(System.getenv().getOrDefault("DATA_DIR", "/data"));
        String release = System.getenv("GANTRY_RELEASE");
        BooksServer running;
        try {
            running = start(port, dataDir, release, BooksServer::log);
        } catch (IOException | BookStore.StoreException e) {
            System.err.println("books-ms: cannot start on port " + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping: finishing requests in flight (up to " + STOP_DELAY_SECONDS + "s)");
            running.stop(STOP_DELAY_SECONDS);
            log("stopped");
        }, "shutdown"));
        log("listening on port " + running.port() + ", books in " + dataDir.resolve(BookStore.FILE_NAME)
                + (release == null ? "" : ", release " + release));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("books-ms: PORT should be a port number from 0 to 65535, not '" + text + "'");
        System.exit(2);
        return -1;
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }

    /** One line per request: time, client, method, path, status, duration. */
    private static final class RequestLog extends Filter {
        private final Consumer<String> log;

        RequestLog(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            long start = System.nanoTime();
            try {
                chain.doFilter(exchange);
            } finally {
                log.accept(String.format(Locale.ROOT, "%s \"%s %s\" %d %.1fms",
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getResponseCode(), (System.nanoTime() - start) / 1e6));
            }
        }

        @Override
        public String description() {
            return "logs each request";
        }
    }
}
