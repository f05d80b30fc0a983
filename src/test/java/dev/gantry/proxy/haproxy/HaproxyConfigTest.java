package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaproxyConfigTest {
    static final HaproxyFiles FILES = new HaproxyFiles(Path.of("/g/proxy/haproxy"), Path.of("/g/proxy"));

    @Test
    void rendersTheLiveBankOfEachServiceAndParksEveryOtherSlot() {
        Map<String, Route> routes = Map.of(
                "books", new Route("books", "/api/books", Optional.empty(),
                        List.of(new Backend("127.0.0.1", 32001), new Backend("127.0.0.1", 32002))),
                "shop", new Route("shop", "/", Optional.of("shop.example.com"), List.of(new Backend("::1", 32003))));
        Pools pools = new Pools(2, List.of(new Pool("be_1", "books", Bank.B), new Pool("be_2", "shop", Bank.A),
                Pool.spare("be_3")));

        String cfg = HaproxyConfig.render(new HaproxyConfig.Listeners(8080, 8443, FILES), routes, pools);

        assertThat(cfg).isEqualTo("""
                # Written by Gantry from routes.json and pools.json; edits here are overwritten.
                # Routes change at runtime through the admin socket (docs/proxy-haproxy.md); this file always
                # holds the live addresses, so a restart or a reload reproduces the routing.
                global
                  stats socket /g/proxy/haproxy/admin.sock mode 600 level admin expose-fd listeners
                  stats timeout 30s
                  hard-stop-after 30s

                # Every request answered, one line each, in memory: gantry server reads them from the admin socket
                # (show events) for its request metrics (docs/observability.md); when full, the oldest are overwritten.
                ring gantry_requests
                  format raw
                  maxlen 256
                  size 4194304

                defaults
                  mode http
                  option http-keep-alive
                  option forwardfor
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s
                  timeout http-request 10s
                  timeout http-keep-alive 10s
                  timeout queue 5s
                  retries 3
                  option redispatch 1
                  retry-on conn-failure empty-response
                  http-reuse safe
                  log ring@gantry_requests local0

                frontend fe_gantry
                  log-format "gantry-request ms=%Ta status=%ST server=%si:%sp"
                  bind :8080
                  bind :8443 ssl crt /g/proxy/self-signed.pem
                  # Set here, never passed on from the client: option forwardfor then adds the client's address alone.
                  http-request del-header X-Forwarded-For
                  http-request del-header Forwarded
                  http-request set-header X-Forwarded-Proto https if { ssl_fc }
                  http-request set-header X-Forwarded-Proto http if !{ ssl_fc }
                  # A request a dead replica dropped is sent again only when repeating it is safe (RFC 9110, 9.2.2).
                  http-request disable-l7-retry unless { method GET HEAD OPTIONS TRACE PUT DELETE }
                  http-request set-var(txn.path) path
                  http-request set-var(txn.host_path) req.hdr(host),field(1,:),lower,concat(,txn.path)
                  use_backend %[var(txn.host_path),map_beg(/g/proxy/haproxy/hosts.map)] if { var(txn.host_path),map_beg(/g/proxy/haproxy/hosts.map) -m found }
                  use_backend %[path,map_beg(/g/proxy/haproxy/routes.map,be_none)]

                backend be_none
                  http-request return status 404 content-type text/plain string "no route"

                # books
                backend be_1
                  balance roundrobin
                  server A1 127.0.0.1:1 disabled
                  server A2 127.0.0.1:1 disabled
                  server B1 127.0.0.1:32001
                  server B2 127.0.0.1:32002

                # shop
                backend be_2
                  balance roundrobin
                  server A1 [::1]:32003
                  server A2 127.0.0.1:1 disabled
                  server B1 127.0.0.1:1 disabled
                  server B2 127.0.0.1:1 disabled

                # spare
                backend be_3
                  balance roundrobin
                  server A1 127.0.0.1:1 disabled
                  server A2 127.0.0.1:1 disabled
                  server B1 127.0.0.1:1 disabled
                  server B2 127.0.0.1:1 disabled
                """);
    }
}
