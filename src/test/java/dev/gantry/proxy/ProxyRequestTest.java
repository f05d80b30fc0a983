package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyRequestTest {

    @Test
    void bothProxiesLinesAreRead() {
        assertThat(ProxyRequest.parse("gantry-request ms=12 status=503 server=172.18.0.5:8080"))
                .contains(new ProxyRequest("172.18.0.5:8080", 503, 12));
        assertThat(ProxyRequest.parse("gantry-request ms=0 status=200 server=127.0.0.1:32768\n"))
                .contains(new ProxyRequest("127.0.0.1:32768", 200, 0));
        assertThat(ProxyRequest.parse("gantry-request ms=12 status=503 server=172.18.0.5:8080").orElseThrow().failed())
                .isTrue();
    }

    @Test
    void whatIsNoAnsweredRequestIsNone() {
        assertThat(ProxyRequest.parse("gantry-request ms=-1 status=-1 server=-:-")).as("an aborted request").isEmpty();
        assertThat(ProxyRequest.parse("gantry-request ms=3 status=20")).as("a line cut at the ring's maxlen").isEmpty();
        assertThat(ProxyRequest.parse("<134>Dec  5 01:02:03 haproxy[12]: Proxy fe_gantry started.")).isEmpty();
        assertThat(ProxyRequest.parse("gantry-request ms=99999999999 status=200 server=a:1")).as("no number overflows")
                .isEmpty();
    }
}
