package dev.gantry.it;

import dev.gantry.LabCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The lab's Prometheus and Alertmanager (bin/lib/env-monitoring.sh), as a test drives them: a rule file of its own in
 * .env/monitoring/rules, the Alertmanager's routes to a receiver of its own, each reread at once (POST /-/reload);
 * {@link #close} puts both back as env-up left them (no rule of the test's, no receiver).
 */
final class Monitoring implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String NO_RECEIVER = "route: {receiver: none}\nreceivers: [{name: none}]\n";

    private final Path dir = LabCredentials.envDir().resolve("monitoring");
    private final Path rules;

    /** The monitoring of a test whose rules are named {@code name}. */
    Monitoring(String name) {
        this.rules = dir.resolve("rules").resolve(name + ".yml");
    }

    /** Prometheus evaluates {@code groups} (a rules file's YAML) from now on. */
    void rules(String groups) {
        write(rules, groups);
        reload("prometheus-url");
    }

    /** Where a {@code gantry server --prometheus-targets} lists itself for the lab's Prometheus. */
    Path targets() {
        return dir.resolve("targets");
    }

    /** Prometheus scrapes Gantry's servers with {@code token} (scope read) from its next scrape on. */
    void scrapeWith(String token) {
        write(dir.resolve("gantry-token"), token);
    }

    /** The answer of Prometheus' instant query {@code promql}: its JSON. */
    String query(String promql) {
        try {
            String base = Files.readString(LabCredentials.envDir().resolve("prometheus-url")).strip();
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Alertmanager routes by {@code config} (its whole YAML) from now on. */
    void alertmanager(String config) {
        write(dir.resolve("alertmanager.yml"), config);
        reload("alertmanager-url");
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(rules);
            Files.deleteIfExists(dir.resolve("gantry-token"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reload("prometheus-url");
        alertmanager(NO_RECEIVER);
    }

    private static void write(Path file, String text) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Has the daemon whose base URL env-up wrote to .env/{@code urlFile} reread its files; fails if it refuses them. */
    private static void reload(String urlFile) {
        try {
            String base = Files.readString(LabCredentials.envDir().resolve(urlFile)).strip();
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError(base + " refused to reload: " + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the lab's monitoring does not answer (bin/env-up starts it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
