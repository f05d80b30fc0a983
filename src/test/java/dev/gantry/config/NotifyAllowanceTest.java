package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotifyAllowanceTest {
    private static final NotifyAllowance ALLOWANCE = new NotifyAllowance(List.of(
            URI.create("https://hooks.slack.com/services/T01"), URI.create("http://ci.internal:8080"),
            URI.create("smtp://mail.example.com:587")), new EmailAllowance(List.of("example.com"), 10));

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://hooks.slack.com/services/T01/B02/x  | true
            https://hooks.slack.com/services/T01        | true
            https://HOOKS.slack.com/services/T01/x      | true
            https://hooks.slack.com:443/services/T01/x  | true
            https://hooks.slack.com/services/T012/x     | false
            https://hooks.slack.com/services/T02/x      | false
            http://hooks.slack.com/services/T01/x       | false
            https://hooks.slack.com.evil.net/services/T01 | false
            http://ci.internal:8080/anything?x=1        | true
            http://ci.internal/anything                 | false
            http://169.254.169.254/latest/meta-data     | false
            http://127.0.0.1:2379/v3/kv/put             | false
            smtp://mail.example.com:587                 | true
            smtp://mail.example.com:25                  | false
            """)
    void aUrlIsAllowedOnlyWithinAPrefixOnASegmentBoundary(String url, boolean allowed) {
        assertThat(ALLOWANCE.allows(URI.create(url))).isEqualTo(allowed);
    }

    @Test
    void byDefaultOnlyTheOriginsOfTheInstallationsOwnChannelsAreAllowed() {
        NotifySpec own = NotifySpec.readInstallation(YamlDocument.compose("""
                webhook: https://ops.example.com/gantry/hook
                slack: https://hooks.slack.com/services/T01/B02/secret
                """, new Problems()).flatMap(root -> YamlMap.root(root, new Problems(), NotifySpec.KEYS)).orElseThrow());

        NotifyAllowance allowance = NotifyAllowance.of(List.of(), EmailAllowance.NONE, own);

        assertThat(allowance.prefixes()).containsExactly(URI.create("https://ops.example.com"),
                URI.create("https://hooks.slack.com"));
        assertThat(allowance.allows(URI.create("https://ops.example.com/other"))).isTrue();
        assertThat(NotifyAllowance.of(List.of(), EmailAllowance.NONE, NotifySpec.NONE)
                .allows(URI.create("https://ops.example.com/x"))).as("an installation without channels allows none").isFalse();
    }

    @Test
    void aGantryYmlNamingADestinationOutsideIsAProblemWithItsKeyPathAndLine() {
        String yaml = """
                service: books-ms
                notify:
                  webhook:
                    - http://ci.internal:8080/gantry
                    - http://169.254.169.254/latest/meta-data
                  slack: https://hooks.slack.com/services/T99/B1/x
                  email: {to: ops@example.com, smtp: "10.0.0.9:25", from: gantry@example.com}
                """;

        List<ConfigProblem> problems = ALLOWANCE.check(ServiceConfig.parse(yaml, "gantry.yml"), yaml);

        assertThat(problems).extracting(ConfigProblem::keyPath, ConfigProblem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("notify/webhook/1", 5),
                org.assertj.core.groups.Tuple.tuple("notify/slack/0", 6),
                org.assertj.core.groups.Tuple.tuple("notify/email/smtp", 7));
        assertThat(problems.getFirst().message()).isEqualTo("should be a destination this installation allows for"
                + " gantry.yml, was \"http://169.254.169.254/latest/meta-data\"; allowed:"
                + " https://hooks.slack.com/services/T01, http://ci.internal:8080, smtp://mail.example.com:587."
                + " Add its prefix to notify-allowed-urls in $GANTRY_HOME/config.yml, or put the channel in"
                + " config.yml's notify instead");
    }

    @Test
    void theSettingIsReadFromConfigYmlOrTheEnvironmentAndBadPrefixesAreRefused() throws Exception {
        var home = java.nio.file.Files.createTempDirectory("gantry-allow");
        java.nio.file.Files.writeString(home.resolve("config.yml"), """
                notify-allowed-urls: [https://hooks.slack.com/services/T01, "smtp://mail.example.com:587"]
                """);

        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).notifyAllowedUrls()).containsExactly(
                URI.create("https://hooks.slack.com/services/T01"), URI.create("smtp://mail.example.com:587"));
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_NOTIFY_ALLOWED_URLS",
                "http://a.example  https://b.example/x")).notifyAllowedUrls())
                .containsExactly(URI.create("http://a.example"), URI.create("https://b.example/x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME",
                        home.toString(), "GANTRY_NOTIFY_ALLOWED_URLS", "ftp://x.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_NOTIFY_ALLOWED_URLS: should be an http://, https:// or smtp:// URL prefix");
    }
}
