package dev.gantry.cli;

import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.Route;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry status [SERVICE]}: live colour, release, instances and their health, and the proxy URL; with
 * {@code --offline}, only what discovery records, without asking the engine or the proxy (fast, and there while Docker
 * is down).
 */
@Command(name = "status", description = "Show what runs in production: live colour, release, instances, URL.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "One service (default: all).")
    String service;

    @Option(names = "--offline", description = "Only what discovery records: the engine and the proxy are not asked, so"
            + " replicas show no health and services no route (answers while Docker is down).")
    boolean offline;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (InstallationParts parts = InstallationParts.open()) {
            Discovery discovery = parts.discovery();
            List<String> services = service == null ? discovery.services() : List.of(service);
            if (services.isEmpty()) {
                out.println("Nothing is deployed yet. Deploy a service with `gantry run PATH`.");
            }
            if (offline) {
                out.println("offline: what discovery records; replicas' health and routes not asked");
                services.forEach(name -> show(out, discovery, name, "", instance -> ""));
                return 0;
            }
            Production production = parts.production();
            Map<String, Route> routes = production.proxy().routes();
            out.println("runs on: " + production.orchestrator().describe());
            out.println("proxy: " + production.proxy().describe() + " at " + production.proxy().url());
            for (String name : services) {
                String routed = Optional.ofNullable(routes.get(name)).map(r -> ", routed at " + production.proxy().url()
                        + r.pathPrefix() + r.host().map(h -> " (Host: " + h + ")").orElse("")).orElse(", not routed");
                show(out, discovery, name, routed, instance -> production.orchestrator().state(instance));
            }
            return 0;
        }
    }

    private static void show(PrintWriter out, Discovery discovery, String name, String routed,
            Function<Instance, String> health) {
        Optional<Colour> live = discovery.live(name);
        Map<Colour, ColourRecord> colours = discovery.colours(name);
        out.println();
        out.println(name + ": " + live.map(c -> "live in " + c.word()).orElse("not live") + routed);
        colours.forEach((colour, record) -> {
            out.println(String.format("  %-6s %-9s release %s  image %s", colour.word(), record.state().word(),
                    record.release().substring(0, Math.min(12, record.release().length())), record.image()));
            for (Instance instance : record.instances()) {
                out.println(String.format("         %-22s %-16s %s", instance.container(),
                        instance.host() + ":" + instance.port(), health.apply(instance)).stripTrailing());
            }
        });
    }
}
