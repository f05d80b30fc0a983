package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxFragmentTest {

    @Test
    void rendersAnUpstreamPerServiceAndAServerPerHostLongestPrefixFirst() {
        assertThat(NginxFragment.render(FragmentsFixture.routes(), 8080)).isEqualTo("""
                # Written by Gantry (proxy-mode: external) at every route change; edits here are lost.
                # Gantry's routes are in routes.json under $GANTRY_HOME/proxy. See docs/proxy-external.md.

                upstream gantry_api {
                    server 10.0.0.7:8080;
                    keepalive 16;
                }

                upstream gantry_books {
                    server 127.0.0.1:32771;
                    server 127.0.0.1:32772;
                    keepalive 16;
                }

                upstream gantry_shop {
                    server shop-1.internal:80;
                    keepalive 16;
                }

                server {
                    listen 8080 default_server;

                    location /api/v1/books {
                        proxy_pass http://gantry_books;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Forwarded "";
                        proxy_next_upstream error timeout;
                    }

                    location /api {
                        proxy_pass http://gantry_api;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Forwarded "";
                        proxy_next_upstream error timeout;
                    }

                    location / {
                        default_type text/plain;
                        return 404 "No service is routed for this host and path.\\n";
                    }
                }

                server {
                    listen 8080;
                    server_name shop.example.com;

                    location /api/v1/books {
                        proxy_pass http://gantry_books;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Forwarded "";
                        proxy_next_upstream error timeout;
                    }

                    location /api {
                        proxy_pass http://gantry_api;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Forwarded "";
                        proxy_next_upstream error timeout;
                    }

                    location / {
                        proxy_pass http://gantry_shop;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Forwarded "";
                        proxy_next_upstream error timeout;
                    }
                }
                """);
    }

    @Test
    void withoutRoutesTheDefaultServerAnswers404() {
        assertThat(NginxFragment.render(Map.of(), 8080)).isEqualTo("""
                # Written by Gantry (proxy-mode: external) at every route change; edits here are lost.
                # Gantry's routes are in routes.json under $GANTRY_HOME/proxy. See docs/proxy-external.md.

                server {
                    listen 8080 default_server;

                    location / {
                        default_type text/plain;
                        return 404 "No service is routed for this host and path.\\n";
                    }
                }
                """);
    }
}
