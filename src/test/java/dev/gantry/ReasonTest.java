package dev.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonTest {

    @Test
    void fileErrorsThatCarryOnlyAPathSayWhatIsWrongWithIt(@TempDir Path dir) {
        Throwable missing = null;
        try {
            Files.readString(dir.resolve("absent.yml"));
        } catch (IOException e) {
            missing = e;
        }

        assertThat(Reason.of(missing)).isEqualTo("no such file or directory: " + dir.resolve("absent.yml"));
        assertThat(Reason.of(new AccessDeniedException("/etc/gantry"))).isEqualTo("permission denied: /etc/gantry");
        assertThat(Reason.of(new NoSuchFileException("/x"))).doesNotContain("Exception");
    }

    @Test
    void networkErrorsAreSaidInWordsWithWhatTheyKnow() {
        assertThat(Reason.of(new UnknownHostException("registry.example"))).isEqualTo("unknown host registry.example");
        assertThat(Reason.of(new ConnectException())).isEqualTo("the connection was refused");
        assertThat(Reason.of(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
        assertThat(Reason.of(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo("the connection timed out");
        assertThat(Reason.of(new EOFException())).isEqualTo("it ended early");
    }

    @Test
    void anyOtherFailureSaysItsMessageAndNeverItsJavaName() {
        assertThat(Reason.of(new IllegalStateException("the lease was taken"))).isEqualTo("the lease was taken");
        assertThat(Reason.of(new NullPointerException())).isEqualTo("it failed without saying why");
        assertThat(Reason.of(new IOException("  Broken pipe \n"))).isEqualTo("Broken pipe");
    }
}
