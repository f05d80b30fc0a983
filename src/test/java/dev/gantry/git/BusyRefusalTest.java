package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.GitLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answer to a push the server has no place for, as the bytes git reads (gitprotocol-pack, report-status). */
class BusyRefusalTest {
    private static final String OLD = "0".repeat(40);
    private static final String NEW = "1".repeat(40);
    private static final ReceiveLimits LIMITS = new ReceiveLimits(GitLimits.DEFAULTS);

    @Test
    void withoutSideBandTheReportAloneCarriesTheWholeReasonForEachRefAndThePackIsReadAndDropped() throws Exception {
        var in = new ByteArrayInputStream(bytes(packet(OLD + " " + NEW + " refs/heads/main\0 report-status agent=git/2\n")
                + packet(OLD + " " + NEW + " refs/heads/x\n") + "0000" + "PACK and the rest of a pack"));
        var out = new ByteArrayOutputStream();

        BusyRefusal.answer(in, out, "full, push again", LIMITS);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(packet("unpack ok\n")
                + packet("ng refs/heads/main full, push again\n") + packet("ng refs/heads/x full, push again\n") + "0000");
        assertThat(in.available()).as("the body was read to its end").isZero();
    }

    @Test
    void withSideBandTheReasonGoesOnTheProgressChannelAndTheReportOnTheDataChannel() throws Exception {
        var in = new ByteArrayInputStream(bytes(packet(OLD + " " + NEW + " refs/heads/main\0 report-status side-band-64k\n")
                + "0000"));
        var out = new ByteArrayOutputStream();

        BusyRefusal.answer(in, out, "full, push again", LIMITS);

        String report = packet("unpack ok\n")
                + packet("ng refs/heads/main too many pushes open (server-max-pushes)\n") + "0000";
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(packet("\2full, push again\n") + packet("\1" + report)
                + "0000");
    }

    @Test
    void aRequestThatEndsBeforeItsCommandsDoGetsNoAnswer() throws Exception {
        var out = new ByteArrayOutputStream();

        BusyRefusal.answer(new ByteArrayInputStream(bytes(packet(OLD + " " + NEW + " refs/heads/main\n"))), out, "full",
                LIMITS);

        assertThat(out.size()).isZero();
    }

    private static String packet(String text) {
        return String.format("%04x", text.getBytes(StandardCharsets.UTF_8).length + 4) + text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
