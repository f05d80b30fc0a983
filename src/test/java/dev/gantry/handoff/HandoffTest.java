package dev.gantry.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.Wait;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run handed from the CLI to the server through the socket, against a fake run: taken, refused, abandoned, stopped. */
class HandoffTest {
    private static final HandoffRequest REQUEST = new HandoffRequest(Path.of("/srv/books-ms"), Duration.ofSeconds(90), true);

    @TempDir
    Path home;
    private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
    private final List<HandoffServer> servers = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopServers() {
        servers.forEach(HandoffServer::close);
    }

    @Test
    void theServerRunsTheRequestAndTheClientShowsItsOutputAndExitCode() {
        var seen = new ArrayList<HandoffRequest>();
        serve(socket("same"), (request, stdout, stderr) -> {
            seen.add(request);
            stdout.println("run 7: books-ms at 1a2b3c4d");
            stderr.println("error: the test stage failed");
            return 1;
        });

        assertThat(handOff(socket("same"))).contains(1);

        assertThat(seen).containsExactly(REQUEST);
        assertThat(out.toString()).startsWith("run handed to gantry server (pid " + ProcessHandle.current().pid() + ")")
                .endsWith("run 7: books-ms at 1a2b3c4d" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("error: the test stage failed" + System.lineSeparator());
    }

    @Test
    void anotherBuildOrEnvironmentIsRefusedAndNothingRunsThere() {
        var runs = new AtomicInteger();
        serve(socket("server's"), (request, stdout, stderr) -> runs.incrementAndGet());

        assertThat(handOff(socket("the CLI's"))).isEmpty();

        assertThat(runs).hasValue(0);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noServerOrAStaleSocketMeansTheCliRunsItself() throws Exception {
        assertThat(handOff(socket("same"))).isEmpty();

        try (var stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket("same").path()));
        }
        assertThat(socket("same").path()).exists();
        assertThat(handOff(socket("same"))).isEmpty();
    }

