package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HaproxyFragmentTest {

    @Test
    void rendersAFrontendWithRulesLongestPrefixFirstAndABackendPerService() {
        assertThat(HaproxyFragment.render(FragmentsFixture.routes(), 8080)).isEqualTo("""
                # Written by Gantry (proxy-mode: external) at every route change; edits here are lost.
                # Gantry's routes are in routes.json under $GANTRY_HOME/proxy. See docs/proxy-external.md.

                frontend gantry
                    mode http
                    bind :8080
                    option forwardfor
                    http-request del-header X-Forwarded-For
                    http-request del-header Forwarded
                    http-request set-header X-Forwarded-Proto https if { ssl_fc }
                    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }
                    use_backend gantry_books if { path_beg /api/v1/books }
                    use_backend gantry_api if { path_beg /api }
                    use_backend gantry_shop if { hdr(host),field(1,:) -i shop.example.com } { path_beg / }
                    default_backend gantry_no_route

                backend gantry_api
                    mode http
                    balance roundrobin
                    server api-1 10.0.0.7:8080

                backend gantry_books
                    mode http
                    balance roundrobin
                    server books-1 127.0.0.1:32771
                    server books-2 127.0.0.1:32772

                backend gantry_shop
                    mode http
                    balance roundrobin
                    server shop-1 shop-1.internal:80

                backend gantry_no_route
                    mode http
                    http-request return status 404 content-type text/plain string "No service is routed for this host and path."
                """);
    }
}
