package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import dev.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtcdEndpointTest {
    @Test
    void anEtcdSettingGivesHostAndPort() {
        assertThat(EtcdEndpoint.parse("etcd://127.0.0.1:2379")).contains(new EtcdEndpoint("127.0.0.1", 2379));
        assertThat(EtcdEndpoint.parse("etcd://etcd.internal:12379"))
                .contains(new EtcdEndpoint("etcd.internal", 12379));
        assertThat(EtcdEndpoint.parse("etcd://[::1]:2379").orElseThrow().uri()).isEqualTo("http://[::1]:2379");
    }

    @ParameterizedTest
    @ValueSource(strings = {"etcd://", "etcd://127.0.0.1", "etcd://:2379", "etcd://host:0", "etcd://host:port",
            "etcd://host:2379/path", "etcd://::1:2379", "zookeeper://x", "embeded", ""})
    void aSettingThatIsNeitherFormIsAConfigErrorNamingTheVariable(String setting) {
        assertThat(EtcdEndpoint.parse(setting)).isEmpty();
        assertThatThrownBy(() -> Discovery.open(setting, null)).isInstanceOfSatisfying(ConfigException.class,
                e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains(
                            "GANTRY_DISCOVERY: should be embedded or etcd://HOST:PORT, was \"" + setting + "\"");
                });
    }
}
