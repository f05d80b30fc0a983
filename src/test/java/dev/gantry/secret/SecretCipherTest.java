package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final Path KEY_FILE = Path.of("/home/gantry/.gantry/secrets.key");
    private static final SecretName TOKEN = new SecretName("books-ms", "API_TOKEN");
    private static final String VALUE = "päss wörd/+=&%-" + "x".repeat(40);

    private final SecretCipher cipher = new SecretCipher(randomKey(), KEY_FILE);

    @Test
    void aSealedValueOpensToTheSameValue() {
        SecretCipher.Sealed sealed = cipher.seal(TOKEN, VALUE);

        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(VALUE.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(cipher.open(TOKEN, sealed.nonce(), sealed.ciphertext())).isEqualTo(VALUE);
    }

    @Test
    void everySealingTakesANewNonce() {
        SecretCipher.Sealed first = cipher.seal(TOKEN, VALUE);
        SecretCipher.Sealed second = cipher.seal(TOKEN, VALUE);

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void anotherKeyCannotOpenItAndTheErrorNamesTheSecretAndTheKeyButNotTheValue() {
        SecretCipher.Sealed sealed = cipher.seal(TOKEN, VALUE);
        var otherKey = new SecretCipher(randomKey(), KEY_FILE);

        assertThatThrownBy(() -> otherKey.open(TOKEN, sealed.nonce(), sealed.ciphertext()))
                .isInstanceOfSatisfying(SecretKeyException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
                    assertThat(e.keyFile()).isEqualTo(KEY_FILE);
                    assertThat(e.getMessage())
                            .startsWith("The secret API_TOKEN of books-ms cannot be decrypted with the key " + KEY_FILE)
                            .contains("gantry secret set books-ms API_TOKEN")
                            .doesNotContain(VALUE);
                });
    }

    @Test
    void aChangedCiphertextOrNonceDoesNotOpen() {
        SecretCipher.Sealed sealed = cipher.seal(TOKEN, VALUE);
        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[3] ^= 1;
        byte[] nonce = sealed.nonce().clone();
        nonce[0] ^= 1;

        assertThatThrownBy(() -> cipher.open(TOKEN, sealed.nonce(), ciphertext))
                .isInstanceOf(SecretKeyException.class).hasMessageContaining("was changed");
        assertThatThrownBy(() -> cipher.open(TOKEN, nonce, sealed.ciphertext()))
                .isInstanceOf(SecretKeyException.class);
        assertThatThrownBy(() -> cipher.open(TOKEN, new byte[3], sealed.ciphertext()))
                .isInstanceOf(SecretKeyException.class);
    }

    @Test
    void aCiphertextMovedToAnotherNameOrServiceDoesNotOpen() {
        SecretCipher.Sealed sealed = cipher.seal(TOKEN, VALUE);

        assertThatThrownBy(() -> cipher.open(new SecretName("books-ms", "DB_PASSWORD"), sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("secret DB_PASSWORD of books-ms")
                .hasMessageContaining("copied from another secret");
        assertThatThrownBy(() -> cipher.open(new SecretName("orders-ms", "API_TOKEN"), sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("secret API_TOKEN of orders-ms");
    }

    private static SecretKey randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }
}
