package dev.gantry.notify;

import dev.gantry.config.EmailSpec;
import dev.gantry.config.NotifySpec;
import dev.gantry.config.SmtpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The channels of one {@code notify} section: its webhooks, Slack URLs and email recipients. */
final class Channels {
    private final HttpPost http;
    private final Optional<SmtpServer> installationServer;
    private final Consumer<String> problems;

    /**
     * Channels that post with {@code http} and send email through {@code installationServer} unless
     * a section names its own; a section that cannot be sent is reported to {@code problems}.
     */
    Channels(HttpPost http, Optional<SmtpServer> installationServer, Consumer<String> problems) {
        this.http = http;
        this.installationServer = installationServer;
        this.problems = problems;
    }

    List<Channel> of(NotifySpec spec) {
        List<Channel> channels = new ArrayList<>();
        spec.webhooks().forEach(url -> channels.add(new WebhookChannel(url, http)));
        spec.slack().forEach(url -> channels.add(new SlackChannel(url, http)));
        spec.email().filter(email -> !email.to().isEmpty()).ifPresent(email -> email(email, channels));
        return channels;
    }

    private void email(EmailSpec email, List<Channel> channels) {
        Optional<SmtpServer> server = email.server().or(() -> installationServer);
        if (server.isEmpty()) {
            problems.accept("email to " + String.join(", ", email.to()) + " not sent: gantry.yml's notify/email has no"
                    + " smtp, and $GANTRY_HOME/config.yml has no notify/email server to use instead; add one of them");
            return;
        }
        channels.add(new EmailChannel(server.get(), email.to()));
    }
}
