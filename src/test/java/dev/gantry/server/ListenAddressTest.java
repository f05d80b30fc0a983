package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void readsHostAndPortWithIpv6InBrackets() {
        assertThat(ListenAddress.parse("127.0.0.1:7070")).isEqualTo(new ListenAddress("127.0.0.1", 7070));
        assertThat(ListenAddress.parse("[::1]:7070")).isEqualTo(new ListenAddress("::1", 7070));
        assertThat(ListenAddress.parse("[::1]:0").withPort(43210)).isEqualTo("[::1]:43210");
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        for (String bad : new String[] {"7070", "localhost", ":7070", "host:", "host:99999", "host:http"}) {
            assertThatThrownBy(() -> ListenAddress.parse(bad)).as(bad).isInstanceOf(ServerInputException.class)
                    .hasMessageContaining("is not HOST:PORT");
        }
    }
}
