package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What docker-java hands on when the engine's stream starts with a frame of its own error (type 3): the first byte
 * alone, then the rest in raw chunks of up to 1,024 bytes, headers and all.
 */
class FrameLinesTest {
    private static final String NODE_GONE = "Error grabbing logs: rpc error: code = Unknown desc = warning: incomplete log"
            + " stream. some logs could not be retrieved for the following reasons: node w13nh is not available\n";

    private final List<String> lines = new ArrayList<>();

    @Test
    void framesOfAStreamDockerJavaGaveUpOnAreReadAgainAndTheEnginesErrorIsKeptApart() {
        byte[] stream = stream(frame(3, NODE_GONE), frame(1, "tiny: serving"), frame(1, " on 8080\nsecond line\n"),
                frame(2, "x".repeat(2_000) + "\n"), frame(1, ""), frame(2, "last"));
        var frames = new FrameLines(lines::add, 4_096);

        handOnAsDockerJavaDoes(frames, stream);
        frames.onComplete();

        assertThat(lines).containsExactly("tiny: serving on 8080", "second line", "x".repeat(2_000), "last");
        assertThat(frames.engineError()).contains(NODE_GONE.strip());
    }

    @Test
    void aStreamFramedAsDockerJavaExpectsHasNoEngineError() {
        var frames = new FrameLines(lines::add, 4_096);

        frames.onNext(new Frame(StreamType.STDOUT, bytes("one\ntw")));
        frames.onNext(new Frame(StreamType.STDERR, bytes("o\n")));
        frames.onComplete();

        assertThat(lines).containsExactly("one", "two");
        assertThat(frames.engineError()).isEmpty();
    }

    @Test
    void aTerminalsRawStreamIsHandedOnWhole() {
        var frames = new FrameLines(lines::add, 4_096);

        handOnAsDockerJavaDoes(frames, bytes("hello\u0003 from a tty\nbye"));
        frames.onComplete();

        assertThat(lines).containsExactly("hello\u0003 from a tty", "bye");
        assertThat(frames.engineError()).isEmpty();
    }

    private static void handOnAsDockerJavaDoes(FrameLines frames, byte[] stream) {
        frames.onNext(new Frame(StreamType.RAW, new byte[] {stream[0]}));
        for (int at = 1; at < stream.length; at += 1024) {
            frames.onNext(new Frame(StreamType.RAW, Arrays.copyOfRange(stream, at, Math.min(stream.length, at + 1024))));
        }
    }

    private static byte[] frame(int type, String payload) {
        byte[] bytes = bytes(payload);
        return ByteBuffer.allocate(8 + bytes.length).put((byte) type).put(new byte[3]).putInt(bytes.length).put(bytes)
                .array();
    }

    private static byte[] stream(byte[]... frames) {
        var out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
