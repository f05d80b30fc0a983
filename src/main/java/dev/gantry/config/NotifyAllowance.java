package dev.gantry.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where a commit's gantry.yml may send notifications (docs/notifications.md): a gantry.yml is chosen by
 * whoever can push, and Gantry posts from inside the installation's network, so its URLs (and its own
 * SMTP server) must start with a prefix the installation allows: {@code notify-allowed-urls} in
 * config.yml, and always the origins of the installation's own notify channels; its email recipients must
 * be ones the installation allows, and few ({@link EmailAllowance}).
 *
 * @param prefixes URL prefixes ({@code https://hooks.example.com/services/T01}, {@code smtp://mail:587})
 * @param emails whom a gantry.yml may email, and how many
 */
public record NotifyAllowance(List<URI> prefixes, EmailAllowance emails) {
    static final Rule<URI> PREFIX = Rule.string("an http://, https:// or smtp:// URL prefix without query, like"
            + " https://hooks.slack.com/services/T0123", NotifyAllowance::isPrefix).map(URI::create);

    /** Copies the list. */
    public NotifyAllowance {
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(emails, "emails");
    }

    /**
     * {@code allowed} and the origins of the installation's own channels ({@code installation}); {@code emails}
     * and the domains of the installation's own email.
     */
    static NotifyAllowance of(List<URI> allowed, EmailAllowance emails, NotifySpec installation) {
        List<URI> all = new ArrayList<>(allowed);
        Stream.concat(installation.webhooks().stream(), installation.slack().stream())
                .map(url -> URI.create(url.getScheme() + "://" + url.getRawAuthority())).forEach(all::add);
        installation.email().flatMap(EmailSpec::server).map(NotifyAllowance::smtp).ifPresent(all::add);
        return new NotifyAllowance(all.stream().distinct().toList(), emails.with(installation));
    }

    /** Whether {@code url} starts with an allowed prefix: same scheme, host and port, and the path within. */
    public boolean allows(URI url) {
        return prefixes.stream().anyMatch(prefix -> within(prefix, url));
    }

    /** The SMTP server as a URL, to compare with the prefixes. */
    public static URI smtp(SmtpServer server) {
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        return URI.create("smtp://" + host + ":" + server.port());
    }

    /**
     * The problems of a gantry.yml ({@code yaml}, parsed as {@code config}) naming a destination outside
     * the allowance, each with its key path and line; empty when every one is allowed.
     */
    public List<ConfigProblem> check(ServiceConfig config, String yaml) {
        List<ConfigProblem> problems = new ArrayList<>();
        check(config.notifications(), yaml, problems);
        return problems;
    }

    private List<ConfigProblem> check(NotifySpec notify) {
        List<ConfigProblem> problems = new ArrayList<>();
        check(notify, "", problems);
        return problems;
    }

    private void check(NotifySpec notify, String yaml, List<ConfigProblem> problems) {
        check("notify/webhook", notify.webhooks(), yaml, problems);
        check("notify/slack", notify.slack(), yaml, problems);
        notify.email().flatMap(EmailSpec::server).ifPresent(server ->
                check("notify/email/smtp", List.of(smtp(server)), yaml, problems));
        notify.email().ifPresent(email -> checkRecipients(email.to(), yaml, problems));
    }

    private void checkRecipients(List<String> to, String yaml, List<ConfigProblem> problems) {
        int distinct = EmailAllowance.distinct(to).size();
        if (distinct > emails.maxRecipients()) {
            problems.add(new ConfigProblem("notify/email/to", lineOf(yaml, to.get(emails.maxRecipients())),
                    "should name at most " + emails.maxRecipients() + " recipients, names " + distinct + ". Mail a"
                            + " list address instead, or raise notify-max-recipients in $GANTRY_HOME/config.yml"));
        }
        for (int i = 0; i < to.size(); i++) {
            if (!emails.allows(to.get(i))) {
                problems.add(new ConfigProblem("notify/email/to/" + i, lineOf(yaml, to.get(i)), "should be a"
                        + " recipient this installation allows for gantry.yml, was \"" + to.get(i) + "\"; allowed: "
                        + emails.shown() + ". Add its domain or the address to notify-allowed-emails in"
                        + " $GANTRY_HOME/config.yml, or put the recipient in config.yml's notify/email instead"));
            }
        }
    }

    /**
     * {@code service} without the destinations outside the allowance, each told to {@code skipped}: for a
     * gantry.yml kept in the store (deploy, rollback, recovery) that was checked under other settings.
     */
    public NotifySpec restrict(NotifySpec service, Consumer<String> skipped) {
        if (check(service).isEmpty()) {
            return service;
        }
        List<URI> webhooks = allowed(service.webhooks(), skipped);
        List<URI> slack = allowed(service.slack(), skipped);
        Optional<EmailSpec> email = service.email().filter(spec -> spec.server().map(server -> {
            boolean allowed = allows(smtp(server));
            if (!allowed) {
                skipped.accept("gantry.yml's notify/email/smtp " + server.host() + ":" + server.port()
                        + " is not allowed by notify-allowed-urls; its email is not sent");
            }
            return allowed;
        }).orElse(true)).map(spec -> new EmailSpec(spec.server(), recipients(spec.to(), skipped)));
        return new NotifySpec(webhooks, slack, email, service.on());
    }

    private List<String> recipients(List<String> to, Consumer<String> skipped) {
        List<String> allowed = emails.allowed(to);
        to.stream().filter(address -> !emails.allows(address)).forEach(address -> skipped.accept("gantry.yml's"
                + " notify/email/to " + address + " is not allowed by notify-allowed-emails; it is not sent"));
        if (EmailAllowance.distinct(to.stream().filter(emails::allows).toList()).size() > allowed.size()) {
            skipped.accept("gantry.yml's notify/email/to names more than notify-max-recipients ("
                    + emails.maxRecipients() + "); only the first " + allowed.size() + " are sent");
        }
        return allowed;
    }

    private List<URI> allowed(List<URI> urls, Consumer<String> skipped) {
        urls.stream().filter(url -> !allows(url)).forEach(url -> skipped.accept("gantry.yml's notify URL " + url
                + " is not allowed by notify-allowed-urls; it is not sent"));
        return urls.stream().filter(this::allows).toList();
    }

    private void check(String key, List<URI> urls, String yaml, List<ConfigProblem> problems) {
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            if (!allows(url)) {
                boolean smtp = url.getScheme().equals("smtp");
                String shown = smtp ? url.getRawAuthority() : url.toString();
                problems.add(new ConfigProblem(smtp ? key : key + "/" + i, lineOf(yaml, smtp ? url.getHost() : shown),
                        "should be a destination this installation allows for gantry.yml, was \"" + shown + "\";"
                                + " allowed: " + shownPrefixes() + ". Add its prefix to notify-allowed-urls in"
                                + " $GANTRY_HOME/config.yml, or put the channel in config.yml's notify instead"));
            }
        }
    }

    private String shownPrefixes() {
        return prefixes.isEmpty() ? "none (notify-allowed-urls is not set)"
                : String.join(", ", prefixes.stream().map(URI::toString).toList());
    }

    private static boolean within(URI prefix, URI url) {
        if (!prefix.getScheme().equalsIgnoreCase(url.getScheme()) || url.getHost() == null
                || !prefix.getHost().equalsIgnoreCase(url.getHost()) || port(prefix) != port(url)) {
            return false;
        }
        String base = Optional.ofNullable(prefix.getRawPath()).orElse("");
        String path = Optional.ofNullable(url.getRawPath()).orElse("");
        if (base.isEmpty() || base.equals("/")) {
            return true;
        }
        String dir = base.endsWith("/") ? base : base + "/";
        return path.equals(base) || path.startsWith(dir);  // on a segment boundary: /T01 never admits /T012
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return switch (url.getScheme().toLowerCase(Locale.ROOT)) {
            case "https" -> 443;
            case "smtp" -> 25;
            default -> 80;
        };
    }

    /** The line of gantry.yml that names {@code text}, or 0 if none does as written. */
    private static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean isPrefix(String text) {
        if (text.length() > 2048 || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return Stream.of("http", "https", "smtp").anyMatch(s -> s.equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getPort() <= 65535;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
