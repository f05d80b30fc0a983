package dev.gantry.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whom a commit's gantry.yml may email (docs/notifications.md): its recipients are chosen by whoever can
 * push, and Gantry sends through the installation's SMTP server under the installation's sender, so they
 * must be in a domain or be an address the installation allows ({@code notify-allowed-emails}, and always
 * the domains of config.yml's own notify/email), and be at most {@code maxRecipients}.
 *
 * @param entries domains ({@code example.com}) and addresses ({@code ops@partner.org}), in lower case
 * @param maxRecipients the most recipients one gantry.yml may name
 */
public record EmailAllowance(List<String> entries, int maxRecipients) {
    /** {@code notify-max-recipients} when config.yml and the environment set none. */
    public static final int MAX_RECIPIENTS = 10;
    /** Nobody, and the default count: what a gantry.yml may email when the installation allows no one. */
    public static final EmailAllowance NONE = new EmailAllowance(List.of(), MAX_RECIPIENTS);
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    static final Rule<String> ENTRY = Rule.string("a domain like example.com or an address like ops@example.com",
            text -> DOMAIN.matcher(text).matches() || EmailSpec.ADDRESS.apply(text).isPresent())
            .map(text -> text.toLowerCase(Locale.ROOT));

    /** Lower-cases and copies the entries. */
    public EmailAllowance {
        entries = entries.stream().map(entry -> entry.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** These entries and the domains of the sender and recipients of the installation's own email. */
    EmailAllowance with(NotifySpec installation) {
        List<String> all = new ArrayList<>(entries);
        installation.email().ifPresent(email -> Stream.concat(email.server().map(SmtpServer::from).stream(),
                email.to().stream()).map(EmailAllowance::domain).forEach(all::add));
        return new EmailAllowance(all, maxRecipients);
    }

    /** Whether {@code address} is an allowed address or in an allowed domain (not its subdomains). */
    public boolean allows(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        return entries.contains(lower) || entries.contains(domain(lower));
    }

    /** The recipients of {@code to} that are allowed, in order, at most {@link #maxRecipients()} of them. */
    public List<String> allowed(List<String> to) {
        return distinct(to.stream().filter(this::allows).toList()).stream().limit(maxRecipients).toList();
    }

    /** {@code to} without repeats, an address in other case being the same address; in order. */
    static List<String> distinct(List<String> to) {
        Set<String> seen = new HashSet<>();
        return to.stream().filter(address -> seen.add(address.toLowerCase(Locale.ROOT))).toList();
    }

    /** The entries for a message; says so when there are none. */
    String shown() {
        return entries.isEmpty() ? "none (notify-allowed-emails is not set and config.yml names no email)"
                : String.join(", ", entries);
    }

    private static String domain(String address) {
        return Optional.of(address.lastIndexOf('@')).filter(at -> at >= 0).map(at -> address.substring(at + 1))
                .orElse(address).toLowerCase(Locale.ROOT);
    }
}
