package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gantry.FreePort;
import dev.gantry.config.Installation;
import dev.gantry.proxy.ListeningPorts;
import dev.gantry.proxy.ManagedProcess;
import dev.gantry.proxy.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing but Gantry's own user can change the managed nginx's routes: its admin endpoint is an owner-only socket. */
class NginxAdminSocketIT {
    @TempDir
    Path home;

    private Installation installation;
    private NginxProxy proxy;
    private NginxFiles files;
    private ColourBackend blue;
    private ColourBackend green;

    @BeforeEach
    void setUp() throws IOException {
        installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY", "nginx",
                "GANTRY_PROXY_HTTP_PORT", Integer.toString(FreePort.pick()),
                "GANTRY_PROXY_HTTPS_PORT", Integer.toString(FreePort.pick())));
        proxy = new NginxProxy(installation);
        files = NginxFiles.of(installation);
        blue = ColourBackend.start("blue");
        green = ColourBackend.start("green");
    }

    @AfterEach
    void tearDown() {
        proxy.stop();
        blue.close();
        green.close();
    }

    @Test
    void theAdminEndpointIsAnOwnerOnlySocketAndNginxListensOnNoOtherTcpPort() throws IOException {
        proxy.route(books(blue));

        assertThat(Files.getOwner(files.adminSocket(), LinkOption.NOFOLLOW_LINKS)).isEqualTo(Files.getOwner(home));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.adminDir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.adminSocket()))).isEqualTo("rw-------");
        assertThat(files.legacyAdminPortFile()).doesNotExist();
        assertThat(ListeningPorts.of(pid()))
                .containsExactlyInAnyOrder(installation.proxyHttpPort(), installation.proxyHttpsPort());
    }

    @Test
    void anotherUserCannotPutRoutes() throws Exception {
        assumeThat(System.getProperty("user.name")).as("switching to another user needs root").isEqualTo("root");
        proxy.route(books(blue));
        // only the socket's own directory and mode may keep others out, not the test's private temp dir
        for (Path dir : List.of(home, installation.proxyFiles(), files.dir())) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String table = "books * /books/ " + green.backend() + "\n";

        assertThat(curl(List.of(), "GET", "")).as("the same request as the owner reaches nginx").startsWith("0 ");
        assertThat(curl(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"), "PUT", table))
                .as("curl as nobody").startsWith("7 ").contains("Couldn't connect");
        try (var client = new KeepAliveClient(installation.proxyHttpPort())) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(blue.body());
        }
    }

    @Test
    void anNginxOfAnOlderGantryWithALoopbackAdminPortMovesToTheSocketAtTheNextRoute() throws IOException {
        proxy.route(books(blue));
        int legacyPort = startedLikeAnOlderGantry();
        assertThat(answersTcp(legacyPort)).as("the old admin port listens before the upgrade").isTrue();
        long before = pid();

        proxy.route(books(green));

        assertThat(pid()).as("reloaded, not restarted").isEqualTo(before);
        assertThat(ListeningPorts.of(before))
                .containsExactlyInAnyOrder(installation.proxyHttpPort(), installation.proxyHttpsPort());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.adminSocket()))).isEqualTo("rw-------");
        assertThat(files.legacyAdminPortFile()).doesNotExist();
        try (var client = new KeepAliveClient(installation.proxyHttpPort())) {
            assertThat(client.get("/books/1", "any.test").body()).isEqualTo(green.body());
        }
    }

    /** Restarts nginx as Gantry versions before the socket ran it: admin on 127.0.0.1, port in admin-port. */
    private int startedLikeAnOlderGantry() throws IOException {
        proxy.stop();
        int port = FreePort.pick();
        String conf = Files.readString(files.conf());
        String socketListen = "listen " + NginxConf.quoted("unix:" + files.adminSocket()) + ";";
        assertThat(conf).contains(socketListen);
        Files.writeString(files.conf(), conf.replace(socketListen, "listen 127.0.0.1:" + port + ";"));
        Files.writeString(files.legacyAdminPortFile(), port + "\n");
        new ManagedProcess("nginx", files.pidFile(), files.conf().toString())
                .start(NginxCommands.start(files).argv(), files.startLog());
        assertThat(files.adminSocket()).doesNotExist();
        return port;
    }

    /** curl's exit code and output for {@code method} on the admin socket, run after {@code as}. */
    private String curl(List<String> as, String method, String body) throws Exception {
        List<String> command = new ArrayList<>(as);
        command.addAll(List.of("curl", "-sS", "--max-time", "5", "--unix-socket", files.adminSocket().toString(),
                "-X", method, "--data-binary", body, "http://gantry/_gantry/" + (method.equals("PUT") ? "routes" : "inflight")));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return curl.exitValue() + " " + output;
    }

    private static boolean answersTcp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private long pid() {
        return new NginxProcess(files).pid().orElseThrow();
    }

    private static Route books(ColourBackend replica) {
        return new Route("books", "/books/", Optional.empty(), List.of(replica.backend()));
    }
}
