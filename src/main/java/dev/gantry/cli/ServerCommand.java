package dev.gantry.cli;

import dev.gantry.wiring.ServerWiring;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry server [--addr HOST:PORT]}: the long-running server (docs/server.md). Its classes
 * (Javalin, Jetty, Micrometer) load only when this command runs (imports load nothing), so the other
 * commands stay fast.
 */
@Command(name = "server", description = "Serve the REST API and run queued runs until stopped (docs/server.md).")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--addr", paramLabel = "HOST:PORT",
            description = "Where to listen (default: server-addr of config.yml, GANTRY_SERVER_ADDR, 127.0.0.1:7070).")
    String addr;

    @Option(names = "--prometheus-targets", paramLabel = "DIR", description = "List this server in DIR/gantry-"
            + "<installation>.json for Prometheus' file-based discovery while it runs (docs/scaling.md#metrics).")
    Path prometheusTargets;

    @Override
    public Integer call() {
        return ServerWiring.serve(addr, Optional.ofNullable(prometheusTargets), System.out, System.err,
                parts -> (request, out, err) -> RunCommand.handed(parts, request, out, err));
    }
}
