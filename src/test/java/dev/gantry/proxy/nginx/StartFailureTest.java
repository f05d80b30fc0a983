package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartFailureTest {
    private static final NginxConf CONF = new NginxConf(8080, 8443, Path.of("/srv/gantry/proxy/nginx/admin/admin.sock"), "self-signed.pem");
    private static final NginxFiles FILES = new NginxFiles(Path.of("/srv/gantry/proxy/nginx"), Path.of("/srv/gantry/proxy"));
    private static final String HTTP_PORT_IN_USE = """
            nginx: [emerg] bind() to 0.0.0.0:8080 failed (98: Address already in use)
            nginx: [emerg] bind() to 0.0.0.0:8080 failed (98: Address already in use)
            nginx: [emerg] still could not bind()
            """;

    @Test
    void aPortInUseNamesThePortAndTheSettingThatMovesIt() {
        assertThat(StartFailure.explain("Starting nginx", HTTP_PORT_IN_USE, CONF, FILES)).hasMessage(
                "Starting nginx failed: it cannot listen on port 8080 (0.0.0.0:8080): another process listens on it."
                        + " Set GANTRY_PROXY_HTTP_PORT (or proxy-http-port in config.yml) to a free port, or stop what"
                        + " listens on 8080.");
    }

    @Test
    void aPrivilegedHttpsPortSaysItNeedsRoot() {
        String output = "nginx: [emerg] bind() to 0.0.0.0:443 failed (13: Permission denied)";
        NginxConf defaults = new NginxConf(80, 443, CONF.adminSocket(), "self-signed.pem");

        assertThat(StartFailure.explain("Starting nginx", output, defaults, FILES)).hasMessage(
                "Starting nginx failed: it cannot listen on port 443 (0.0.0.0:443): ports below 1024 need root (or"
                        + " CAP_NET_BIND_SERVICE). Set GANTRY_PROXY_HTTPS_PORT (or proxy-https-port in config.yml) to a"
                        + " free port, or stop what listens on 443.");
    }

    @Test
    void aMissingLuaModuleGivesTheAptCommand() {
        String output = "nginx: [emerg] dlopen() \"/usr/lib/nginx/modules/ngx_http_lua_module.so\" failed"
                + " (/usr/lib/nginx/modules/ngx_http_lua_module.so: cannot open shared object file: No such file or"
                + " directory) in /srv/gantry/proxy/nginx/nginx.conf.next:4";

        assertThat(StartFailure.explain("Validating nginx.conf.next", output, CONF, FILES))
                .hasMessageStartingWith("Validating nginx.conf.next failed because nginx's Lua module is missing: ")
                .hasMessageEndingWith(". Install it: apt-get install -y nginx libnginx-mod-http-lua lua-resty-core"
                        + " (bin/env-up does).");
    }

    @Test
    void aMissingRestyCoreGivesTheAptCommand() {
        String output = "nginx: [alert] failed to load the 'resty.core' module (https://github.com/openresty/lua-resty-core)";

        assertThat(StartFailure.explain("Validating", output, CONF, FILES).getMessage())
                .contains("Lua module is missing", "lua-resty-core (bin/env-up does)");
    }

    @Test
    void aBadUserCertificateSaysWhatTheFileMustHold() {
        String output = "nginx: [emerg] cannot load certificate key \"/srv/gantry/proxy/nginx/../certificate.pem\":"
                + " PEM_read_bio_PrivateKey() failed";

        assertThat(StartFailure.explain("Validating", output, CONF, FILES).getMessage()).endsWith(
                "/srv/gantry/proxy/certificate.pem must hold the certificate chain and then its private key, in PEM"
                        + " (the file HAProxy's crt takes); remove it to use a self-signed certificate.");
    }

    @Test
    void anythingElseShowsTheLastLinesAndTheErrorLog() {
        String output = "nginx: [emerg] unknown directive \"bogus\" in nginx.conf.next:3\nnginx: configuration file test failed";

        assertThat(StartFailure.explain("Validating", output, CONF, FILES)).hasMessage(
                "Validating failed: nginx: [emerg] unknown directive \"bogus\" in nginx.conf.next:3 | nginx: configuration"
                        + " file test failed. See /srv/gantry/proxy/nginx/logs/error.log.");
    }
}
