package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"A", "_", "DB_PASSWORD", "API_TOKEN_2", "_PRIVATE",
            "A234567890123456789012345678901234567890123456789012345678901234"})
    void environmentVariableNamesAreAccepted(String name) {
        assertThat(SecretName.of("books-ms", name)).isEqualTo(new SecretName("books-ms", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "db_password", "Db", "2FA_KEY", "API-TOKEN", "API TOKEN", "A.B", "ÄPI",
            "A2345678901234567890123456789012345678901234567890123456789012345"})
    void otherNamesAreBadInput(String name) {
        assertThatThrownBy(() -> SecretName.of("books-ms", name))
                .isInstanceOfSatisfying(SecretInputException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("is not an environment variable name").contains("DB_PASSWORD");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"GANTRY_SERVICE", "GANTRY_ANYTHING", "TEST_TYPE", "TARGET_URL", "TARGET_HOST", "GANTRY_PROXY_PATH"})
    void namesGantrySetsItselfAreRefused(String name) {
        assertThatThrownBy(() -> SecretName.of("books-ms", name)).isInstanceOf(SecretInputException.class)
                .hasMessageContaining("one Gantry sets itself");
    }

    @ParameterizedTest
    @CsvSource({"Books-ms", "1books", "books_ms", "-books", "a2345678901234567890123456789012345678901"})
    void servicesFollowTheRuleOfGantryYml(String service) {
        assertThatThrownBy(() -> SecretName.of(service, "API_TOKEN")).isInstanceOf(SecretInputException.class)
                .hasMessageContaining("is not a service name").hasMessageContaining("lowercase letters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", ""})
    void aServiceArgumentIsCheckedOnItsOwnToo(String service) {
        assertThatThrownBy(() -> SecretName.checkService(service)).isInstanceOf(SecretInputException.class);
    }
}
