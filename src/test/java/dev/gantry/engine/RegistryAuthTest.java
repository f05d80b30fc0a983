package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.Login;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
    private final RegistryAuth auth = new RegistryAuth("127.0.0.1:5000", Optional.of(new Login("gantry", "s3cret")));

    @Test
    void anImageOfTheInstallationsRegistryIsMovedWithItsLogin() {
        var config = auth.forImage("127.0.0.1:5000/books-ms");

        assertThat(config.getUsername()).isEqualTo("gantry");
        assertThat(config.getPassword()).isEqualTo("s3cret");
        assertThat(config.getRegistryAddress()).isEqualTo("127.0.0.1:5000");
    }

    @Test
    void anotherRegistryNeverGetsThePassword() {
        assertThat(auth.forImage("127.0.0.1:50000/books-ms").getPassword()).isNull();
        assertThat(auth.forImage("registry.example.com/127.0.0.1:5000/x").getPassword()).isNull();
        assertThat(auth.forImage("127.0.0.1:5000").getPassword()).isNull();
    }

    @Test
    void withoutALoginEveryImageIsMovedAnonymously() {
        assertThat(RegistryAuth.NONE.forImage("127.0.0.1:5000/books-ms").getUsername()).isNull();
    }
}
