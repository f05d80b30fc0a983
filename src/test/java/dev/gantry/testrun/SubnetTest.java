package dev.gantry.testrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SubnetTest {

    @Test
    void anAddressIsInsideItsSubnetAndOutsideOthers() throws Exception {
        Subnet docker = Subnet.parse("172.18.0.0/16");

        assertThat(docker.contains(InetAddress.getByName("172.18.0.2"))).isTrue();
        assertThat(docker.contains(InetAddress.getByName("172.18.255.254"))).isTrue();
        assertThat(docker.contains(InetAddress.getByName("172.19.0.2"))).isFalse();
        assertThat(docker.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void prefixesThatDoNotEndOnAByteBoundaryAreComparedBitByBit() throws Exception {
        Subnet small = Subnet.parse("10.213.0.16/28");

        assertThat(small.contains(InetAddress.getByName("10.213.0.31"))).isTrue();
        assertThat(small.contains(InetAddress.getByName("10.213.0.32"))).isFalse();
        assertThat(small.contains(InetAddress.getByName("10.213.0.15"))).isFalse();
    }

    @Test
    void anAddressOfTheOtherIpVersionIsNeverInside() throws Exception {
        assertThat(Subnet.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Subnet.parse("fd00::/8").contains(InetAddress.getByName("fd00::2"))).isTrue();
    }

    @Test
    void aMalformedSubnetIsRefusedSayingTheForm() {
        assertThatThrownBy(() -> Subnet.parse("172.18.0.0/33")).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Subnet.parse("172.18.0.0/x")).hasMessageContaining("address/bits");
    }
}
