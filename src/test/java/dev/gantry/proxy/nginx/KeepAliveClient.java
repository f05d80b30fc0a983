package dev.gantry.proxy.nginx;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A plain HTTP/1.1 client on one keep-alive connection, written out so that nothing retries behind
 * the test's back: a request on a connection the proxy closed fails, as it would for a real client.
 * It opens a new connection only after the server announced {@code Connection: close}, or after
 * the caller gave a failed connection up ({@link #disconnect}). Public for the failure and crash
 * matrices' load ({@code dev.gantry.it.LiveLoad}), which must not retry either.
 */
public final class KeepAliveClient implements AutoCloseable {
    /** A response: status, body, and whether the server closes the connection after it. */
    public record Response(int status, String body, boolean closes) {
    }

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connections;

    public KeepAliveClient(int port) {
        this.port = port;
    }

    /** Sends {@code GET path} with {@code Host: host} and reads the whole answer. */
    public Response get(String path, String host) throws IOException {
        return send("GET", path, host, "");
    }

    Response post(String path, String host, String body) throws IOException {
        return send("POST", path, host, body);
    }

    /** Connections opened so far: 1 means every request used the same one. */
    int connections() {
        return connections;
    }

    private Response send(String method, String path, String host, String body) throws IOException {
        if (socket == null) {
            connect();
        }
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (method.equals("POST") ? "Content-Type: text/plain\r\nContent-Length: " + payload.length + "\r\n" : "")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        Response response = read();
        if (response.closes()) {
            disconnect();
        }
        return response;
    }

    private void connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        connections++;
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP response, got: " + status);
        }
        int length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        byte[] body = chunked ? chunks() : in.readNBytes(Math.max(length, 0));
        if (body.length < Math.max(length, 0)) {
            throw new IOException("connection closed in the middle of a body");
        }
        return new Response(Integer.parseInt(status.substring(9, 12)), new String(body, StandardCharsets.UTF_8).strip(), closes);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        disconnect();
    }

    /** Closes the connection; the next request opens a new one. */
    public void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }
}
