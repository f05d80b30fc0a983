package dev.gantry.cli;

import dev.gantry.git.GitEndpoint;
import dev.gantry.git.UnrunHeads;
import dev.gantry.poll.RemotePolling;
import dev.gantry.server.GantryServer;
import dev.gantry.webhook.WebhookEndpoint;
import java.util.List;
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

    @Override
    public Integer call() {
        return GantryServer.serve(addr, List.of(GitEndpoint::of, WebhookEndpoint::of),
                List.of(UnrunHeads::start, RemotePolling::start), System.out, System.err);
    }
}
