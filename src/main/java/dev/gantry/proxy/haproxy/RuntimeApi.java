package dev.gantry.proxy.haproxy;

import dev.gantry.Reason;
import dev.gantry.proxy.ProxyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HAProxy's runtime API over its unix socket (management guide, section 9.3): one connection per
 * batch, commands joined by {@code ;} and ended by a newline; HAProxy answers and closes.
 */
final class RuntimeApi {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Path socket;

    RuntimeApi(Path socket) {
        this.socket = socket;
    }

    /** Runs {@code commands} as one batch and returns HAProxy's whole answer. */
    String send(List<String> commands) {
        String batch = String.join(";", commands);
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ProxyException("Opening a unix socket failed: " + e.getMessage(), e);
        }
        try (channel) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> exchange(channel, batch),
                    Thread::startVirtualThread);
            return answer.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProxyException("HAProxy's socket " + socket + " did not answer `" + batch + "` within "
                    + DEADLINE.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new ProxyException("Sending `" + batch + "` to HAProxy's socket " + socket + " failed: "
                    + Reason.of(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException("interrupted while talking to HAProxy's socket " + socket, e);
        } catch (IOException closing) {
            throw new ProxyException("Closing HAProxy's socket " + socket + " failed: " + closing.getMessage(), closing);
        }
    }

    /** Runs {@code commands} and throws a {@link ProxyException} naming every error HAProxy answered. */
    void apply(List<String> commands) {
        if (commands.isEmpty()) {
            return;
        }
        List<String> errors = RuntimeAnswer.errors(send(commands));
        if (!errors.isEmpty()) {
            throw new ProxyException("HAProxy refused runtime commands " + commands + ": " + String.join("; ", errors));
        }
    }

    /** Whether the socket accepts a connection and answers. */
    boolean answers() {
        try {
            return send(List.of("show info")).contains("Pid:");
        } catch (ProxyException e) {
            return false;
        }
    }

    /** Closing the channel (at the deadline) ends a blocked read. */
    private String exchange(SocketChannel channel, String batch) {
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(channel);
            out.write((batch + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            channel.shutdownOutput();  // the master socket answers only once it sees the end of input
            InputStream in = Channels.newInputStream(channel);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Reason.of(e), e);
        }
    }
}
