package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackHeaderLimitTest {
    private static final String COMMAND = "0".repeat(40) + " " + "1".repeat(40) + " refs/heads/main\0 report-status\n";

    @Test
    void aPackAnnouncingMoreObjectsThanAllowedIsRefusedBeforeItsObjectsAreRead() {
        byte[] body = body(1_000_000_000L);

        assertThatThrownBy(() -> new PackHeaderLimit(new ByteArrayInputStream(body), 100_000).readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the pack holds 1000000000 objects, more than the 100000")
                .hasMessageContaining("git-max-objects");
    }

    @Test
    void aPackWithinTheLimitPassesThroughUnchangedHoweverItIsRead() throws Exception {
        byte[] body = body(3);

        assertThat(new PackHeaderLimit(new ByteArrayInputStream(body), 3).readAllBytes()).isEqualTo(body);
        var oneByOne = new PackHeaderLimit(new ByteArrayInputStream(body), 3);
        var copy = new ByteArrayOutputStream();
        for (int b = oneByOne.read(); b >= 0; b = oneByOne.read()) {
            copy.write(b);
        }
        assertThat(copy.toByteArray()).isEqualTo(body);
    }

    @Test
    void aDeletionWithoutAPackPassesThrough() throws Exception {
        byte[] commands = (pkt(COMMAND) + "0000").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(new PackHeaderLimit(new ByteArrayInputStream(commands), 1).readAllBytes()).isEqualTo(commands);
    }

    /** Two commands, the flush-pkt, and a pack header announcing {@code objects} (and a few bytes of objects). */
    private static byte[] body(long objects) {
        var out = new ByteArrayOutputStream();
        out.writeBytes((pkt(COMMAND) + pkt(COMMAND.replace("main", "other")) + "0000").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("PACK".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0, 0, 0, 2});
        out.writeBytes(new byte[] {(byte) (objects >> 24), (byte) (objects >> 16), (byte) (objects >> 8), (byte) objects});
        out.writeBytes(new byte[] {0x30, 0x78, 0x01, 0x02});
        return out.toByteArray();
    }

    private static String pkt(String line) {
        return String.format("%04x", line.length() + 4) + line;
    }
}
