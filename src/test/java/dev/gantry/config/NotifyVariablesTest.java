package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GANTRY_NOTIFY_* variables: each replaces its key of config.yml's notify. */
class NotifyVariablesTest {
    @TempDir
    Path home;

    @Test
    void eachVariableReplacesItsKeyAndTheOthersStay() throws IOException {
        Files.writeString(home.resolve("config.yml"), """
                notify:
                  webhook: https://from-file.example.com/hook
                  slack: https://hooks.slack.com/services/T/B/X
                  email: {smtp: "mail.example.com:587", from: gantry@example.com, to: ops@example.com, tls: starttls}
                """);

        NotifySpec notify = load(Map.of("GANTRY_NOTIFY_WEBHOOK", " http://a.example.com/1  http://b.example.com/2 ",
                "GANTRY_NOTIFY_EMAIL_USERNAME", "gantry", "GANTRY_NOTIFY_EMAIL_PASSWORD", "from-a-secret-store",
                "GANTRY_NOTIFY_EMAIL_TO", "oncall@example.com dev@example.com", "GANTRY_NOTIFY_ON", "failed rolled-back"));

        assertThat(notify).isEqualTo(new NotifySpec(
                List.of(URI.create("http://a.example.com/1"), URI.create("http://b.example.com/2")),
                List.of(URI.create("https://hooks.slack.com/services/T/B/X")),
                Optional.of(new EmailSpec(Optional.of(new SmtpServer("mail.example.com", 587, "gantry@example.com",
                        Optional.of("gantry"), Optional.of("from-a-secret-store"), true)),
                        List.of("oncall@example.com", "dev@example.com"))),
                Set.of("failed", "rolled-back")));
    }

    @Test
    void theEnvironmentAloneCanNameAServer() {
        NotifySpec notify = load(Map.of("GANTRY_NOTIFY_EMAIL_SMTP", "[::1]:2525", "GANTRY_NOTIFY_EMAIL_FROM",
                "gantry@example.com", "GANTRY_NOTIFY_EMAIL_TO", "ops@example.com"));

        assertThat(notify.email()).contains(new EmailSpec(Optional.of(new SmtpServer("::1", 2525,
                "gantry@example.com", Optional.empty(), Optional.empty(), false)), List.of("ops@example.com")));
        assertThat(notify.webhooks()).isEmpty();
    }

    @Test
    void anEmptyVariableIsNotSet() throws IOException {
        Files.writeString(home.resolve("config.yml"), "notify: {webhook: https://a.example.com/x}\n");

        assertThat(load(Map.of("GANTRY_NOTIFY_WEBHOOK", "", "GANTRY_NOTIFY_EMAIL_TO", " ")).webhooks())
                .containsExactly(URI.create("https://a.example.com/x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GANTRY_NOTIFY_WEBHOOK        | http://a.example.com ftp://b | GANTRY_NOTIFY_WEBHOOK: should be words separated by spaces, each an http:// or https:// URL like https://hooks.example.com/gantry; "ftp://b" is not
            GANTRY_NOTIFY_ON             | failed,succeeded             | GANTRY_NOTIFY_ON: should be words separated by spaces, each succeeded or failed or rolled-back; "failed,succeeded" is not
            GANTRY_NOTIFY_EMAIL_TO       | ops@example.com              | GANTRY_NOTIFY_EMAIL_TO: needs GANTRY_NOTIFY_EMAIL_SMTP and GANTRY_NOTIFY_EMAIL_FROM too (or notify/email in config.yml): email needs a server and a sender
            GANTRY_NOTIFY_EMAIL_SMTP     | smtp://mail                  | GANTRY_NOTIFY_EMAIL_SMTP: should be HOST or HOST:PORT of the SMTP server, like mail.example.com:587, was "smtp://mail"
            GANTRY_NOTIFY_EMAIL_SMTP     | mail.example.com             | GANTRY_NOTIFY_EMAIL_SMTP: needs GANTRY_NOTIFY_EMAIL_FROM too (or notify/email in config.yml): email needs a server and a sender
            GANTRY_NOTIFY_EMAIL_PASSWORD | secret                       | GANTRY_NOTIFY_EMAIL_PASSWORD: needs GANTRY_NOTIFY_EMAIL_SMTP and GANTRY_NOTIFY_EMAIL_FROM too
            """)
    void namesTheVariableWithABadValue(String variable, String value, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(Map.of(variable, value)));

        assertThat(e.source()).isEqualTo("The environment");
        assertThat(e.getMessage()).contains("\n  " + expected);
    }

    @Test
    void aPasswordWithoutAUsernameNamesTheMissingVariable() throws IOException {
        Files.writeString(home.resolve("config.yml"), "notify:\n  email: {smtp: mail, from: g@example.com}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> load(Map.of("GANTRY_NOTIFY_EMAIL_PASSWORD", "secret")));

        assertThat(e.getMessage()).contains("\n  GANTRY_NOTIFY_EMAIL_USERNAME: is needed beside the password; give both,"
                + " or neither for a server without login").doesNotContain("secret");
    }

    private NotifySpec load(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("GANTRY_HOME", home.toString());
        return Installation.load(env).notifications();
    }
}
