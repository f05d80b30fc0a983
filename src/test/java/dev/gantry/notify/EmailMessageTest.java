package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.SmtpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The email of a notification, as a mail client shows it: headers, subject and the plain-text report. */
class EmailMessageTest {
    private static final SmtpServer SERVER = new SmtpServer("mail.example.com", 587, "gantry@example.com",
            Optional.empty(), Optional.empty(), false);

    @Test
    void aFailedRunHasTheSummaryAsSubjectAndTheReportAsBody() throws Exception {
        MimeMessage message = EmailMessage.of(Samples.failed(), SERVER, List.of("ops@example.com", "books@example.com"),
                Session.getInstance(new Properties()));
        message.saveChanges();

        assertThat(message.getSubject())
                .isEqualTo("[gantry] books-ms: run 8 failed at stage post-integration; production was restored");
        assertThat(Arrays.stream(message.getFrom()).map(Object::toString)).containsExactly("gantry@example.com");
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("ops@example.com", "books@example.com");
        assertThat(message.getHeader("X-Gantry-Event")).containsExactly("failed");
        assertThat(message.getHeader("X-Gantry-Service")).containsExactly("books-ms");
        assertThat(message.getHeader("X-Gantry-Run")).containsExactly("8");
        assertThat(message.getSentDate().toInstant()).isEqualTo(Samples.FINISHED);
        assertThat(message.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(message.getContent()).isEqualTo("""
                books-ms: run 8 failed at stage post-integration; production was restored

                Service:      books-ms
                Run:          8 (run, triggered by cli)
                Release:      1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b Fix <search> & paging
                Image:        127.0.0.1:5000/books-ms:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b
                Failed stage: post-integration
                Production:   production was restored
                Duration:     61.5s
                Finished:     2026-11-27T10:15:30Z
                Gantry host:  ci-1

                stage post-integration failed: the post-integration tests failed: exit code 1
                """);
    }

    @Test
    void aSucceededRunNamesTheColourAndHasNoMessage() throws Exception {
        MimeMessage message = EmailMessage.of(Samples.succeeded(), SERVER, List.of("ops@example.com"),
                Session.getInstance(new Properties()));

        assertThat(message.getSubject()).isEqualTo("[gantry] books-ms: run 7 succeeded; 1a2b3c4d5e6f is live in blue");
        assertThat(message.getHeader("X-Gantry-Event")).containsExactly("succeeded");
        assertThat((String) message.getContent()).contains("Colour:       blue\n")
                .contains("Production:   the new release is live\n").doesNotContain("Failed stage")
                .endsWith("Gantry host:  ci-1\n");
    }
}
