package dev.gantry.cli;

import dev.gantry.secret.SecretEntry;
import dev.gantry.secret.SecretName;
import dev.gantry.secret.Vault;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry secret set|list|remove}: a service's secrets, given to its containers and masked in output. */
@Command(name = "secret", description = "Set, list and remove the secrets of a service (docs/secrets.md).",
        subcommands = {SecretCommand.SetSecret.class, SecretCommand.ListSecrets.class, SecretCommand.RemoveSecret.class})
final class SecretCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: set, list or remove.");
    }

    /** {@code gantry secret set SERVICE NAME}: the value from standard input. */
    @Command(name = "set", description = "Set secret NAME of SERVICE to the value on standard input (not echoed).")
    static final class SetSecret implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, as named in its gantry.yml.")
        String service;

        @Parameters(index = "1", paramLabel = "NAME", description = "An environment variable name, like DB_PASSWORD.")
        String name;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SecretName.of(service, name);
            String value = SecretInput.read(name + " of " + service);
            try (InstallationParts parts = InstallationParts.open()) {
                Vault.of(parts.installation.home(), parts.store()).set(service, name, value);
            }
            spec.commandLine().getOut().println("secret " + name + " of " + service + " set");
            return 0;
        }
    }

    /** {@code gantry secret list SERVICE}: names and when each was set, never values. */
    @Command(name = "list", description = "List the secrets of SERVICE: names and when each was set, never values.")
    static final class ListSecrets implements Callable<Integer> {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneId.systemDefault());

        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, as named in its gantry.yml.")
        String service;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SecretName.checkService(service);
            try (InstallationParts parts = InstallationParts.open()) {
                List<SecretEntry> secrets = Vault.of(parts.installation.home(), parts.store()).list(service);
                if (secrets.isEmpty()) {
                    out.println(service + " has no secrets. Set one with `gantry secret set " + service + " NAME < FILE`.");
                    return 0;
                }
                int width = Math.max(4, secrets.stream().mapToInt(s -> s.name().length()).max().orElse(0));
                out.println(String.format("%-" + width + "s  %s", "NAME", "SET"));
                secrets.forEach(s -> out.println(String.format("%-" + width + "s  %s", s.name(), WHEN.format(s.updatedAt()))));
            }
            return 0;
        }
    }

    /** {@code gantry secret remove SERVICE NAME}. */
    @Command(name = "remove", description = "Remove secret NAME of SERVICE; its containers keep it until the next deploy.")
    static final class RemoveSecret implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, as named in its gantry.yml.")
        String service;

        @Parameters(index = "1", paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SecretName.of(service, name);
            try (InstallationParts parts = InstallationParts.open()) {
                Vault.of(parts.installation.home(), parts.store()).remove(service, name);
            }
            spec.commandLine().getOut().println("secret " + name + " of " + service + " removed");
            return 0;
        }
    }
}
