package dev.gantry.git;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A push's request body, passed through as it is read, refusing a pack whose header announces more
 * objects than allowed. JGit sizes an array by that number before it reads a single object, so a
 * 32-byte pack could otherwise ask the server for gigabytes; the header follows the commands, which are
 * pkt-lines ended by a flush-pkt (gitprotocol-pack, "Reference Update Request and Packfile Transfer").
 */
final class PackHeaderLimit extends FilterInputStream {
    private static final int HEADER = 12;  // "PACK", version, object count: 4 bytes each

    private final int maxObjects;
    private final byte[] held = new byte[HEADER];
    private int heldCount;
    private long skip;              // bytes left of the current pkt-line
    private boolean inHeader;       // the commands ended: the next 12 bytes are the pack's header
    private boolean done;

    /** Reads {@code in}, refusing a pack of more than {@code maxObjects} objects. */
    PackHeaderLimit(InputStream in, int maxObjects) {
        super(in);
        this.maxObjects = maxObjects;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            see((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n && !done; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);  // seen, like every other byte
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void see(byte b) throws IOException {
        if (done) {
            return;
        }
        if (skip > 0) {
            skip--;
            return;
        }
        held[heldCount++] = b;
        if (!inHeader && heldCount == 4) {
            pktLength();
        } else if (inHeader && heldCount == HEADER) {
            packHeader();
        }
    }

    private void pktLength() {
        heldCount = 0;
        int length;
        try {
            length = Integer.parseInt(new String(held, 0, 4, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            done = true;  // not pkt-lines: JGit refuses the request itself
            return;
        }
        if (length == 0) {
            inHeader = true;
        } else if (length > 4) {
            skip = length - 4;
        }
    }

    private void packHeader() throws IOException {
        done = true;
        if (held[0] != 'P' || held[1] != 'A' || held[2] != 'C' || held[3] != 'K') {
            return;  // JGit says what is wrong with it
        }
        long objects = ((held[8] & 0xffL) << 24) | ((held[9] & 0xffL) << 16) | ((held[10] & 0xffL) << 8) | (held[11] & 0xffL);
        if (objects > maxObjects) {
            throw new IOException("the pack holds " + objects + " objects, more than the " + maxObjects
                    + " this server takes in one push (git-max-objects). Push the history in parts (a few hundred"
                    + " commits at a time), or ask the server's owner to raise git-max-objects");
        }
    }
}
