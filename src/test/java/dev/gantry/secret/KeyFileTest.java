package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsCreatedOnFirstUseReadableByItsOwnerOnlyAndThenReused() throws Exception {
        var keyFile = new KeyFile(dir.resolve("home"));

        byte[] first = keyFile.readOrCreate().getEncoded();
        byte[] again = new KeyFile(dir.resolve("home")).readOrCreate().getEncoded();

        Path file = dir.resolve("home/secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(file)).hasSize(32).isEqualTo(first);
        assertThat(again).isEqualTo(first);
        assertThat(Files.list(dir.resolve("home"))).as("no temporary file left").containsExactly(file);
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        var keyFile = new KeyFile(dir);
        keyFile.readOrCreate();
        Files.setPosixFilePermissions(keyFile.path(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(keyFile::read).isInstanceOfSatisfying(SecretKeyException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
            assertThat(e.getMessage()).contains(keyFile.path().toString()).contains("mode rw-r--r--")
                    .endsWith("chmod 600 " + keyFile.path());
        });
        assertThatThrownBy(keyFile::readOrCreate).isInstanceOf(SecretKeyException.class);
    }

    @Test
    void aKeyFileTheGroupCanWriteIsRefusedToo() throws Exception {
        var keyFile = new KeyFile(dir);
        keyFile.readOrCreate();
        Files.setPosixFilePermissions(keyFile.path(), PosixFilePermissions.fromString("rw--w----"));

        assertThatThrownBy(keyFile::read).isInstanceOf(SecretKeyException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void aMissingKeyIsNotSilentlyReplacedWhenSecretsNeedIt() {
        var keyFile = new KeyFile(dir);

        assertThatThrownBy(keyFile::read).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining(keyFile.path() + " is missing");
        assertThat(keyFile.path()).doesNotExist();
    }

    @Test
    void aFileOfTheWrongLengthIsNotAKey() throws Exception {
        var keyFile = new KeyFile(dir);
        Files.write(keyFile.path(), new byte[16]);
        Files.setPosixFilePermissions(keyFile.path(), PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(keyFile::read).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("holds 16 bytes, not the 32");
    }
}
