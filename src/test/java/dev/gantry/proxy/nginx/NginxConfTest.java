package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxConfTest {
    private static final Path SOCKET = Path.of("/srv/gantry/proxy/nginx/admin/admin.sock");

    @Test
    void rendersTheListenersTheAdminSocketAndTheLuaRouting() {
        String conf = new NginxConf(8080, 8443, SOCKET, "self-signed.pem").render();

        assertThat(conf).isEqualTo("""
                # Rendered by Gantry; do not edit (Gantry writes it again when it starts nginx). docs/proxy-nginx.md
                # Relative paths are relative to the prefix directory (nginx -p), which holds this file.
                load_module /usr/lib/nginx/modules/ndk_http_module.so;
                load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;

                worker_processes auto;
                worker_rlimit_nofile 16384;
                worker_shutdown_timeout 30s;
                pid nginx.pid;
                error_log logs/error.log warn;

                events {
                    worker_connections 4096;
                }

                http {
                    access_log off;
                    server_tokens off;
                    keepalive_timeout 65s;
                    keepalive_requests 10000;

                    # Request bodies up to the limit stay in memory and responses are never spooled to disk, so
                    # the workers (nobody, when nginx starts as root) write nothing under GANTRY_HOME.
                    client_max_body_size 1m;
                    client_body_buffer_size 1m;
                    proxy_max_temp_file_size 0;
                    client_body_temp_path tmp/client_body;
                    proxy_temp_path tmp/proxy;
                    fastcgi_temp_path tmp/fastcgi;
                    uwsgi_temp_path tmp/uwsgi;
                    scgi_temp_path tmp/scgi;

                    lua_package_path "$prefix?.lua;/usr/share/lua/5.1/?.lua;;";
                    lua_shared_dict gantry 4m;
                    lua_shared_dict gantry_inflight 1m;
                    lua_shared_dict gantry_requests 8m;  # answered requests, until gantry server takes them (docs/observability.md)
                    init_by_lua_block { require("gantry").init(ngx.config.prefix() .. "routes.txt") }

                    map $http_upgrade $gantry_connection {
                        default upgrade;
                        ''      '';
                    }

                    upstream gantry_backends {
                        server 0.0.0.1:1;  # never used: the balancer below chooses every peer
                        balancer_by_lua_block { require("gantry").balance() }
                        keepalive 64;
                        keepalive_timeout 4s;  # below the idle timeout of common backends, so none closes a connection nginx reuses
                    }

                    server {
                        listen 8080 default_server;
                        listen 8443 ssl http2 default_server;
                        ssl_certificate self-signed.pem;
                        ssl_certificate_key self-signed.pem;
                        ssl_protocols TLSv1.2 TLSv1.3;

                        location / {
                            rewrite_by_lua_block { require("gantry").route() }
                            proxy_pass http://gantry_backends;
                            proxy_http_version 1.1;
                            proxy_set_header Host $http_host;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection $gantry_connection;
                            # Set, never passed on: a client's own X-Forwarded-For is replaced, not appended to, and its
                            # Forwarded (RFC 7239) removed ("" drops a header).
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header Forwarded "";
                            proxy_connect_timeout 5s;
                            proxy_next_upstream error timeout;  # a request already sent is never sent twice
                            log_by_lua_block { require("gantry").done() }
                        }
                    }

                    # Owner-only: the socket's directory is 0700 (docs/proxy-nginx.md); no TCP port, so neither other
                    # users nor containers on the host network can change routes.
                    server {
                        listen "unix:/srv/gantry/proxy/nginx/admin/admin.sock";
                        client_max_body_size 1m;
                        client_body_buffer_size 1m;  # the whole table in memory, for ngx.req.get_body_data()
                        location = /_gantry/routes { content_by_lua_block { require("gantry").admin_routes() } }
                        location = /_gantry/check { content_by_lua_block { require("gantry").admin_check() } }
                        location = /_gantry/inflight { content_by_lua_block { require("gantry").admin_inflight() } }
                        location = /_gantry/requests { content_by_lua_block { require("gantry").admin_requests() } }
                        location / { return 404; }
                    }
                }
                """);
    }

    @Test
    void theUsersCertificateIsReadFromBesideTheRouteTable() {
        String conf = new NginxConf(80, 443, SOCKET, "../certificate.pem").render();

        assertThat(conf).contains("""
                        listen 80 default_server;
                        listen 443 ssl http2 default_server;
                        ssl_certificate ../certificate.pem;
                        ssl_certificate_key ../certificate.pem;
                """);
    }

    @Test
    void aCertificatePathNginxWouldReadAsSyntaxIsRefused() {
        assertThatThrownBy(() -> new NginxConf(80, 443, SOCKET, "my cert;.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsafe characters: my cert;.pem");
    }

    @Test
    void anAdminSocketPathWithSpacesQuotesAndSemicolonsStaysOneWord() {
        String conf = new NginxConf(80, 443, Path.of("/home/a \"b\";c\\d/admin.sock"), "self-signed.pem").render();

        assertThat(conf).contains("        listen \"unix:/home/a \\\"b\\\";c\\\\d/admin.sock\";\n");
    }

    @Test
    void theAdminEndpointHasNoTcpListener() {
        String conf = new NginxConf(80, 443, SOCKET, "self-signed.pem").render();

        assertThat(conf.lines().filter(line -> line.strip().startsWith("listen ")))
                .containsExactly("        listen 80 default_server;", "        listen 443 ssl http2 default_server;",
                        "        listen \"unix:/srv/gantry/proxy/nginx/admin/admin.sock\";");
    }

    @Test
    void aRelativeAdminSocketIsRefused() {
        assertThatThrownBy(() -> new NginxConf(80, 443, Path.of("admin.sock"), "self-signed.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be absolute");
    }
}
