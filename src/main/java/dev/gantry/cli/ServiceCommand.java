package dev.gantry.cli;

import dev.gantry.config.BranchName;
import dev.gantry.config.ServiceName;
import dev.gantry.config.MaskedUrl;
import dev.gantry.server.ServerInputException;
import dev.gantry.store.KnownService;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry service add|list}: the services {@code gantry server} knows (docs/server.md). */
@Command(name = "service", description = "Add and list the services gantry server knows (docs/server.md).",
        subcommands = {ServiceCommand.Add.class, ServiceCommand.ListServices.class})
final class ServiceCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: add or list.");
    }

    /** {@code gantry service add SERVICE [--remote URL] [--branch main]}; adding again updates. */
    @Command(name = "add", description = "Make SERVICE known to gantry server; adding it again updates it.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, as named in its gantry.yml.")
        String service;

        @Option(names = "--remote", paramLabel = "URL", description = "The git repository the service comes from.")
        String remote;

        @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main",
                description = "The branch whose commits are deployed (default: ${DEFAULT-VALUE}).")
        String branch;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!ServiceName.isValid(service)) {
                throw new ServerInputException("The service \"" + service + "\" is not a service name: it should be "
                        + ServiceName.rule() + ", as in its gantry.yml.");
            }
            BranchName.refusal(branch).ifPresent(refusal -> {
                throw new ServerInputException(refusal);
            });
            if (remote != null && (remote.isBlank() || remote.chars().anyMatch(Character::isISOControl))) {
                throw new ServerInputException("The remote \"" + remote + "\" is not a git URL; give one like"
                        + " https://git.example.com/team/books.git.");
            }
            try (InstallationParts parts = InstallationParts.open()) {
                boolean known = parts.store().services().find(service).isPresent();
                parts.store().services().put(new KnownService(service, Optional.ofNullable(remote), branch, Instant.now()));
                spec.commandLine().getOut().println("service " + service + (known ? " updated" : " added")
                        + " (branch " + branch + (remote == null ? "" : ", remote " + MaskedUrl.mask(remote)) + ")");
            }
            return 0;
        }
    }

    /** {@code gantry service list}. */
    @Command(name = "list", description = "List the services gantry server knows.")
    static final class ListServices implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstallationParts parts = InstallationParts.open()) {
                List<KnownService> services = parts.store().services().all();
                if (services.isEmpty()) {
                    out.println("No services yet. Add one with: gantry service add SERVICE");
                }
                services.forEach(s -> out.println(String.format("%-40s branch %-16s %s", s.name(), s.branch(),
                        s.remote().map(MaskedUrl::mask).orElse("(no remote)"))));
            }
            return 0;
        }
    }
}
