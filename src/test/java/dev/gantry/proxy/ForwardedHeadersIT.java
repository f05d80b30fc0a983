package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.FreePort;
import dev.gantry.config.Installation;
import dev.gantry.proxy.haproxy.HaproxyProxy;
import dev.gantry.proxy.nginx.NginxProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both managed proxies set X-Forwarded-For and X-Forwarded-Proto themselves: a client that forges them
 * (or Forwarded) over HTTP or HTTPS cannot make a backend believe another address or scheme.
 */
class ForwardedHeadersIT {
    @TempDir
    Path home;

    private Proxy proxy;
    private HeaderEcho echo;

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.stop();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"haproxy", "nginx"})
    void aClientsForgedForwardingHeadersAreReplacedOnHttpAndHttps(String kind) throws Exception {
        int http = FreePort.pick();
        int https = FreePort.pick();
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_PROXY", kind,
                "GANTRY_PROXY_HTTP_PORT", Integer.toString(http), "GANTRY_PROXY_HTTPS_PORT", Integer.toString(https)));
        Function<Installation, Proxy> managed = kind.equals("nginx") ? NginxProxy::new : HaproxyProxy::new;
        proxy = managed.apply(installation);
        echo = HeaderEcho.start();
        proxy.route(new Route("echo", "/", Optional.empty(), List.of(echo.backend())));
        var client = HeaderEcho.client(installation.proxyFiles().resolve("self-signed.pem"));

        assertThat(HeaderEcho.forgedGet("http://127.0.0.1:" + http + "/", client))
                .isEqualTo("X-Forwarded-For=[127.0.0.1] X-Forwarded-Proto=[http] Forwarded=[]");
        assertThat(HeaderEcho.forgedGet("https://127.0.0.1:" + https + "/", client))
                .isEqualTo("X-Forwarded-For=[127.0.0.1] X-Forwarded-Proto=[https] Forwarded=[]");
    }
}
