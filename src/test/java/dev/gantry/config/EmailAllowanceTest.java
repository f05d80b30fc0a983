package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAllowanceTest {
    private static final NotifySpec OWN_EMAIL = NotifySpec.readInstallation(YamlDocument.compose("""
            email: {smtp: "mail.example.com:587", from: gantry@ci.example.com, to: [ops@Example.com]}
            """, new Problems()).flatMap(root -> YamlMap.root(root, new Problems(), NotifySpec.KEYS)).orElseThrow());
    private static final NotifyAllowance ALLOWANCE = NotifyAllowance.of(List.of(),
            new EmailAllowance(List.of("partner.org", "Alice@Elsewhere.net"), 3), OWN_EMAIL);

    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            team@example.com          | true
            TEAM@EXAMPLE.COM          | true
            build@ci.example.com      | true
            bob@partner.org           | true
            alice@elsewhere.net       | true
            bob@elsewhere.net         | false
            anyone@mail.example.com   | false
            victim@gmail.com          | false
            ops@example.com.evil.net  | false
            """)
    void aRecipientIsAllowedByItsAddressOrItsExactDomain(String address, boolean allowed) {
        assertThat(ALLOWANCE.emails().allows(address)).isEqualTo(allowed);
    }

    @Test
    void byDefaultOnlyTheDomainsOfTheInstallationsOwnEmailAreAllowed() {
        assertThat(NotifyAllowance.of(List.of(), EmailAllowance.NONE, OWN_EMAIL).emails().entries())
                .containsExactly("ci.example.com", "example.com");
        assertThat(NotifyAllowance.of(List.of(), EmailAllowance.NONE, NotifySpec.NONE).emails().allows("a@example.com"))
                .as("an installation that sends no email allows no recipient").isFalse();
    }

    @Test
    void aGantryYmlMailingOutsideIsAProblemWithItsKeyPathAndLine() {
        String yaml = """
                service: books-ms
                notify:
                  email:
                    to:
                      - team@example.com
                      - victim@gmail.com
                """;

        List<ConfigProblem> problems = ALLOWANCE.check(ServiceConfig.parse(yaml, "gantry.yml"), yaml);

        assertThat(problems).extracting(ConfigProblem::keyPath, ConfigProblem::line)
                .containsExactly(tuple("notify/email/to/1", 6));
        assertThat(problems.getFirst().message()).isEqualTo("should be a recipient this installation allows for"
                + " gantry.yml, was \"victim@gmail.com\"; allowed: partner.org, alice@elsewhere.net, ci.example.com,"
                + " example.com. Add its domain or the address to notify-allowed-emails in $GANTRY_HOME/config.yml,"
                + " or put the recipient in config.yml's notify/email instead");
    }

    @Test
    void aGantryYmlNamingMoreRecipientsThanTheMaximumIsAProblemAtTheFirstOneTooMany() {
        String yaml = "service: books-ms\nnotify:\n  email:\n    to:\n" + IntStream.range(0, 5)
                .mapToObj(i -> "      - dev" + i + "@example.com\n").reduce("", String::concat);

        List<ConfigProblem> problems = ALLOWANCE.check(ServiceConfig.parse(yaml, "gantry.yml"), yaml);

        assertThat(problems).extracting(ConfigProblem::keyPath, ConfigProblem::line, ConfigProblem::message)
                .containsExactly(tuple("notify/email/to", 8, "should name at most 3 recipients, names 5. Mail a list"
                        + " address instead, or raise notify-max-recipients in $GANTRY_HOME/config.yml"));
    }

    @Test
    void aStoredGantryYmlKeepsOnlyTheAllowedRecipientsUpToTheMaximumAndSaysWhatItLeftOut() {
        var stored = new NotifySpec(List.of(), List.of(), java.util.Optional.of(new EmailSpec(java.util.Optional.empty(),
                List.of("a@example.com", "victim@gmail.com", "A@Example.COM", "b@example.com", "c@example.com",
                        "d@example.com"))),
                java.util.Set.copyOf(NotifySpec.EVENTS));
        List<String> skipped = new ArrayList<>();

        NotifySpec restricted = ALLOWANCE.restrict(stored, skipped::add);

        assertThat(restricted.email().orElseThrow().to()).containsExactly("a@example.com", "b@example.com", "c@example.com");
        assertThat(skipped).containsExactly(
                "gantry.yml's notify/email/to victim@gmail.com is not allowed by notify-allowed-emails; it is not sent",
                "gantry.yml's notify/email/to names more than notify-max-recipients (3); only the first 3 are sent");
    }

    @Test
    void theSettingsComeFromConfigYmlOrTheEnvironmentWithDefaults() throws IOException {
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).notifyAllowedEmails())
                .isEqualTo(new EmailAllowance(List.of(), 10));
        Files.writeString(home.resolve("config.yml"), """
                notify-allowed-emails: [example.com, alice@partner.org]
                notify-max-recipients: 4
                """);

        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).notifyAllowedEmails())
                .isEqualTo(new EmailAllowance(List.of("example.com", "alice@partner.org"), 4));
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_NOTIFY_ALLOWED_EMAILS",
                "other.org  bob@x.org", "GANTRY_NOTIFY_MAX_RECIPIENTS", "2")).notifyAllowedEmails())
                .isEqualTo(new EmailAllowance(List.of("other.org", "bob@x.org"), 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            notify-allowed-emails: ['*.example.com'] | notify-allowed-emails/0 (line 1): should be a domain like example.com or an address like ops@example.com, was "*.example.com"
            notify-max-recipients: 0                 | notify-max-recipients (line 1): should be a whole number from 1 to 1000, was 0
            """)
    void aBadSettingIsRefusedWithItsKeyAndLine(String yaml, String message) throws IOException {
        Files.writeString(home.resolve("config.yml"), yaml + "\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
