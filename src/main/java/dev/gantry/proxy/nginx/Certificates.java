package dev.gantry.proxy.nginx;

import dev.gantry.proxy.Command;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The certificate of the HTTPS listener: the user's {@code certificate.pem} (chain, then private
 * key) when it exists, else a self-signed one generated once with openssl.
 */
final class Certificates {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Certificates() {
    }

    /** The certificate file for nginx.conf, relative to the nginx prefix; generated if needed. */
    static String choose(NginxFiles files) {
        if (Files.isRegularFile(files.userCertificate())) {
            return "../" + files.userCertificate().getFileName();
        }
        if (!Files.isRegularFile(files.selfSignedCertificate())) {
            generate(files);
        }
        return files.selfSignedCertificate().getFileName().toString();
    }

    private static void generate(NginxFiles files) {
        Path target = files.selfSignedCertificate();
        String instead = " Or put your own certificate chain and key (PEM, in one file) in " + files.userCertificate() + ".";
        Path work = null;
        try {
            work = Files.createTempDirectory(files.dir(), "certificate-");
            Command openssl = NginxCommands.selfSignedCertificate(work.resolve("cert.pem"), work.resolve("key.pem"));
            Command.Outcome outcome = openssl.run(DEADLINE);
            if (!outcome.succeeded()) {
                throw new ProxyUnavailableException("Generating a self-signed certificate failed (" + openssl + "): "
                        + outcome.output() + "." + instead);
            }
            Path pem = Files.createFile(work.resolve("both.pem"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(pem, Files.readAllBytes(work.resolve("cert.pem")));
            Files.write(pem, Files.readAllBytes(work.resolve("key.pem")), StandardOpenOption.APPEND);
            Files.move(pem, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Generating a self-signed certificate into " + target + " failed: "
                    + e.getMessage() + ". Install openssl (apt-get install -y openssl)." + instead, e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temporary directory beside the certificate is harmless
        }
    }
}
