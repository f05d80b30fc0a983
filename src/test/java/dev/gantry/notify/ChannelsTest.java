package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.EmailSpec;
import dev.gantry.config.NotifySpec;
import dev.gantry.config.SmtpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The channels of a notify section, and the SMTP server its email goes through. */
class ChannelsTest {
    private static final SmtpServer INSTALLATION_SERVER = new SmtpServer("mail.example.com", 587, "gantry@example.com",
            Optional.of("gantry"), Optional.of("secret"), true);
    private static final URI HOOK = URI.create("https://ops.example.com/hook");
    private static final URI SLACK = URI.create("https://hooks.slack.com/services/T/B/X");

    private final HttpPost http = new HttpPost();
    private final List<String> problems = new ArrayList<>();

    @Test
    void aSectionGivesOneChannelPerUrlAndOneForItsEmail() {
        var channels = new Channels(http, Optional.of(INSTALLATION_SERVER), problems::add);

        List<Channel> of = channels.of(spec(List.of(HOOK), List.of(SLACK),
                Optional.of(new EmailSpec(Optional.empty(), List.of("team@example.com", "oncall@example.com")))));

        assertThat(of).containsExactly(new WebhookChannel(HOOK, http), new SlackChannel(SLACK, http),
                new EmailChannel(INSTALLATION_SERVER, List.of("team@example.com", "oncall@example.com")));
        assertThat(of).extracting(Channel::name).containsExactly("webhook https://ops.example.com/…",
                "slack https://hooks.slack.com/…", "email to team@example.com, oncall@example.com via mail.example.com:587");
        assertThat(problems).isEmpty();
    }

    @Test
    void theSameUrlAtBothLevelsIsTheSameChannel() {
        var channels = new Channels(http, Optional.empty(), problems::add);

        assertThat(channels.of(spec(List.of(HOOK), List.of(), Optional.empty())))
                .isEqualTo(channels.of(spec(List.of(URI.create(HOOK.toString())), List.of(), Optional.empty())));
    }

    @Test
    void aServicesOwnServerIsUsedInsteadOfTheInstallations() {
        var own = new SmtpServer("smtp.books.example.com", 25, "books@example.com", Optional.empty(), Optional.empty(),
                false);

        List<Channel> of = new Channels(http, Optional.of(INSTALLATION_SERVER), problems::add)
                .of(spec(List.of(), List.of(), Optional.of(new EmailSpec(Optional.of(own), List.of("a@example.com")))));

        assertThat(of).containsExactly(new EmailChannel(own, List.of("a@example.com")));
    }

    @Test
    void emailWithoutAnyServerIsAProblemNotAChannel() {
        List<Channel> of = new Channels(http, Optional.empty(), problems::add)
                .of(spec(List.of(), List.of(), Optional.of(new EmailSpec(Optional.empty(), List.of("a@example.com")))));

        assertThat(of).isEmpty();
        assertThat(problems).containsExactly("email to a@example.com not sent: gantry.yml's notify/email has no smtp,"
                + " and $GANTRY_HOME/config.yml has no notify/email server to use instead; add one of them");
    }

    @Test
    void anInstallationServerWithoutRecipientsSendsNothingByItself() {
        List<Channel> of = new Channels(http, Optional.of(INSTALLATION_SERVER), problems::add)
                .of(spec(List.of(), List.of(), Optional.of(new EmailSpec(Optional.of(INSTALLATION_SERVER), List.of()))));

        assertThat(of).isEmpty();
        assertThat(problems).isEmpty();
    }

    private static NotifySpec spec(List<URI> webhooks, List<URI> slack, Optional<EmailSpec> email) {
        return new NotifySpec(webhooks, slack, email, Set.copyOf(NotifySpec.EVENTS));
    }
}
