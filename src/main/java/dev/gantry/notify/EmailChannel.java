package dev.gantry.notify;

import dev.gantry.Reason;
import dev.gantry.config.SmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Email to a list of recipients through an SMTP server (Jakarta Mail), with STARTTLS if the server says so. */
record EmailChannel(SmtpServer server, List<String> to) implements Channel {

    @Override
    public String name() {
        return "email to " + String.join(", ", to) + " via " + server.host() + ":" + server.port();
    }

    @Override
    public void send(Notification notification, Duration timeout) {
        Session session = Session.getInstance(properties(timeout, notification.host()));
        try (Transport transport = session.getTransport("smtp")) {
            MimeMessage message = EmailMessage.of(notification, server, to, session);
            transport.connect(server.host(), server.port(), server.username().orElse(null),
                    server.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP " + server.host() + ":" + server.port() + " refused or failed: "
                    + reason(e), e);
        }
    }

    /** Jakarta Mail's settings: https://jakarta.ee/specifications/mail/ and Angus Mail's SMTP provider. */
    private Properties properties(Duration timeout, String host) {
        Properties properties = new Properties();
        String millis = Long.toString(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", Boolean.toString(server.username().isPresent()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(server.starttls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(server.starttls()));
        if (host.matches("[A-Za-z0-9.-]{1,253}")) {
            properties.put("mail.smtp.localhost", host);
        }
        return properties;
    }

    private static String reason(MessagingException e) {
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        String message = String.valueOf(e.getMessage()).strip();
        return cause == null || message.contains(String.valueOf(cause.getMessage())) ? message
                : message + " (" + Reason.of(cause) + ")";
    }
}
