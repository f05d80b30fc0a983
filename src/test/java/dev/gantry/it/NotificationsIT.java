package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gantry.FreePort;
import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.WebhookReceiver.Request;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real CLI announces how its runs end to a real HTTP receiver (generic webhook and Slack format)
 * and a real SMTP server (GreenMail), configured in config.yml and in gantry.yml; a receiver that
 * fails is retried, logged and warned about, and never changes how the run ends.
 */
class NotificationsIT {
    private static final String SLACK = "/slack/T000/B000/secret-token";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private WebhookReceiver receiver;
    private GreenMail smtp;

    @BeforeEach
    void startReceivers() {
        receiver = WebhookReceiver.start();
        smtp = new GreenMail(new ServerSetup(FreePort.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopReceivers() {
        smtp.stop();
        receiver.close();
    }

    @Test
    void aRunThatSucceedsIsAnnouncedByWebhookSlackAndEmail() throws Exception {
        installationNotifies("  webhook: [" + receiver.url("/ops") + "]\n"
                + "  email:\n    smtp: " + smtpAddress() + "\n    from: gantry@localhost\n    to: [ops@localhost]\n");
        ServiceRepo repo = sandbox.tiny();
        String commit = serviceNotifies(repo, "  slack: " + receiver.url(SLACK) + "\n  email: {to: [team@localhost]}\n");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        String summary = sandbox.service() + ": run 1 succeeded; " + commit.substring(0, 12) + " is live in blue";
        Request ops = single("/ops");
        assertThat(ops.method()).isEqualTo("POST");
        assertThat(ops.contentType()).startsWith("application/json");
        JsonNode body = ops.json();
        assertThat(body.get("event").asText()).isEqualTo("succeeded");
        assertThat(body.get("summary").asText()).isEqualTo(summary);
        assertThat(body.get("service").asText()).isEqualTo(sandbox.service());
        assertThat(body.get("run").asLong()).isEqualTo(1);
        assertThat(body.get("kind").asText()).isEqualTo("run");
        assertThat(body.get("release").asText()).isEqualTo(commit);
        assertThat(body.get("image").asText()).isEqualTo(RegistryApi.ADDRESS + "/" + sandbox.service() + ":" + commit);
        assertThat(body.get("colour").asText()).isEqualTo("blue");
        assertThat(body.get("failed_stage").isNull()).isTrue();
        assertThat(body.get("production").asText()).isEqualTo("updated");
        assertThat(body.get("trigger").asText()).startsWith("cli");
        assertThat(body.get("host").asText()).isEqualTo(InetAddress.getLocalHost().getHostName());
        assertThat(body.get("duration_ms").asLong()).isPositive();
        JsonNode slack = single(SLACK).json();
        assertThat(slack.get("text").asText()).isEqualTo(summary);
        assertThat(slack.get("blocks").get(0).get("text").get("text").asText()).isEqualTo("*" + summary + "*");
        List<MimeMessage> mail = mail(2);
        assertThat(mail).extracting(NotificationsIT::recipients)
                .containsExactlyInAnyOrder(List.of("ops@localhost"), List.of("team@localhost"));
        for (MimeMessage message : mail) {
            assertThat(message.getSubject()).isEqualTo("[gantry] " + summary);
            assertThat(message.getFrom()[0]).hasToString("gantry@localhost");
            assertThat(message.getHeader("X-Gantry-Event")).containsExactly("succeeded");
            assertThat(text(message)).startsWith(summary + "\n")
                    .contains("Release:      " + commit + " Notify\n").contains("Colour:       blue");
        }
        assertThat(run.stdout() + run.stderr()).as("the Slack URL's secret is never shown").doesNotContain("secret-token")
                .doesNotContain("warning: notification");
    }

    @Test
    void aRunWhoseTestsFailIsAnnouncedAsFailedWithProductionUnchanged() throws Exception {
        installationNotifies("  webhook: " + receiver.url("/ops") + "\n");
        allowForGantryYml("smtp://" + smtpAddress());  // the service's own SMTP server, which a commit names
        appendToConfig("notify-allowed-emails: [localhost]\n");  // config.yml sends no email of its own here
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "TINY_TEST_EXIT: \"0\"", "TINY_TEST_EXIT: \"3\"");
        serviceNotifies(repo, "  slack: [" + receiver.url(SLACK) + "]\n"
                + "  email:\n    smtp: " + smtpAddress() + "\n    from: books-ci@localhost\n    to: team@localhost\n"
                + "  on: [failed]\n");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        String summary = sandbox.service() + ": run 1 failed at stage test; production is unchanged";
        JsonNode body = single("/ops").json();
        assertThat(body.get("event").asText()).isEqualTo("failed");
        assertThat(body.get("summary").asText()).isEqualTo(summary);
        assertThat(body.get("failed_stage").asText()).isEqualTo("test");
        assertThat(body.get("production").asText()).isEqualTo("unchanged");
        assertThat(body.get("colour").isNull()).isTrue();
        assertThat(body.get("message").asText()).startsWith("stage test failed: the pre-deployment tests failed");
        assertThat(single(SLACK).json().get("text").asText()).startsWith(summary + "\nstage test failed");
        MimeMessage mail = mail(1).getFirst();
        assertThat(mail.getSubject()).isEqualTo("[gantry] " + summary);
        assertThat(mail.getFrom()[0]).hasToString("books-ci@localhost");
        assertThat(text(mail)).contains("Failed stage: test\n")
                .contains("stage test failed: the pre-deployment tests failed");
    }

    @Test
    void aFailedDeploymentSaysProductionWasRestoredAndARollbackIsAnnouncedAsRolledBack() {
        installationNotifies("  webhook: " + receiver.url("/ops") + "\n");
        ServiceRepo repo = sandbox.tiny();
        String first = repo.head();
        assertThat(sandbox.cli().run("run", repo.serviceDir().toString()).exitCode()).isZero();
        repo.replace("gantry.yml", "    timeout: 2m\n", "    timeout: 2m\n  pre-integration: {env: {TINY_TEST_EXIT: \"4\"}}\n");
        repo.commit("Pre-integration tests that fail");

        Result failed = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(failed.exitCode()).as("%s", failed).isEqualTo(1);
        JsonNode restored = receiver.requests("/ops").get(1).json();
        assertThat(restored.get("event").asText()).isEqualTo("failed");
        assertThat(restored.get("failed_stage").asText()).isEqualTo("pre-integration");
        assertThat(restored.get("production").asText()).isEqualTo("restored");
        assertThat(restored.get("summary").asText())
                .isEqualTo(sandbox.service() + ": run 2 failed at stage pre-integration; production was restored");

        repo.replace("gantry.yml", "  pre-integration: {env: {TINY_TEST_EXIT: \"4\"}}\n", "");
        String third = repo.commit("Pre-integration tests that pass again");
        assertThat(sandbox.cli().run("run", repo.serviceDir().toString()).exitCode()).isZero();
        Result rollback = sandbox.cli().run("rollback", sandbox.service());

        assertThat(rollback.exitCode()).as("%s", rollback).isZero();
        List<JsonNode> bodies = receiver.requests("/ops").stream().map(Request::json).toList();
        assertThat(bodies).extracting(b -> b.get("event").asText())
                .containsExactly("succeeded", "failed", "succeeded", "rolled-back");
        assertThat(bodies.get(2).get("release").asText()).isEqualTo(third);
        JsonNode rolledBack = bodies.get(3);
        assertThat(rolledBack.get("kind").asText()).isEqualTo("rollback");
        assertThat(rolledBack.get("release").asText()).isEqualTo(first);
        assertThat(rolledBack.get("colour").asText()).isEqualTo("blue");
        assertThat(rolledBack.get("summary").asText()).isEqualTo(sandbox.service() + ": rollback 4 succeeded; "
                + first.substring(0, 12) + " is live again in blue");
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheNotificationOnTheThirdAttempt() throws IOException {
        installationNotifies("  webhook: " + receiver.url("/flaky") + "\n");
        receiver.answer("/flaky", 500, 500);
        ServiceRepo repo = sandbox.tiny();

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<Request> attempts = receiver.requests("/flaky");
        assertThat(attempts).extracting(Request::status).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(Request::body).containsOnly(attempts.getFirst().body());
        String channel = "webhook " + receiver.url("/…");
        assertThat(run.stdout()).as("%s", run)
                .contains("warning: notification of run 1 (succeeded) to " + channel + ": attempt 1 of 3 failed: the"
                        + " receiver answered HTTP 500 (receiver is down); trying again in 1.0s")
                .contains("attempt 2 of 3 failed: the receiver answered HTTP 500 (receiver is down); trying again in 2.0s")
                .contains("run 1 passed");
        assertThat(notificationsLog()).contains(channel + ": delivered on attempt 3 of 3");
    }

    @Test
    void anUnreachableWebhookIsAWarningAndTheRunStillSucceeds() throws IOException {
        int closed = Sandbox.closedPort();
        allowForGantryYml("http://127.0.0.1:" + closed);
        ServiceRepo repo = sandbox.tiny();
        serviceNotifies(repo, "  webhook: http://127.0.0.1:" + closed + "/hook\n");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        String failure = "notification of run 1 (succeeded) to webhook http://127.0.0.1:" + closed + "/…: attempt 3 of 3"
                + " failed: cannot connect to 127.0.0.1:" + closed + " (is the receiver running and the address right?);"
                + " not sent";
        assertThat(run.stdout()).as("%s", run).contains("warning: " + failure).contains("run 1 passed");
        assertThat(notificationsLog()).contains("run 1 " + sandbox.service() + " succeeded: webhook http://127.0.0.1:"
                + closed + "/…: attempt 3 of 3 failed: cannot connect to 127.0.0.1:" + closed);
    }

    @Test
    void aGantryYmlThatNotifiesWhereTheInstallationDoesNotAllowRunsNothingAndSaysWhere() throws IOException {
        installationNotifies("  webhook: " + receiver.url("/ops") + "\n");
        ServiceRepo repo = sandbox.tiny();
        serviceNotifies(repo, "  webhook: http://127.0.0.1:" + Sandbox.closedPort() + "/v3/kv/put\n");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).contains("notify/webhook/0 (line ", "should be a destination this installation"
                + " allows for gantry.yml", "notify-allowed-urls");
        assertThat(receiver.requests("/ops")).as("nothing ran, so nothing was announced").isEmpty();
        assertThat(sandbox.containers()).as("nothing was started").isEmpty();
    }

    @Test
    void aGantryYmlMailingARecipientTheInstallationDoesNotAllowRunsNothingAndSendsNoMail() throws IOException {
        installationNotifies("  email:\n    smtp: " + smtpAddress() + "\n    from: gantry@localhost\n    to: [ops@localhost]\n");
        ServiceRepo repo = sandbox.tiny();
        serviceNotifies(repo, "  email:\n    to: [team@localhost, someone@victim.example]\n");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).contains("notify/email/to/1 (line ", "should be a recipient this installation allows"
                + " for gantry.yml, was \"someone@victim.example\"; allowed: localhost", "notify-allowed-emails");
        assertThat(smtp.getReceivedMessages()).as("nothing ran, so nothing was mailed").isEmpty();
        assertThat(sandbox.containers()).as("nothing was started").isEmpty();
    }

    /** Sets notify-allowed-urls in config.yml (beside what is there). */
    private void allowForGantryYml(String prefix) throws IOException {
        appendToConfig("notify-allowed-urls: [" + prefix + "]\n");
    }

    private void appendToConfig(String setting) throws IOException {
        Files.createDirectories(sandbox.home());
        Path config = sandbox.home().resolve("config.yml");
        String before = Files.exists(config) ? Files.readString(config) : "";
        Files.writeString(config, before + setting);
    }

    private void installationNotifies(String notify) {
        try {
            Files.createDirectories(sandbox.home());
            Files.writeString(sandbox.home().resolve("config.yml"), "notify:\n" + notify);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code notify} to the service's gantry.yml and commits it; returns the commit. */
    private static String serviceNotifies(ServiceRepo repo, String notify) {
        repo.write("gantry.yml", repo.read("gantry.yml") + "notify:\n" + notify);
        return repo.commit("Notify");
    }

    private String smtpAddress() {
        return "127.0.0.1:" + smtp.getSmtp().getPort();
    }

    /** The one request to {@code path}: the run sent it once and was not retried. */
    private Request single(String path) {
        List<Request> requests = receiver.requests(path);
        assertThat(requests).as("requests to %s", path).hasSize(1);
        return requests.getFirst();
    }

    private List<MimeMessage> mail(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= count);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).as("email received").hasSize(count);
        return List.of(received);
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The body as the person reads it; SMTP carries lines ending in CR LF. */
    private static String text(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    private String notificationsLog() throws IOException {
        Path log = sandbox.home().resolve("logs/notifications.log");
        assertThat(log).as("notifications.log").isRegularFile();
        return Files.readString(log);
    }
}
