package dev.gantry.handoff;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The server's side of a handed run after the client said go: frames of the run's stdout and stderr, then its
 * exit code. A frame is a tag byte, a length and that many bytes of UTF-8 (whole characters). A client that went
 * away is no failure of the run: what follows is dropped and the run goes on to its end.
 */
final class Frames {
    static final byte ACCEPTED = 'A';
    static final byte REFUSED = 'R';
    static final byte GO = 'G';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';
    /** The most a frame carries: writes longer than this are split. */
    static final int MAX_CHARS = 16 * 1024;
    /** The longest frame a client reads (a frame of MAX_CHARS characters of four bytes each, with room). */
    static final int MAX_BYTES = 4 * MAX_CHARS;

    private final DataOutputStream out;
    private boolean clientGone;

    Frames(DataOutputStream out) {
        this.out = out;
    }

    /** A writer whose text reaches the client as frames tagged {@code tag} ({@link #OUT} or {@link #ERR}). */
    PrintWriter writer(byte tag) {
        return new PrintWriter(new TaggedWriter(tag), true);
    }

    /** The last frame: the run's exit code. */
    synchronized void exit(int code) {
        send(() -> {
            out.writeByte(EXIT);
            out.writeInt(code);
        });
    }

    /** Whether the client stopped reading: what follows it is dropped. */
    synchronized boolean clientGone() {
        return clientGone;
    }

    private synchronized void text(byte tag, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        send(() -> {
            out.writeByte(tag);
            out.writeInt(bytes.length);
            out.write(bytes);
        });
    }

    private void send(Frame frame) {
        if (clientGone) {
            return;
        }
        try {
            frame.write();
            out.flush();
        } catch (IOException e) {
            clientGone = true;
        }
    }

    /**
     * Reads frames from {@code in} to {@code stdout} and {@code stderr} until the exit code, which it answers.
     *
     * @throws IOException when the server stopped answering before the exit code
     */
    static int follow(DataInputStream in, PrintWriter stdout, PrintWriter stderr) throws IOException {
        while (true) {
            byte tag = in.readByte();
            if (tag == EXIT) {
                return in.readInt();
            }
            int length = in.readInt();
            if ((tag != OUT && tag != ERR) || length < 0 || length > MAX_BYTES) {
                throw new IOException("the server sent a frame this client does not know (tag " + tag + ", " + length
                        + " bytes)");
            }
            PrintWriter to = tag == OUT ? stdout : stderr;
            to.write(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            to.flush();
        }
    }

    @FunctionalInterface
    private interface Frame {
        void write() throws IOException;
    }

    /** Text to frames of whole characters: a high surrogate at the end of a write waits for its pair. */
    private final class TaggedWriter extends Writer {
        private final byte tag;
        private final StringBuilder pending = new StringBuilder();

        TaggedWriter(byte tag) {
            this.tag = tag;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            synchronized (pending) {
                pending.append(chars, offset, length);
                int whole = pending.length();
                if (whole > 0 && Character.isHighSurrogate(pending.charAt(whole - 1))) {
                    whole--;
                }
                int from = 0;
                while (from < whole) {
                    int to = Math.min(whole, from + MAX_CHARS);
                    if (to < whole && Character.isHighSurrogate(pending.charAt(to - 1))) {
                        to--;
                    }
                    text(tag, pending.substring(from, to));
                    from = to;
                }
                pending.delete(0, whole);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            synchronized (pending) {
                if (!pending.isEmpty()) {
                    text(tag, pending.toString());
                    pending.setLength(0);
                }
            }
        }
    }
}
