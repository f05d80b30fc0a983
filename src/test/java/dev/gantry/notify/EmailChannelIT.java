package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gantry.FreePort;
import dev.gantry.config.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EmailChannel against a real SMTP server (GreenMail) that wants a login. */
class EmailChannelIT {
    private GreenMail smtp;

    @BeforeEach
    void startServer() {
        smtp = new GreenMail(new ServerSetup(FreePort.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("gantry@localhost", "gantry", "right-password");
    }

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    @Test
    void logsInAndDeliversToEveryRecipient() throws Exception {
        new EmailChannel(server(smtp.getSmtp().getPort(), "right-password"), List.of("ops@localhost", "team@localhost"))
                .send(Samples.failed(), Duration.ofSeconds(5));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject())
                .isEqualTo("[gantry] books-ms: run 8 failed at stage post-integration; production was restored");
        assertThat(received[0].getHeader("X-Gantry-Run")).containsExactly("8");
    }

    @Test
    void aWrongPasswordIsAFailedDeliveryThatSaysWhy() {
        var channel = new EmailChannel(server(smtp.getSmtp().getPort(), "wrong-password"), List.of("ops@localhost"));

        assertThatThrownBy(() -> channel.send(Samples.failed(), Duration.ofSeconds(5)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("SMTP 127.0.0.1:" + smtp.getSmtp().getPort() + " refused or failed: ")
                .hasMessageContaining("535")
                .hasMessageNotContaining("wrong-password");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsAFailedDelivery() {
        int closed = FreePort.pick();
        var channel = new EmailChannel(server(closed, "right-password"), List.of("ops@localhost"));

        assertThatThrownBy(() -> channel.send(Samples.failed(), Duration.ofSeconds(5)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("SMTP 127.0.0.1:" + closed + " refused or failed: ")
                .hasMessageContaining("Connection refused");
    }

    private static SmtpServer server(int port, String password) {
        return new SmtpServer("127.0.0.1", port, "gantry@localhost", Optional.of("gantry"), Optional.of(password), false);
    }
}