    @Test
    void aServerReplacesAStaleSocketAndRefusesToShareALiveOne() throws Exception {
        try (var stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket("same").path()));
        }
        serve(socket("same"), (request, stdout, stderr) -> 0);
        assertThat(handOff(socket("same"))).contains(0);

        assertThat(HandoffServer.start(socket("same"), (request, stdout, stderr) -> 0, log())).isEmpty();
        assertThat(serverLog()).contains("another gantry server of this home takes the runs");
        assertThat(handOff(socket("same"))).contains(0);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeRunsNothingAndTheCliRunsItself() throws Exception {
        try (var silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket("same").path()));
            long started = System.nanoTime();

            assertThat(HandoffClient.handOff(socket("same"), REQUEST, new PrintWriter(out), new PrintWriter(err),
                    Duration.ofMillis(300))).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void beyondItsSlotsTheServerRefusesAndTheCliRunsItself() throws Exception {
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(HandoffServer.MAX_RUNS);
        serve(socket("same"), (request, stdout, stderr) -> {
            started.countDown();
            awaitQuietly(release);
            return 0;
        });
        var clients = new ArrayList<Thread>();
        for (int i = 0; i < HandoffServer.MAX_RUNS; i++) {
            clients.add(Thread.ofVirtual().start(() -> handOff(socket("same"), new StringWriter(), new StringWriter())));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(handOff(socket("same"))).isEmpty();

        release.countDown();
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(10));
        }
        assertThat(handOff(socket("same"))).contains(0);
    }

    @Test
    void aRunWhoseClientWentAwayGoesOnToItsEnd() throws Exception {
        var clientGone = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        serve(socket("same"), (request, stdout, stderr) -> {
            awaitQuietly(clientGone);
            for (int i = 0; i < 1000; i++) {
                stdout.println("line " + i + " nobody reads");
            }
            ended.countDown();
            return 0;
        });
        try (var client = SocketChannel.open(UnixDomainSocketAddress.of(socket("same").path()))) {
            var toServer = new DataOutputStream(Channels.newOutputStream(client));
            var fromServer = new DataInputStream(Channels.newInputStream(client));
            REQUEST.write(toServer, socket("same").fingerprint());
            assertThat(fromServer.readByte()).isEqualTo(Frames.ACCEPTED);
            fromServer.readLong();
            toServer.writeByte(Frames.GO);
            toServer.flush();
        }
        clientGone.countDown();

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(handOff(socket("same"))).contains(0);
    }

    @Test
    void aServerThatStopsAnsweringMidRunIsAnErrorNotASecondRun() throws Exception {
        try (var fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(socket("same").path()));
            Thread server = Thread.ofVirtual().start(() -> {
                try (SocketChannel client = fake.accept()) {
                    var in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
                    var toClient = new DataOutputStream(Channels.newOutputStream(client));
                    HandoffRequest.read(in, socket("same").fingerprint());
                    toClient.writeByte(Frames.ACCEPTED);
                    toClient.writeLong(4242);
                    in.readByte();
                    byte[] line = "  test             started\n".getBytes(StandardCharsets.UTF_8);
                    toClient.writeByte(Frames.OUT);
                    toClient.writeInt(line.length);
                    toClient.write(line);
                } catch (Exception e) {
                    throw new IllegalStateException("the fake server failed", e);
                }
            });

            assertThat(handOff(socket("same"))).contains(3);

            server.join(Duration.ofSeconds(10));
            assertThat(out.toString()).contains("test             started");
            assertThat(err.toString()).contains("gantry server (pid 4242) stopped answering before the run ended")
                    .contains("gantry history SERVICE");
        }
    }

    @Test
    void closingRemovesTheSocketAndWaitsForTheRunsGoing() throws Exception {
        var running = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        var ended = new AtomicInteger();
        HandoffServer server = serve(socket("same"), (request, stdout, stderr) -> {
            running.countDown();
            awaitQuietly(finish);
            ended.incrementAndGet();
            return 0;
        });
        Thread client = Thread.ofVirtual().start(() -> handOff(socket("same"), new StringWriter(), new StringWriter()));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closing = Thread.ofVirtual().start(server::close);
        Wait.forThe("the socket to go", Duration.ofMillis(10), Duration.ofSeconds(10))
                .until(() -> Files.exists(socket("same").path()), exists -> !exists);
        assertThat(socket("same").path()).doesNotExist();
        assertThat(closing.isAlive()).as("closing waits for the run going").isTrue();
        finish.countDown();
        closing.join(Duration.ofSeconds(10));

        assertThat(closing.isAlive()).isFalse();
        assertThat(ended).hasValue(1);
        client.join(Duration.ofSeconds(10));
    }

    @Test
    void longTextReachesTheClientWhole() {
        String text = "ü😀".repeat(3 * Frames.MAX_CHARS) + "end";
        serve(socket("same"), (request, stdout, stderr) -> {
            stdout.print(text);
            stdout.flush();
            return 0;
        });

        assertThat(handOff(socket("same"))).contains(0);

        assertThat(out.toString()).endsWith(text);
    }

    private HandoffServer serve(HandoffSocket socket, HandedRun runs) {
        HandoffServer server = HandoffServer.start(socket, runs, log()).orElseThrow();
        servers.add(server);
        return server;
    }

    private Optional<Integer> handOff(HandoffSocket socket) {
        return handOff(socket, out, err);
    }

    private static Optional<Integer> handOff(HandoffSocket socket, StringWriter out, StringWriter err) {
        return HandoffClient.handOff(socket, REQUEST, new PrintWriter(out), new PrintWriter(err));
    }

    private HandoffSocket socket(String fingerprint) {
        return new HandoffSocket(home.resolve(HandoffSocket.FILE), fingerprint);
    }

    private PrintStream log() {
        return new PrintStream(serverLog, true, StandardCharsets.UTF_8);
    }

    private String serverLog() {
        return serverLog.toString(StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
