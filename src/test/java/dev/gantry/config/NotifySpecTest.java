package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify in gantry.yml and in config.yml, read into the same shape. */
class NotifySpecTest {
    @TempDir
    Path home;

    @Test
    void aServiceNamesItsChannelsAndUsesTheInstallationsServer() throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/fixtures/gantry-with-notify.yml"));

        NotifySpec notify = ServiceConfig.parse(yaml, "gantry.yml").notifications();

        assertThat(notify).isEqualTo(new NotifySpec(List.of(URI.create("https://hooks.example.com/gantry/books")),
                List.of(URI.create("https://hooks.slack.com/services/T000/B000/XXXX")),
                Optional.of(new EmailSpec(Optional.empty(), List.of("books-team@example.com", "oncall@example.com"))),
                Set.of("failed", "rolled-back")));
        assertThat(notify.wants("succeeded")).isFalse();
        assertThat(notify.wants("failed")).isTrue();
    }

    @Test
    void aServiceWithoutNotifyHasNoChannelsAndEveryEvent() {
        NotifySpec notify = ServiceConfig.parse("service: a\n", "gantry.yml").notifications();

        assertThat(notify).isEqualTo(NotifySpec.NONE);
        assertThat(notify.isEmpty()).isTrue();
        assertThat(NotifySpec.EVENTS).allMatch(notify::wants);
    }

    @Test
    void aServiceMayNameItsOwnServerWithoutCredentials() {
        NotifySpec notify = ServiceConfig.parse("""
                service: a
                notify:
                  email: {smtp: "[::1]:2525", from: a@example.com, to: b@example.com, tls: starttls}
                """, "gantry.yml").notifications();

        assertThat(notify.email()).contains(new EmailSpec(
                Optional.of(new SmtpServer("::1", 2525, "a@example.com", Optional.empty(), Optional.empty(), true)),
                List.of("b@example.com")));
    }

    @Test
    void theInstallationNamesTheServerWithItsLoginAndMayHaveNoRecipients() throws IOException {
        Files.writeString(home.resolve("config.yml"), """
                notify:
                  webhook: [http://127.0.0.1:9000/hook, https://ops.example.com/gantry?team=1]
                  email:
                    smtp: mail.example.com
                    from: gantry@example.com
                    username: gantry
                    password: 12345
                """);

        NotifySpec notify = Installation.load(Map.of("GANTRY_HOME", home.toString())).notifications();

        assertThat(notify).isEqualTo(new NotifySpec(
                List.of(URI.create("http://127.0.0.1:9000/hook"), URI.create("https://ops.example.com/gantry?team=1")),
                List.of(), Optional.of(new EmailSpec(Optional.of(new SmtpServer("mail.example.com", 25,
                        "gantry@example.com", Optional.of("gantry"), Optional.of("12345"), false)), List.of())),
                Set.copyOf(NotifySpec.EVENTS)));
        assertThat(new NotifySpec(List.of(), List.of(), notify.email(), notify.on()).isEmpty())
                .as("a server without recipients sends nothing by itself").isTrue();
    }

    @Test
    void anInstallationWithoutNotifyHasNone() {
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).notifications()).isEqualTo(NotifySpec.NONE);
    }

    @Test
    void theSmtpPasswordIsNeverShown() {
        var server = new SmtpServer("mail.example.com", 587, "g@example.com", Optional.of("gantry"),
                Optional.of("hunter2"), true);

        assertThat(server.toString()).doesNotContain("hunter2").contains("mail.example.com:587");
    }
}
