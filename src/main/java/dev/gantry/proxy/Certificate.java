package dev.gantry.proxy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The HTTPS listener's certificate chain and private key, in one PEM file (what HAProxy's {@code crt}
 * and nginx's {@code ssl_certificate}/{@code ssl_certificate_key} read): the user's
 * {@code proxy/certificate.pem} if it exists, else {@code proxy/self-signed.pem}, generated once and
 * shared by both managed proxies. The generated file appears by a hard link, so when two gantry
 * processes generate it at once the first one wins and both use it.
 */
public final class Certificate {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Certificate() {
    }

    /** Where the user puts their own certificate chain and key. */
    public static Path user(Path proxyDir) {
        return proxyDir.resolve("certificate.pem");
    }

    /** Where Gantry keeps the certificate it generated. */
    public static Path selfSigned(Path proxyDir) {
        return proxyDir.resolve("self-signed.pem");
    }

    /** The file the proxy uses: the user's if it exists, else the self-signed one (see {@link #ensure}). */
    public static Path current(Path proxyDir) {
        return Files.isRegularFile(user(proxyDir)) ? user(proxyDir) : selfSigned(proxyDir);
    }

    /** {@link #current}, after generating the self-signed certificate if it is the one and does not exist yet. */
    public static Path ensure(Path proxyDir) {
        Path pem = current(proxyDir);
        if (!Files.isRegularFile(pem)) {
            generate(pem, user(proxyDir));
        }
        return pem;
    }

    /** A self-signed certificate for {@code CN=localhost}, also valid for 127.0.0.1; its unencrypted key in a second file. */
    static Command selfSignedCommand(Path certificate, Path key) {
        return Command.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "825", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString());
    }

    private static void generate(Path pem, Path user) {
        String instead = " Or put your own certificate chain and key, in one PEM file, at " + user + ".";
        Path work = null;
        try {
            Files.createDirectories(pem.getParent());
            work = Files.createTempDirectory(pem.getParent(), "certificate-");
            Command openssl = selfSignedCommand(work.resolve("cert.pem"), work.resolve("key.pem"));
            Command.Outcome outcome = openssl.run(DEADLINE);
            if (!outcome.succeeded()) {
                throw new ProxyUnavailableException("Generating a self-signed certificate failed: " + outcome.describe()
                        + "\n" + instead.strip());
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
