package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@BothStores
class VaultTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String TOKEN = "tok-" + "7f3a9c1e5b".repeat(3);

    @TempDir
    Path home;
    private Store store;
    private Vault vault;

    @BeforeEach
    void open() {
        store = Store.open(url());
        vault = Vault.of(home, store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void secretsAreSetListedOpenedReplacedAndRemoved() {
        vault.set("books-ms", "API_TOKEN", TOKEN);
        vault.set("books-ms", "DB_PASSWORD", "first password");
        vault.set("books-ms", "DB_PASSWORD", "second password");
        vault.set("orders-ms", "API_TOKEN", "another token");

        assertThat(vault.list("books-ms")).extracting(SecretEntry::name).containsExactly("API_TOKEN", "DB_PASSWORD");
        assertThat(vault.values("books-ms").asEnv())
                .isEqualTo(Map.of("API_TOKEN", TOKEN, "DB_PASSWORD", "second password"));
        assertThat(vault.mask("books-ms").apply("t=" + TOKEN)).isEqualTo("t=***");

        vault.remove("books-ms", "DB_PASSWORD");
        assertThat(vault.values("books-ms").asEnv()).isEqualTo(Map.of("API_TOKEN", TOKEN));
        assertThat(vault.values("orders-ms").asEnv()).isEqualTo(Map.of("API_TOKEN", "another token"));
    }

    @Test
    void theStoreHoldsNoValueAndTheKeyIsNotInIt() throws Exception {
        vault.set("books-ms", "API_TOKEN", TOKEN);
        store.close();
        store = Store.open(url());

        byte[] key = Files.readAllBytes(vault.keyFile());
        try (Stream<Path> files = Files.list(home)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("gantry.db")).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(TOKEN)
                        .doesNotContain(new String(key, StandardCharsets.ISO_8859_1))
                        .doesNotContain(Base64.getEncoder().encodeToString(key));
            }
        }
    }

    @Test
    void aServiceWithoutSecretsNeedsNoKey() {
        assertThat(vault.values("books-ms")).isEqualTo(SecretValues.NONE);
        assertThat(vault.mask("books-ms").isEmpty()).isTrue();
        assertThat(vault.list("books-ms")).isEmpty();
        assertThat(vault.keyFile()).doesNotExist();
    }

    @Test
    void aCiphertextCopiedToAnotherSecretDoesNotOpenAndTheErrorNamesTheSecretOnly() throws Exception {
        vault.set("books-ms", "API_TOKEN", TOKEN);
        vault.set("books-ms", "DB_PASSWORD", "a password");
        try (var connection = DriverManager.getConnection(url()); var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE secrets SET (nonce, ciphertext) = (SELECT nonce, ciphertext FROM secrets"
                    + " WHERE name = 'API_TOKEN') WHERE name = 'DB_PASSWORD'");
        }

        assertThatThrownBy(() -> vault.values("books-ms")).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("secret DB_PASSWORD of books-ms cannot be decrypted")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aNewKeyFileCannotOpenSecretsSetWithTheOldOne() throws Exception {
        vault.set("books-ms", "API_TOKEN", TOKEN);
        Files.delete(vault.keyFile());
        assertThatThrownBy(() -> vault.values("books-ms")).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("is missing");

        vault.set("orders-ms", "API_TOKEN", TOKEN);

        assertThatThrownBy(() -> vault.values("books-ms")).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("secret API_TOKEN of books-ms cannot be decrypted with the key " + vault.keyFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "nul\0byte", "bell\u0007"})
    void valuesThatCannotBeMaskedOrPassedAsEnvironmentAreRefused(String value) {
        assertThatThrownBy(() -> vault.set("books-ms", "API_TOKEN", value)).isInstanceOf(SecretInputException.class)
                .hasMessageStartingWith("The value given for secret API_TOKEN of books-ms ")
                .hasMessageContaining("nothing was stored");
        assertThat(vault.list("books-ms")).isEmpty();
    }

    @Test
    void aValueLargerThan64KiBIsRefusedAndMultiLineValuesAreKept() {
        assertThatThrownBy(() -> vault.set("books-ms", "BIG", "x".repeat(Vault.LARGEST + 1)))
                .isInstanceOf(SecretInputException.class).hasMessageContaining("longer than 64 KiB");

        vault.set("books-ms", "TLS_KEY", "-----BEGIN KEY-----\n\tAAAA\r\n-----END KEY-----");
        assertThat(vault.values("books-ms").asEnv()).containsEntry("TLS_KEY", "-----BEGIN KEY-----\n\tAAAA\r\n-----END KEY-----");
    }

    @Test
    void removingASecretTheServiceDoesNotHaveIsBadInputThatListsWhatItHas() {
        vault.set("books-ms", "API_TOKEN", TOKEN);

        assertThatThrownBy(() -> vault.remove("books-ms", "API_TOKN")).isInstanceOf(SecretInputException.class)
                .hasMessage("books-ms has no secret API_TOKN; it has API_TOKEN. `gantry secret list books-ms` lists them.");
    }

    private String url() {
        return testStore.url(home);
    }
}
