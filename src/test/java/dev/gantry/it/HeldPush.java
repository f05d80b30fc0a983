package dev.gantry.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A {@code git-receive-pack} request held open on a raw socket: its headers sent, its body (one flush
 * packet, {@code 0000}) not yet, so the server has taken a push's place and waits in JGit for the
 * commands. {@link #close} sends the flush packet, the server answers a push of no commands, and the
 * place is given back, at the moment the test chooses rather than when a run happens to end.
 */
final class HeldPush implements AutoCloseable {
    private static final byte[] FLUSH = "0000".getBytes(StandardCharsets.US_ASCII);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final Socket socket;

    private HeldPush(Socket socket) {
        this.socket = socket;
    }

    /** Opens a push to {@code service} on the server at {@code base} with {@code token}, and holds it. */
    static HeldPush open(String base, String service, String token) {
        URI uri = URI.create(base);
        try {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) READ_LIMIT.toMillis());
            String credentials = Base64.getEncoder().encodeToString(("held:" + token).getBytes(StandardCharsets.UTF_8));
            String head = "POST /git/" + service + ".git/git-receive-pack HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: Basic " + credentials + "\r\n"
                    + "Content-Type: application/x-git-receive-pack-request\r\n"
                    + "Accept: application/x-git-receive-pack-result\r\n"
                    + "Content-Length: " + FLUSH.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new HeldPush(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("opening a push to " + base + " failed", e);
        }
    }

    /** Sends the rest of the body and answers the server's whole response (status line first). */
    String finish() {
        try {
            socket.getOutputStream().write(FLUSH);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("finishing the held push failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
