package dev.gantry.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the end of a run is announced: {@code notify} in gantry.yml (the service's channels) and in
 * config.yml (the installation's). Both apply; each one's {@code on} filters its own channels.
 * The keys are documented in docs/notifications.md.
 *
 * @param webhooks URLs that receive Gantry's JSON body
 * @param slack Slack (or Slack-compatible) incoming-webhook URLs
 * @param email recipients, and the SMTP server if this level has its own
 * @param on the events sent to these channels: succeeded, failed, rolled-back
 */
public record NotifySpec(List<URI> webhooks, List<URI> slack, Optional<EmailSpec> email, Set<String> on) {
    /** Every event, in the order docs list them. */
    public static final List<String> EVENTS = List.of("succeeded", "failed", "rolled-back");
    /** No channel at all. */
    public static final NotifySpec NONE = new NotifySpec(List.of(), List.of(), Optional.empty(), Set.copyOf(EVENTS));
    static final List<String> KEYS = List.of("webhook", "slack", "email", "on");
    static final Rule<URI> URL = Rule.string("an http:// or https:// URL like https://hooks.example.com/gantry",
            NotifySpec::isUrl).map(URI::create);
    static final Rule<String> EVENT = Rule.oneOf(EVENTS.toArray(String[]::new));

    /** Checks for nulls and copies the lists. */
    public NotifySpec {
        webhooks = List.copyOf(webhooks);
        slack = List.copyOf(slack);
        Objects.requireNonNull(email, "email");
        on = Set.copyOf(on);
    }

    /** Whether these channels are told about {@code event}. */
    public boolean wants(String event) {
        return on.contains(event);
    }

    /** Whether there is any channel at this level. */
    public boolean isEmpty() {
        return webhooks.isEmpty() && slack.isEmpty() && email.map(e -> e.to().isEmpty()).orElse(true);
    }

    /** {@code notify} of config.yml: an email section must name its SMTP server. */
    static NotifySpec readInstallation(YamlMap notify) {
        return read(notify, EmailSpec.readInstallation(notify.section("email", EmailSpec.KEYS)));
    }

    /** {@code notify} of gantry.yml: no credentials, and the installation's SMTP server unless one is named. */
    static NotifySpec readService(YamlMap notify) {
        return read(notify, EmailSpec.readService(notify.section("email", EmailSpec.KEYS)));
    }

    private static NotifySpec read(YamlMap notify, Optional<EmailSpec> email) {
        List<String> on = notify.list("on", EVENT);
        return new NotifySpec(notify.list("webhook", URL), notify.list("slack", URL), email,
                on.isEmpty() ? Set.copyOf(EVENTS) : Set.copyOf(on));
    }

    private static boolean isUrl(String text) {
        if (text.length() > 2048 || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null && uri.getPort() <= 65535;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
