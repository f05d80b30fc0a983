package dev.gantry.cli;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.config.Installation;
import dev.gantry.deploy.HealthCheck;
import dev.gantry.deploy.Orchestrator;
import dev.gantry.engine.Engine;
import dev.gantry.image.Registry;
import dev.gantry.pipeline.CdEngine;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code gantry doctor}: checks every part of the environment and says how to fix what is broken. */
@Command(name = "doctor", description = "Check Docker, the registry, the proxies, etcd and the store.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private int problems;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        Installation installation = Installation.load(System.getenv());
        out.println("Gantry home: " + installation.home());
        boolean separate = CdEngine.separate(installation);
        try (Engine production = Engine.connect(installation.dockerHost())) {
            if (check("docker", () -> CdEngine.production(production.describe(), production.address(), separate))) {
                check("runs on", () -> Orchestrator.on(production, HealthCheck.http()).describe());
            }
        }
        if (separate) {
            try (Engine cd = Engine.connect(installation.effectiveCdDockerHost())) {
                check("cd engine", () -> CdEngine.cd(CdEngine.describe(cd), cd.address()));
            }
        }
        check("registry", () -> {
            Registry.at(installation.registry(), installation.logins().registry()).ping();
            return installation.registry() + " answers the registry API";
        });
        Checks.proxies(installation).forEach(this::check);
        check("etcd", () -> Checks.etcd(installation));
        check("store", () -> {
            try (Store store = Store.open(installation.storeUrl())) {
                return store.url() + " (schema up to date)";
            }
        });
        out.println(problems == 0 ? "Everything Gantry needs is here." : problems + " problem(s) found; fix them as said above.");
        return problems == 0 ? 0 : ExitCode.ENVIRONMENT_UNUSABLE.code();
    }

    /** Prints what {@code probe} found, or its problem; answers whether it found no problem. */
    private boolean check(String what, Supplier<String> probe) {
        try {
            out.println(String.format("  ok    %-12s %s", what, probe.get()));
            return true;
        } catch (GantryException e) {
            problems++;
            out.println(String.format("  FAIL  %-12s %s", what, e.getMessage()));
            return false;
        }
    }
}
