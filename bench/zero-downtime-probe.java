// Probe for bench/zero-downtime: which release answers a NEW connection, every few milliseconds.
//
// Run with a JDK >= 21 as a single-file program:
//   java bench/zero-downtime-probe.java PORT PATH INTERVAL_MS MAX_SECONDS OUT_FILE
// Every INTERVAL_MS it starts one request on a fresh TCP connection to 127.0.0.1:PORT
// ("GET PATH HTTP/1.1", Connection: close), each on its own virtual thread, so a slow answer does
// not delay the next request (at most 64 in flight; when all are busy the next start waits).
// Each request writes one line to OUT_FILE, in the order they finish (sort by the first column):
//   SENT_US RECEIVED_US STATUS RELEASE        e.g. 1795715846685003 1795715846685412 200 091de3b8...
//   SENT_US RECEIVED_US ERR REASON            connect refused, reset, timeout, no status line ...
// (microseconds since the epoch; RELEASE is the X-Release header, "-" when absent). The socket is
// closed with SO_LINGER 0 after the whole answer is read, so hundreds of connections a second leave
// no TIME_WAIT sockets behind. Stops on SIGTERM/SIGINT or after MAX_SECONDS, whichever is first.

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

class ZeroDowntimeProbe {
    static final int TIMEOUT_MS = 2000;
    static final int MAX_IN_FLIGHT = 64;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: zero-downtime-probe.java PORT PATH INTERVAL_MS MAX_SECONDS OUT_FILE");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        long intervalNanos = Long.parseLong(args[2]) * 1_000_000L;
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUser-Agent: zero-downtime-probe\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        AtomicBoolean stop = new AtomicBoolean();
        PrintStream out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[4])), 1 << 16),
                false, StandardCharsets.US_ASCII);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                main.join(TIMEOUT_MS * 2L + 1000);
            } catch (InterruptedException ignored) {
            }
            synchronized (out) {
                out.flush();
            }
        }));

        long[] written = {0};
        long next = System.nanoTime();
        while (!stop.get() && System.nanoTime() < deadline) {
            inFlight.acquire();
            Thread.ofVirtual().start(() -> {
                try {
                    long sent = micros();
                    String answer = probe(port, request);
                    long received = micros();
                    synchronized (out) {
                        out.append(Long.toString(sent)).append(' ').append(Long.toString(received)).append(' ')
                                .append(answer).append('\n');
                        if (++written[0] % 200 == 0) {
                            out.flush();
                        }
                    }
                } finally {
                    inFlight.release();
                }
            });
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } else {
                next = System.nanoTime();
            }
        }
        inFlight.acquire(MAX_IN_FLIGHT);   // the requests in flight finish and are written
        synchronized (out) {
            out.flush();
        }
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** "STATUS RELEASE" or "ERR reason". */
    static String probe(int port, byte[] request) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            OutputStream os = socket.getOutputStream();
            os.write(request);
            os.flush();
            return readAnswer(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            String reason = e.getClass().getSimpleName() + ":" + String.valueOf(e.getMessage());
            return "ERR " + reason.replaceAll("\\s+", "_");
        } finally {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
            }
            try {
                socket.close();
            } catch (IOException ignored) {
            }
        }
    }

    /** Reads the status line, the headers and the body (Content-Length, or to EOF). */
    static String readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            return "ERR no_status_line:" + (statusLine == null ? "EOF" : statusLine.replaceAll("\\s+", "_"));
        }
        String[] parts = statusLine.split(" ");
        String status = parts.length > 1 ? parts[1] : "?";
        String release = "-";
        long length = -1;
        boolean chunked = false;
        for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "x-release" -> release = value;
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        byte[] buffer = new byte[8192];
        if (length >= 0 && !chunked) {
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return "ERR truncated_body";
                }
                left -= n;
            }
        } else {
            while (in.read(buffer) >= 0) {
                // Connection: close ends the body
            }
        }
        return status + " " + release;
    }

    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int end = sb.length();
                if (end > 0 && sb.charAt(end - 1) == '\r') {
                    sb.setLength(end - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
