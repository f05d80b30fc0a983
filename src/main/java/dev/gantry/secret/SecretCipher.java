package dev.gantry.secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens secret values with AES-256-GCM (NIST SP 800-38D): a random 96-bit nonce per value,
 * a 128-bit tag, and the secret's service and name as associated data.
 */
final class SecretCipher {
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sealed value: the nonce, and the ciphertext followed by its tag. */
    record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    private final SecretKey key;
    private final Path keyFile;

    SecretCipher(SecretKey key, Path keyFile) {
        this.key = key;
        this.keyFile = keyFile;
    }

    Sealed seal(SecretName secret, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, secret, nonce);
            return new Sealed(nonce, cipher.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot encrypt with " + TRANSFORMATION + ": " + e.getMessage(), e);
        }
    }

    /** The value of {@code secret}; a wrong key, or a changed or moved ciphertext, is a {@link SecretKeyException}. */
    String open(SecretName secret, byte[] nonce, byte[] ciphertext) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, secret, nonce);
            return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new SecretKeyException(keyFile, "The " + secret + " cannot be decrypted with the key " + keyFile
                    + ": the key is not the one it was set with, or the stored secret was changed or copied from"
                    + " another secret. Put back the key file it was set with, or set it again (`gantry secret set "
                    + secret.service() + " " + secret.name() + "`).", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot decrypt with " + TRANSFORMATION + ": " + e.getMessage(), e);
        }
    }

    private Cipher cipher(int mode, SecretName secret, byte[] nonce) throws GeneralSecurityException {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce of " + nonce.length + " bytes");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(secret.associatedData());
        return cipher;
    }
}
