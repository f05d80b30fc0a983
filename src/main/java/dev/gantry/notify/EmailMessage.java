package dev.gantry.notify;

import dev.gantry.config.SmtpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;

/** The email of a notification: the summary as subject, a plain-text report as body, X-Gantry-* headers. */
final class EmailMessage {
    private EmailMessage() {
    }

    /** The message from {@code server}'s sender to {@code to}, in {@code session} (which sends nothing by itself). */
    static MimeMessage of(Notification n, SmtpServer server, List<String> to, Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(server.from(), true));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
        }
        message.setSubject("[gantry] " + n.summary(), "UTF-8");
        message.setSentDate(Date.from(n.finishedAt()));
        message.setHeader("X-Gantry-Event", n.event().word());
        message.setHeader("X-Gantry-Service", n.service());
        message.setHeader("X-Gantry-Run", Long.toString(n.runId()));
        message.setText(body(n), "UTF-8");
        return message;
    }

    /** The report: one labelled line per fact, then the message of a failure. */
    static String body(Notification n) {
        StringBuilder text = new StringBuilder(n.summary()).append("\n\n");
        line(text, "Service", n.service());
        line(text, "Run", n.runId() + " (" + n.kind() + ", triggered by " + n.trigger() + ")");
        line(text, "Release", n.release() + " " + n.title());
        n.image().ifPresent(image -> line(text, "Image", image));
        n.colour().ifPresent(colour -> line(text, "Colour", colour));
        n.failedStage().ifPresent(stage -> line(text, "Failed stage", stage));
        line(text, "Production", n.production().sentence());
        line(text, "Duration", n.seconds());
        line(text, "Finished", n.finishedAt().toString());
        line(text, "Gantry host", n.host());
        n.message().ifPresent(message -> text.append("\n").append(message).append("\n"));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-13s %s\n", label + ":", value));
    }
}
