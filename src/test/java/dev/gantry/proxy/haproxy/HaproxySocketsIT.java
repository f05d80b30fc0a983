package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.FreePort;
import dev.gantry.config.Installation;
import dev.gantry.proxy.ListeningPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed HAProxy's runtime API and master CLI are owner-only sockets; it has no TCP admin or stats port. */
class HaproxySocketsIT {
    @TempDir
    Path home;

    private HaproxyProxy proxy;

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void bothSocketsAreOwnerOnlyAndHaproxyListensOnlyOnTheProxyPorts() throws IOException {
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY", "haproxy",
                "GANTRY_PROXY_HTTP_PORT", Integer.toString(FreePort.pick()),
                "GANTRY_PROXY_HTTPS_PORT", Integer.toString(FreePort.pick())));
        proxy = new HaproxyProxy(installation);
        proxy.start();
        HaproxyFiles files = HaproxyFiles.of(installation);

        for (Path socket : new Path[] {files.adminSocket(), files.masterSocket()}) {
            assertThat(Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS)).as("%s", socket).isEqualTo(Files.getOwner(home));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).as("%s", socket)
                    .isEqualTo("rw-------");
        }
        long master = new HaproxyProcess(files).pid().orElseThrow();
        Set<Integer> ports = new TreeSet<>(ListeningPorts.of(master));
        for (ProcessHandle worker : ProcessHandle.of(master).orElseThrow().children().toList()) {
            ports.addAll(ListeningPorts.of(worker.pid()));
        }
        assertThat(ports).containsExactlyInAnyOrder(installation.proxyHttpPort(), installation.proxyHttpsPort());
    }
}
