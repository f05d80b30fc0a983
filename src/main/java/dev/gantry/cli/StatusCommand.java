package dev.gantry.cli;

import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.Route;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry status [SERVICE]}: live colour, release, instances and their health, and the proxy URL. */
@Command(name = "status", description = "Show what runs in production: live colour, release, instances, URL.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "One service (default: all).")
    String service;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (InstallationParts parts = InstallationParts.open()) {
            Production production = parts.production();
            List<String> services = service == null ? production.discovery().services() : List.of(service);
            if (services.isEmpty()) {
                out.println("Nothing is deployed yet. Deploy a service with `gantry run PATH`.");
            }
            Map<String, Route> routes = production.proxy().routes();
            out.println("runs on: " + production.orchestrator().describe());
            out.println("proxy: " + production.proxy().describe() + " at " + production.proxy().url());
            for (String name : services) {
                show(out, production, name, Optional.ofNullable(routes.get(name)));
            }
            return 0;
        }
    }

    private static void show(PrintWriter out, Production production, String name, Optional<Route> route) {
        Optional<Colour> live = production.discovery().live(name);
        Map<Colour, ColourRecord> colours = production.discovery().colours(name);
        out.println();
        out.println(name + ": " + live.map(c -> "live in " + c.word()).orElse("not live")
                + route.map(r -> ", routed at " + production.proxy().url() + r.pathPrefix()
                        + r.host().map(h -> " (Host: " + h + ")").orElse("")).orElse(", not routed"));
        colours.forEach((colour, record) -> {
            out.println(String.format("  %-6s %-9s release %s  image %s", colour.word(), record.state().word(),
                    record.release().substring(0, Math.min(12, record.release().length())), record.image()));
            for (Instance instance : record.instances()) {
                out.println(String.format("         %-22s %-16s %s", instance.container(),
                        instance.host() + ":" + instance.port(), health(production, instance)));
            }
        });
    }

    private static String health(Production production, Instance instance) {
        return production.orchestrator().state(instance);
    }
}
