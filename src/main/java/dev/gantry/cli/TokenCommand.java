package dev.gantry.cli;

import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import dev.gantry.server.ServerInputException;
import dev.gantry.server.TokenExpiry;
import dev.gantry.store.StoredToken;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry token create|list|revoke}: the API tokens of {@code gantry server} (docs/server.md). */
@Command(name = "token", description = "Create, list and revoke API tokens of gantry server (docs/server.md).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: create, list or revoke.");
    }

    /** {@code gantry token create NAME [--scope S] [--expires 30d]}: prints the new token, the only time it is shown. */
    @Command(name = "create", description = "Create a token named NAME and print it; it is shown this once only.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "What the token is for, like ci or deploy-bot.")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "deploy", description = "read (every GET),"
                + " deploy (also push, run, deploy, rollback) or admin (also locks, untested images, services,"
                + " tokens); default: ${DEFAULT-VALUE}.")
        String scope;

        @Option(names = "--expires", paramLabel = "DURATION",
                description = "Refuse the token after this long: 30d, 12h, 90m. Default: never.")
        String expires;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Scope chosen = Scope.parse(scope);  // bad input refused before the store is opened
            Optional<Duration> lifetime = Optional.ofNullable(expires).map(TokenExpiry::parse);
            try (InstallationParts parts = InstallationParts.open()) {
                String token = new ApiTokens(parts.store().apiTokens()).create(name, chosen, lifetime);
                spec.commandLine().getOut().println(token);
                spec.commandLine().getErr().println("token " + name + " (scope " + chosen.word() + ", "
                        + lifetime.map(l -> "expires in " + expires.strip()).orElse("never expires") + ") created."
                        + " It is shown only this once and Gantry keeps only its hash: store it now. Use it as:"
                        + " Authorization: Bearer <token>");
            }
            return 0;
        }
    }

    /** {@code gantry token list}: names, scopes, when created, last used and when they expire; never the tokens. */
    @Command(name = "list", description = "List the tokens: names, scopes, when each was created, last used and expires.")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstallationParts parts = InstallationParts.open()) {
                List<StoredToken> tokens = new ApiTokens(parts.store().apiTokens()).list();
                if (tokens.isEmpty()) {
                    out.println("No tokens. Create one with: gantry token create NAME");
                }
                for (StoredToken token : tokens) {
                    out.println(String.format("%-24s %-7s created %s   last used %-19s   expires %s", token.name(),
                            token.scope(), WHEN.format(token.createdAt()),
                            token.lastUsedAt().map(WHEN::format).orElse("never"),
                            token.expiresAt().map(at -> (at.isAfter(Instant.now()) ? "" : "(expired) ") + WHEN.format(at))
                                    .orElse("never")));
                }
            }
            return 0;
        }
    }

    /** {@code gantry token revoke NAME}. */
    @Command(name = "revoke", description = "Revoke the token named NAME: the server refuses it from now on.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The token's name, as `gantry token list` shows it.")
        String name;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (InstallationParts parts = InstallationParts.open()) {
                if (!new ApiTokens(parts.store().apiTokens()).revoke(name)) {
                    throw new ServerInputException("There is no token named " + name
                            + "; `gantry token list` shows the tokens.");
                }
            }
            spec.commandLine().getOut().println("token " + name + " revoked");
            return 0;
        }
    }
}
