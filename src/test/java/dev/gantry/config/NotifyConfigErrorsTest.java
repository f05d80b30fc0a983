package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad notify section, in gantry.yml and in config.yml, and the line of the message a person reads. */
class NotifyConfigErrorsTest {
    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothFiles")
    void gantryYmlNamesTheKeyPathAndLine(String scenario, String notify, String expected) {
        Throwable thrown = catchThrowable(() -> ServiceConfig.parse("service: a\n" + notify, "gantry.yml"));

        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).contains("\n  " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothFiles")
    void configYmlNamesTheKeyPathAndLine(String scenario, String notify, String expected) throws IOException {
        Files.writeString(home.resolve("config.yml"), "registry: 127.0.0.1:5000\n" + notify);

        Throwable thrown = catchThrowable(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())));

        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).contains("\n  " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gantryYmlOnly")
    void gantryYmlRefuses(String scenario, String notify, String expected) {
        Throwable thrown = catchThrowable(() -> ServiceConfig.parse("service: a\n" + notify, "gantry.yml"));

        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).contains("\n  " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configYmlOnly")
    void configYmlRefuses(String scenario, String notify, String expected) throws IOException {
        Files.writeString(home.resolve("config.yml"), "registry: 127.0.0.1:5000\n" + notify);

        Throwable thrown = catchThrowable(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())));

        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).contains("\n  " + expected);
    }

    static Stream<Arguments> bothFiles() {
        String url = "should be an http:// or https:// URL like https://hooks.example.com/gantry, was ";
        return Stream.of(
                arguments("unknown key", "notify:\n  webhooks: [http://a]\n", "notify/webhooks (line 3): is not a known"
                        + " key; known keys here: webhook, slack, email, on; did you mean webhook?"),
                arguments("notify a list", "notify: [http://a]\n",
                        "notify (line 2): should be a map with the keys webhook, slack, email, on, but is a list"),
                arguments("webhook without a scheme", "notify:\n  webhook: hooks.example.com/x\n",
                        "notify/webhook (line 3): " + url + "\"hooks.example.com/x\""),
                arguments("second webhook not http", "notify:\n  webhook:\n    - https://a.example.com\n"
                        + "    - ftp://b.example.com/x\n", "notify/webhook/1 (line 5): " + url + "\"ftp://b.example.com/x\""),
                arguments("webhook a map", "notify:\n  webhook: {url: http://a}\n",
                        "notify/webhook (line 3): should be a list whose items are each an http:// or https:// URL"
                                + " like https://hooks.example.com/gantry, but is a map"),
                arguments("slack URL with a space", "notify:\n  slack: \"https://hooks.slack.com/a b\"\n",
                        "notify/slack (line 3): " + url + "\"https://hooks.slack.com/a b\""),
                arguments("URL with a password in it", "notify:\n  webhook: https://user:secret@a.example.com/x\n",
                        "notify/webhook (line 3): " + url),
                arguments("URL without a host", "notify:\n  slack: \"https:///services/x\"\n", "notify/slack (line 3): " + url),
                arguments("unknown event", "notify:\n  on: [succeeded, broken]\n",
                        "notify/on/1 (line 3): should be succeeded or failed or rolled-back, was \"broken\""),
                arguments("event as a number", "notify:\n  on: 1\n",
                        "notify/on (line 3): should be succeeded or failed or rolled-back, was 1"),
                arguments("email a string", "notify:\n  email: ops@example.com\n",
                        "notify/email (line 3): should be a map with the keys smtp, from, to, username, password, tls,"
                                + " but is \"ops@example.com\""),
                arguments("recipient not an address", "notify:\n  email:\n    smtp: mail:25\n    from: g@example.com\n"
                        + "    to: [ops]\n", "notify/email/to/0 (line 6): should be an email address like ops@example.com,"
                        + " was \"ops\""),
                arguments("from not an address", "notify:\n  email: {smtp: mail, from: Gantry <g@x.com>, to: a@x.com}\n",
                        "notify/email/from (line 3): should be an email address like ops@example.com, was \"Gantry <g@x.com>\""),
                arguments("smtp with a scheme", "notify:\n  email:\n    smtp: smtp://mail:25\n    from: g@example.com\n"
                        + "    to: a@example.com\n", "notify/email/smtp (line 4): should be HOST or HOST:PORT of the SMTP"
                        + " server, like mail.example.com:587, was \"smtp://mail:25\""),
                arguments("smtp port out of range", "notify:\n  email: {smtp: \"mail:70000\", from: g@x.com, to: a@x.com}\n",
                        "notify/email/smtp (line 3): should be HOST or HOST:PORT of the SMTP server"),
                arguments("smtp without from", "notify:\n  email:\n    smtp: mail:25\n    to: a@example.com\n",
                        "notify/email/from (line 4): is required; add a line like from: gantry@example.com"),
                arguments("unknown tls", "notify:\n  email: {smtp: mail, from: g@x.com, to: a@x.com, tls: ssl}\n",
                        "notify/email/tls (line 3): should be none or starttls, was \"ssl\""),
                arguments("unknown email key", "notify:\n  email:\n    smtp: mail\n    from: g@x.com\n    cc: a@x.com\n",
                        "notify/email/cc (line 6): is not a known key; known keys here: smtp, from, to, username,"
                                + " password, tls"));
    }

    static Stream<Arguments> gantryYmlOnly() {
        return Stream.of(
                arguments("a password committed with the code", "notify:\n  email:\n    smtp: mail\n    from: g@x.com\n"
                        + "    to: a@x.com\n    password: hunter2\n", "notify/email/password (line 7): is not allowed in"
                        + " gantry.yml, which is committed with the service's code; put the SMTP server and its"
                        + " credentials in $GANTRY_HOME/config.yml (notify/email) and leave smtp out here to use that server"),
                arguments("a username committed with the code", "notify:\n  email: {to: a@x.com, username: u}\n",
                        "notify/email/username (line 3): is not allowed in gantry.yml"),
                arguments("email without recipients", "notify:\n  email: {smtp: mail, from: g@x.com}\n",
                        "notify/email/to (line 3): is required; add a line like to: [team@example.com]"),
                arguments("from without smtp", "notify:\n  email: {from: g@x.com, to: a@x.com}\n",
                        "notify/email/smtp (line 3): is required; add a line like smtp: mail.example.com:587"));
    }

    static Stream<Arguments> configYmlOnly() {
        return Stream.of(
                arguments("email without a server", "notify:\n  email:\n    to: a@example.com\n",
                        "notify/email/smtp (line 4): is required; add a line like smtp: mail.example.com:587"),
                arguments("username without password", "notify:\n  email: {smtp: mail, from: g@x.com, username: u}\n",
                        "notify/email/username (line 3): needs password beside it; give both, or neither for a server"
                                + " without login"),
                arguments("password a map", "notify:\n  email: {smtp: mail, from: g@x.com, username: u, password: {a: 1}}\n",
                        "notify/email/password (line 3): should be a string, number or true/false"));
    }
}
