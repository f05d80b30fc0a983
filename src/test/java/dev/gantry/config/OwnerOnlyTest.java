package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GANTRY_HOME and what is in it are the owner's only; config.yml is warned about, never changed. */
class OwnerOnlyTest {
    @TempDir
    Path dir;

    @Test
    void aMissingHomeIsCreatedOwnerOnly() throws IOException {
        Path home = dir.resolve("a/home");

        OwnerOnly.secure(home);

        assertThat(mode(home)).isEqualTo("rwx------");
    }

    @Test
    void groupAndOthersLoseTheirRightsOnEverythingBelowTheHomeAndTheOwnerKeepsTheirs() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path logs = Files.createDirectories(home.resolve("logs/books"));
        Path log = Files.writeString(logs.resolve("1-test.log"), "ok\n");
        Path script = Files.writeString(home.resolve("workspaces-run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnly.secure(home);

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("logs"))).isEqualTo("rwx------");
        assertThat(mode(logs)).isEqualTo("rwx------");
        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(mode(script)).isEqualTo("rwx------");
    }

    @Test
    void aSymlinkIsNotFollowedSoWhatItPointsToKeepsItsMode() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not Gantry's\n");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createSymbolicLink(home.resolve("link"), outside);

        OwnerOnly.secure(home);

        assertThat(mode(outside)).isEqualTo("rw-r--r--");
    }

    @Test
    void aConfigFileOthersMayReadIsWarnedAboutAndLeftAsItIs() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path config = Files.writeString(home.resolve("config.yml"), "registry: r:5000\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnly.secure(home);

        assertThat(mode(config)).isEqualTo("rw-r--r--");
        assertThat(OwnerOnly.configWarning(home)).contains(config + " is readable or writable by group or others"
                + " (mode rw-r--r--), and it can hold secrets (webhook-secret, the store's password). Make it the"
                + " owner's only: chmod 600 " + config);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        assertThat(OwnerOnly.configWarning(home)).isEmpty();
        assertThat(OwnerOnly.configWarning(dir.resolve("none"))).isEmpty();
    }

    @Test
    void aSecretsKeyOthersMayReadIsLeftForTheVaultToRefuse() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path key = Files.write(home.resolve("secrets.key"), new byte[32]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnly.secure(home);

        assertThat(mode(key)).isEqualTo("rw-r--r--");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
