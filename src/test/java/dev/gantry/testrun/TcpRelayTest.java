package dev.gantry.testrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against real sockets on loopback: an echo server as its target. */
class TcpRelayTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private ServerSocket echo;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, LOOPBACK);
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket peer = echo.accept();
                    Thread.ofVirtual().start(() -> echoUntilEnd(peer));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
        for (Socket client : clients) {
            client.close();
        }
    }

    @Test
    void bytesGoToTheTargetAndItsAnswerComesBackUntilTheClientEndsIt() throws Exception {
        try (var relay = TcpRelay.start(LOOPBACK, Subnet.parse("127.0.0.0/8"), "127.0.0.1", echo.getLocalPort())) {
            Socket client = connect(relay);
            client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();

            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("GET / HTTP/1.0\r\n\r\n");
        }
    }

    @Test
    void aPeerOutsideTheAllowedSubnetIsClosedWithoutReachingTheTarget() throws Exception {
        try (var relay = TcpRelay.start(LOOPBACK, Subnet.parse("172.18.0.0/16"), "127.0.0.1", echo.getLocalPort())) {
            Socket client = connect(relay);
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));

            assertThat(readOrEnd(client.getInputStream())).isEqualTo(-1);
        }
    }

    @Test
    void closingTheRelayEndsTheConnectionsItCarriesAndRefusesNewOnes() throws Exception {
        var relay = TcpRelay.start(LOOPBACK, Subnet.parse("127.0.0.0/8"), "127.0.0.1", echo.getLocalPort());
        Socket client = connect(relay);
        client.getOutputStream().write('x');
        assertThat(readOrEnd(client.getInputStream())).isEqualTo('x');

        relay.close();

        assertThat(readOrEnd(client.getInputStream())).isEqualTo(-1);
        // a listener closed under a thread blocked in accept lets go of its port when that thread wakes
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(relay.port()));
    }

    @Test
    void connectionsPastTheBoundAreClosedAtOnceWhileTheFirstOnesAreServed() throws Exception {
        try (var relay = TcpRelay.start(LOOPBACK, Subnet.parse("127.0.0.0/8"), "127.0.0.1", echo.getLocalPort())) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < TcpRelay.MAX_CONNECTIONS; i++) {
                Socket client = connect(relay);
                client.getOutputStream().write('a');
                assertThat(readOrEnd(client.getInputStream())).isEqualTo('a'); // served: it holds a slot
                held.add(client);
            }
            Socket extra = connect(relay);

            assertThat(readOrEnd(extra.getInputStream())).isEqualTo(-1);
            held.getFirst().close();
            Socket again = connectWhenServed(relay);
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aTargetThatRefusesEndsTheClientsConnection() throws Exception {
        int closedPort;
        try (var unused = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = unused.getLocalPort();
        }
        try (var relay = TcpRelay.start(LOOPBACK, Subnet.parse("127.0.0.0/8"), "127.0.0.1", closedPort)) {
            Socket client = connect(relay);

            assertThat(readOrEnd(client.getInputStream())).isEqualTo(-1);
        }
    }

    private Socket connect(TcpRelay relay) throws IOException {
        Socket client = new Socket(LOOPBACK, relay.port());
        client.setSoTimeout(5_000);
        clients.add(client);
        return client;
    }

    /** A slot frees when the relay has seen the closed connection end; retries briefly until one is served. */
    private Socket connectWhenServed(TcpRelay relay) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Socket client = connect(relay);
            client.getOutputStream().write('b');
            if (readOrEnd(client.getInputStream()) == 'b') {
                return client;
            }
        }
        return null;
    }

    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static boolean refused(int port) {
        try (Socket ignored = new Socket(LOOPBACK, port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void echoUntilEnd(Socket peer) {
        try (peer) {
            peer.getInputStream().transferTo(peer.getOutputStream());
            peer.shutdownOutput();
        } catch (IOException e) {
            // the relay closed it
        }
    }
}
