package dev.gantry.git;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream back to a pusher, which remembers whether writing to it failed: the pusher went away
 * (Ctrl-C on {@code git push}, a dropped connection). JGit's message stream swallows such failures,
 * so this is how a push that follows its run learns that no one reads any more.
 */
final class PusherConnection extends FilterOutputStream {
    private volatile boolean gone;

    PusherConnection(OutputStream out) {
        super(out);
    }

    /** Whether a write or flush to the pusher has failed. */
    boolean gone() {
        return gone;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            gone = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            gone = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            gone = true;
            throw e;
        }
    }
}
