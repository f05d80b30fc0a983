package dev.gantry.ui;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of {@code /ui/assets/}, all from the classpath, so the UI loads nothing from another site: htmx and its
 * SSE extension from their WebJars (pom.xml), and the UI's own stylesheet and script (which keeps a followed log's
 * page bounded). Only these names are served; each with its
 * content type and an hour of caching.
 */
final class Assets {
    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, Asset> FILES = Map.of(
            "htmx.min.js", new Asset("/META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js", JS),
            "htmx-ext-sse.js", new Asset("/META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js", JS),
            "gantry.css", new Asset("/ui/gantry.css", "text/css; charset=utf-8"),
            "gantry.js", new Asset("/ui/gantry.js", JS));

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    private record Asset(String resource, String contentType) {
    }

    /** Answers the asset the path names, or 404. */
    void serve(Context ctx) {
        Asset asset = FILES.get(ctx.pathParam("name"));
        if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("There is no such asset.");
            return;
        }
        ctx.header("Cache-Control", "max-age=3600").contentType(asset.contentType())
                .result(loaded.computeIfAbsent(asset.resource(), Assets::read));
    }

    /** The names served under /ui/assets/. */
    static Set<String> names() {
        return FILES.keySet();
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; the build puts it there"
                        + " (pom.xml: the htmx WebJars, src/main/resources/ui)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
        }
    }
}
