package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Command;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The HTTPS listener's {@code certificate.pem} (certificate chain, then private key, in one file as
 * HAProxy's {@code crt} wants): the user's, or a self-signed one generated once. Generated files
 * appear by a hard link, so when two proxies generate at once the first one wins and both use it.
 */
final class Certificate {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Certificate() {
    }

    static void ensure(Path pem) {
        if (Files.isRegularFile(pem)) {
            return;
        }
        Path work = null;
        try {
            Files.createDirectories(pem.getParent());
            work = Files.createTempDirectory(pem.getParent(), "certificate-");
            Command openssl = HaproxyCommands.selfSignedCertificate(work.resolve("cert.pem"), work.resolve("key.pem"));
            Command.Outcome outcome = openssl.run(DEADLINE);
            if (!outcome.succeeded()) {
                throw new ProxyUnavailableException("Generating a self-signed certificate (" + openssl + ") failed: "
                        + outcome.output() + ". Or put your certificate chain and key, in one PEM file, at " + pem + ".");
            }
            Path both = Files.createFile(work.resolve("both.pem"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(both, Files.readAllBytes(work.resolve("cert.pem")));
            Files.write(both, Files.readAllBytes(work.resolve("key.pem")), StandardOpenOption.APPEND);
            Files.createLink(pem, both);
        } catch (FileAlreadyExistsException raced) {
            // another gantry process generated it first: use that one
        } catch (IOException e) {
            throw new ProxyUnavailableException("Generating a self-signed certificate into " + pem + " failed: "
                    + e.getMessage() + ". Install openssl (apt-get install -y openssl) or put your certificate"
                    + " chain and key, in one PEM file, at " + pem + ".", e);
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
