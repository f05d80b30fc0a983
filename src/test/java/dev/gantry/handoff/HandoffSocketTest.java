package dev.gantry.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoffSocketTest {
    private static final Map<String, String> ENV = Map.of("GANTRY_HOME", "/srv/gantry", "DOCKER_HOST",
            "tcp://127.0.0.1:2375", "PATH", "/usr/bin", "TERM", "xterm");

    @Test
    void theSocketIsInTheHome() {
        assertThat(HandoffSocket.of(ENV)).map(HandoffSocket::path).contains(Path.of("/srv/gantry/server.sock"));
    }

    @Test
    void everyGantryAndDockerVariableAndPathIsPartOfTheFingerprintAndNothingElse() {
        String fingerprint = HandoffSocket.fingerprint(ENV);

        assertThat(HandoffSocket.fingerprint(ENV)).isEqualTo(fingerprint);
        assertThat(HandoffSocket.fingerprint(with("TERM", "dumb"))).isEqualTo(fingerprint);
        assertThat(HandoffSocket.fingerprint(with("GANTRY_FAILPOINTS", "switch=fail"))).isNotEqualTo(fingerprint);
        assertThat(HandoffSocket.fingerprint(with("DOCKER_HOST", "unix:///var/run/docker.sock")))
                .isNotEqualTo(fingerprint);
        assertThat(HandoffSocket.fingerprint(with("PATH", "/opt/haproxy/bin:/usr/bin"))).isNotEqualTo(fingerprint);
    }

    @Test
    void aHomeTooLongForASocketMeansNoHandoff() {
        assertThat(HandoffSocket.of(with("GANTRY_HOME", "/tmp/" + "h".repeat(HandoffSocket.MAX_PATH_BYTES)))).isEmpty();
    }

    private static Map<String, String> with(String name, String value) {
        var env = new java.util.HashMap<>(ENV);
        env.put(name, value);
        return env;
    }
}
