package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.secret.SecretInputException;
import dev.gantry.secret.Vault;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretInputTest {
    @Test
    void aPipedValueIsAllOfStandardInputWithOneTrailingNewlineRemoved() {
        assertThat(piped("s3cret\n")).isEqualTo("s3cret");
        assertThat(piped("s3cret\r\n")).isEqualTo("s3cret");
        assertThat(piped("s3cret")).isEqualTo("s3cret");
        assertThat(piped("line one\nline two\n\n")).isEqualTo("line one\nline two\n");
        assertThat(piped("  spaced  \n")).isEqualTo("  spaced  ");
        assertThat(piped("")).isEmpty();
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        var in = new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, 'b', 'c'});

        assertThatThrownBy(() -> SecretInput.piped(in, "API_TOKEN of books-ms"))
                .isInstanceOf(SecretInputException.class).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void moreThanAValueMayHoldIsRefusedWithoutReadingItAll() {
        var in = new ByteArrayInputStream(new byte[Vault.LARGEST * 4]);

        assertThatThrownBy(() -> SecretInput.piped(in, "API_TOKEN of books-ms"))
                .isInstanceOf(SecretInputException.class).hasMessageContaining("longer than 64 KiB");
        assertThat(in.available()).isPositive();
    }

    private static String piped(String text) {
        return SecretInput.piped(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "API_TOKEN of books-ms");
    }
}
