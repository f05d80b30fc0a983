package dev.gantry.handoff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;

/**
 * The server's side (docs/server.md, "Runs handed to the server"): takes runs from {@code gantry run} of the same
 * user, build and environment through the socket in GANTRY_HOME, runs each with {@link HandedRun} and streams its
 * output and exit code back. At most {@link #MAX_RUNS} at once; a client has {@link #REQUEST_TIME} to ask and say
 * go, and a refused client runs the flow itself. A run the server took goes on to its end if its client goes away.
 */
public final class HandoffServer implements AutoCloseable {
    /** How many handed runs run at once; one more is refused (its CLI runs it itself). */
    static final int MAX_RUNS = 4;
    /** How long a client has to send its request and its go. */
    static final Duration REQUEST_TIME = Duration.ofSeconds(5);
    /** How long closing waits for the handed runs still going. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final HandoffSocket socket;
    private final ServerSocketChannel listening;
    private final HandedRun runs;
    private final PrintStream log;
    private final UserPrincipal owner;
    private final Semaphore slots = new Semaphore(MAX_RUNS);
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    private HandoffServer(HandoffSocket socket, ServerSocketChannel listening, HandedRun runs, PrintStream log)
            throws IOException {
        this.socket = socket;
        this.listening = listening;
        this.runs = runs;
        this.log = log;
        this.owner = Files.getOwner(socket.path());
    }

    /**
     * Listens on {@code socket} and runs what is handed over with {@code runs}; tells {@code log} why not when
     * another server of this home listens there already or the socket cannot be made (the CLI then runs its
     * runs itself).
     */
    public static Optional<HandoffServer> start(HandoffSocket socket, HandedRun runs, PrintStream log) {
        try {
            if (Files.exists(socket.path(), LinkOption.NOFOLLOW_LINKS)) {
                if (answers(socket.path())) {
                    log.println("warning: another gantry server of this home takes the runs `gantry run` hands over ("
                            + socket.path() + "); this one does not");
                    return Optional.empty();
                }
                Files.delete(socket.path());  // left by a server that stopped without removing it
            }
            var listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listening.bind(UnixDomainSocketAddress.of(socket.path()));
            var server = new HandoffServer(socket, listening, runs, log);
            Thread.ofPlatform().daemon().name("gantry-handoff").start(server::accept);
            log.println("gantry run hands its runs to this server through " + socket.path());
            return Optional.of(server);
        } catch (IOException | UnsupportedOperationException e) {
            log.println("warning: cannot listen for the runs `gantry run` hands over on " + socket.path() + " ("
                    + e.getMessage() + "); `gantry run` runs them itself");
            return Optional.empty();
        }
    }

    private static boolean answers(Path path) {
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void accept() {
        while (listening.isOpen()) {
            try {
                SocketChannel client = listening.accept();
                Thread.ofVirtual().name("gantry-handoff-client").start(() -> serve(client));
            } catch (IOException e) {
                if (listening.isOpen()) {
                    log.println("warning: accepting a handed run failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            if (!owner.equals(channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user())) {
                return;  // another user: the home's mode keeps them out; this is the second lock
            }
            var in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            var out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            Optional<HandoffRequest> request = takeRequest(channel, in, out);
            if (request.isPresent()) {
                try {
                    run(request.get(), new Frames(out));
                } finally {
                    slots.release();
                }
            }
        } catch (IOException e) {
            // the client went away before the go: nothing ran
        }
    }

    /** The request, once accepted (a slot held) and the client said go; nothing when refused or silent. */
    private Optional<HandoffRequest> takeRequest(SocketChannel channel, DataInputStream in, DataOutputStream out)
            throws IOException {
        try (var asked = Watchdog.closing(channel, REQUEST_TIME)) {
            HandoffRequest request;
            try {
                request = HandoffRequest.read(in, socket.fingerprint());
            } catch (HandoffRequest.Refused refused) {
                refuse(out, refused.getMessage());
                return Optional.empty();
            }
            if (!slots.tryAcquire()) {
                refuse(out, MAX_RUNS + " handed runs are going already");
                return Optional.empty();
            }
            boolean go = false;
            try {
                out.writeByte(Frames.ACCEPTED);
                out.writeLong(ProcessHandle.current().pid());
                out.flush();
                go = in.readByte() == Frames.GO && asked.cancel();
                return go ? Optional.of(request) : Optional.empty();
            } finally {
                if (!go) {
                    slots.release();
                }
            }
        }
    }

    private static void refuse(DataOutputStream out, String reason) throws IOException {
        out.writeByte(Frames.REFUSED);
        out.writeUTF(reason);
        out.flush();
    }

    private void run(HandoffRequest request, Frames frames) {
        running.add(Thread.currentThread());
        try (PrintWriter stdout = frames.writer(Frames.OUT); PrintWriter stderr = frames.writer(Frames.ERR)) {
            int code = runs.run(request, stdout, stderr);
            stdout.flush();
            stderr.flush();
            frames.exit(code);
        } finally {
            running.remove(Thread.currentThread());
        }
    }

    /** Stops taking runs, removes the socket, and waits up to {@link #STOP_GRACE} for the handed runs still going. */
    @Override
    public void close() {
        try {
            listening.close();
            Files.deleteIfExists(socket.path());
        } catch (IOException e) {
            log.println("warning: removing " + socket.path() + " failed: " + e.getMessage());
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread run : Set.copyOf(running)) {
            try {
                run.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!running.isEmpty()) {
            log.println("warning: handed runs still going after " + STOP_GRACE.toSeconds() + "s are left to the next"
                    + " start, which recovers them from their journal");
        }
    }
}
