package dev.gantry.handoff;

import dev.gantry.ExitCode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CLI's side (docs/server.md, "Runs handed to the server"): offers a run to the server of its installation and,
 * if the server takes it, shows the run's output as the server sends it and answers its exit code. Until the
 * client says go, anything that goes wrong (no server, a stale socket, another environment, a server that does
 * not answer within {@link #ANSWER_TIME}) means the server runs nothing and the CLI runs the flow itself.
 */
public final class HandoffClient {
    /** How long the client waits for the server to take or refuse the run. */
    static final Duration ANSWER_TIME = Duration.ofSeconds(5);

    private HandoffClient() {
    }

    /**
     * Hands {@code request} to the server at {@code socket}; its output goes to {@code out} and {@code err}.
     * Answers the run's exit code, or nothing when the server did not take it (then nothing ran there).
     */
    public static Optional<Integer> handOff(HandoffSocket socket, HandoffRequest request, PrintWriter out,
                                            PrintWriter err) {
        return handOff(socket, request, out, err, ANSWER_TIME);
    }

    /** The same, waiting at most {@code answerTime} for the server to take or refuse the run. */
    static Optional<Integer> handOff(HandoffSocket socket, HandoffRequest request, PrintWriter out, PrintWriter err,
                                     Duration answerTime) {
        if (!Files.exists(socket.path())) {
            return Optional.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket.path()));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();  // no server listens there (it stopped without removing the socket)
        }
        try {
            var in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            OptionalLong serverPid = offer(channel, in, request, socket.fingerprint(), answerTime);
            if (serverPid.isEmpty()) {
                return Optional.empty();
            }
            out.println("run handed to gantry server (pid " + serverPid.getAsLong() + "), which runs it to its end"
                    + " even if this command is stopped");
            out.flush();
            return Optional.of(follow(in, out, err, serverPid.getAsLong()));
        } finally {
            closeQuietly(channel);
        }
    }

    /**
     * Sends the request and, if the server takes it in time, the go: answers the server's pid; nothing when it
     * refused, went away or stayed silent (then nothing runs there).
     */
    private static OptionalLong offer(SocketChannel channel, DataInputStream in, HandoffRequest request,
                                      String fingerprint, Duration answerTime) {
        try (var answered = Watchdog.closing(channel, answerTime)) {
            var toServer = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            request.write(toServer, fingerprint);
            if (in.readByte() != Frames.ACCEPTED) {
                return OptionalLong.empty();  // refused: another build or environment, or busy
            }
            long serverPid = in.readLong();
            if (!answered.cancel()) {
                return OptionalLong.empty();  // the answer came as the time ran out: the channel is closed
            }
            toServer.writeByte(Frames.GO);
            toServer.flush();
            return OptionalLong.of(serverPid);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the run's exit code is known; a failing close changes nothing
        }
    }

    private static int follow(DataInputStream in, PrintWriter out, PrintWriter err, long serverPid) {
        try {
            return Frames.follow(in, out, err);
        } catch (IOException e) {
            err.println("error: gantry server (pid " + serverPid + ") stopped answering before the run ended ("
                    + e.getMessage() + "). If the server stopped, its next start recovers the run from its journal;"
                    + " `gantry history SERVICE` shows how it ended.");
            err.flush();
            return ExitCode.ENVIRONMENT_UNUSABLE.code();
        }
    }
}
