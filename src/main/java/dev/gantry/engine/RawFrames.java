package dev.gantry.engine;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Docker's multiplexed output read again from the bytes docker-java passed on unparsed. docker-java takes a first
 * byte other than stdin (0), stdout (1) or stderr (2) for the sign of a terminal's raw stream and hands every later
 * byte over as it comes; but the engine also frames its own errors as type 3 (Swarm's "Error grabbing logs: node …
 * is not available" in a task's output), headers and all. Frames are {@code [type, 0, 0, 0, size (4 bytes, big
 * endian)]} and {@code size} bytes; a stream whose first byte is no frame type is a terminal's, handed on whole.
 */
final class RawFrames {
    static final int ENGINE_ERROR = 3;
    private static final int HEADER = 8;

    private final BiConsumer<Integer, byte[]> payloads;
    private final byte[] header = new byte[HEADER];
    private int headerFill;
    private long payloadLeft;
    private Boolean framed;

    /** Each frame's payload, or each piece of it, goes to {@code payloads} with its type; a terminal's bytes as type 1. */
    RawFrames(BiConsumer<Integer, byte[]> payloads) {
        this.payloads = payloads;
    }

    synchronized void accept(byte[] chunk) {
        if (framed == null && chunk.length > 0) {
            framed = chunk[0] >= 0 && chunk[0] <= ENGINE_ERROR;
        }
        if (!Boolean.TRUE.equals(framed)) {
            payloads.accept(1, chunk);
            return;
        }
        int at = 0;
        while (at < chunk.length) {
            if (payloadLeft == 0) {
                int taken = Math.min(HEADER - headerFill, chunk.length - at);
                System.arraycopy(chunk, at, header, headerFill, taken);
                headerFill += taken;
                at += taken;
                if (headerFill == HEADER) {
                    headerFill = 0;
                    payloadLeft = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                            | (header[7] & 0xff);
                }
                continue;
            }
            int taken = (int) Math.min(payloadLeft, chunk.length - at);
            payloads.accept((int) header[0], Arrays.copyOfRange(chunk, at, at + taken));
            payloadLeft -= taken;
            at += taken;
        }
    }
}
