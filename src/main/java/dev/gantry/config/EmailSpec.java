package dev.gantry.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Email at the end of a run: {@code notify/email} in config.yml or gantry.yml.
 *
 * @param server the SMTP server and sender; empty in a gantry.yml that uses the installation's
 * @param to the recipients; empty in a config.yml that only names the server for the services
 */
public record EmailSpec(Optional<SmtpServer> server, List<String> to) {
    static final List<String> KEYS = List.of("smtp", "from", "to", "username", "password", "tls");
    static final Rule<String> ADDRESS = Rule.matching("an email address like ops@example.com", Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"));
    private static final List<String> CREDENTIALS = List.of("username", "password");

    /** Checks for nulls and copies the list. */
    public EmailSpec {
        Objects.requireNonNull(server, "server");
        to = List.copyOf(to);
    }

    /** config.yml: the server is required, the recipients are not (the services may name their own). */
    static Optional<EmailSpec> readInstallation(YamlMap email) {
        if (KEYS.stream().noneMatch(email::has)) {
            return Optional.empty();
        }
        return Optional.of(new EmailSpec(SmtpServer.read(email), email.list("to", ADDRESS)));
    }

    /**
     * gantry.yml: the recipients are required; no credentials, because the file is committed with the
     * service's code; the server is optional (the installation's is used without it).
     */
    static Optional<EmailSpec> readService(YamlMap email) {
        if (KEYS.stream().noneMatch(email::has)) {
            return Optional.empty();
        }
        CREDENTIALS.stream().filter(email::has).forEach(key -> email.problem(key, "is not allowed in gantry.yml, which"
                + " is committed with the service's code; put the SMTP server and its credentials in"
                + " $GANTRY_HOME/config.yml (notify/email) and leave smtp out here to use that server"));
        if (!email.has("to")) {
            email.missing("to", "to: [team@example.com]");
        }
        Optional<SmtpServer> server = email.has("smtp") || email.has("from") ? SmtpServer.read(email) : Optional.empty();
        return Optional.of(new EmailSpec(server, email.list("to", ADDRESS)));
    }
}
