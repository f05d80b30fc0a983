package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateTest {
    @TempDir
    Path proxyDir;

    @Test
    void theSelfSignedCertificateCoversLocalhostAndLoopback() {
        assertThat(Certificate.selfSignedCommand(Path.of("/w/cert.pem"), Path.of("/w/key.pem")).argv())
                .containsExactly("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "825", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", "/w/key.pem", "-out", "/w/cert.pem");
    }

    @Test
    void generatesOneSelfSignedCertificateWithItsKeyReadableOnlyByTheOwner() throws IOException {
        Path pem = Certificate.ensure(proxyDir);
        String generated = Files.readString(pem);

        assertThat(pem).isEqualTo(proxyDir.resolve("self-signed.pem"));
        assertThat(generated).contains("-----BEGIN CERTIFICATE-----").contains("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
        assertThat(Certificate.ensure(proxyDir)).isEqualTo(pem);
        assertThat(Files.readString(pem)).isEqualTo(generated);
        try (var files = Files.list(proxyDir)) {
            assertThat(files).containsExactly(pem);
        }
    }

    @Test
    void theUsersCertificateWinsAndNothingIsGenerated() throws IOException {
        Path user = Files.writeString(proxyDir.resolve("certificate.pem"), "the user's chain and key");

        assertThat(Certificate.current(proxyDir)).isEqualTo(user);
        assertThat(Certificate.ensure(proxyDir)).isEqualTo(user);
        assertThat(proxyDir.resolve("self-signed.pem")).doesNotExist();
    }
}
