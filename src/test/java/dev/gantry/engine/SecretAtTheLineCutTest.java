package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.LineCut;
import dev.gantry.secret.SecretMask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A secret where the engine cuts a long line: masked as a stage's log masks what the engine hands it. */
class SecretAtTheLineCutTest {
    private static final int LINE_MAX = 64;
    private static final String SECRET = "s3cr3t-Token-9f8e7d";
    private static final String MARKER = LineCut.marker(LINE_MAX);
    private final SecretMask mask = SecretMask.of(List.of(SECRET));
    private final List<String> shown = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(line -> shown.add(mask.apply(line)), LINE_MAX);

    @Test
    void aSecretAcrossTheCutIsMaskedByItsHead() {
        print(".".repeat(LINE_MAX - 8) + SECRET + " and more");

        assertThat(shown).containsExactly(".".repeat(LINE_MAX - 8) + "***" + MARKER);
    }

    @Test
    void aSecretEndingJustBeforeTheCutIsMaskedWhole() {
        print(".".repeat(LINE_MAX - SECRET.length()) + SECRET + " and more");

        assertThat(shown).containsExactly(".".repeat(LINE_MAX - SECRET.length()) + "***" + MARKER);
    }

    @Test
    void aSecretBeginningJustAfterTheCutIsDroppedWithTheRest() {
        print(".".repeat(LINE_MAX) + SECRET);

        assertThat(shown).containsExactly(".".repeat(LINE_MAX) + MARKER);
    }

    @Test
    void aLineOfExactlyTheLimitEndingInASecretIsNotCutAndMasked() {
        print(".".repeat(LINE_MAX - SECRET.length()) + SECRET);

        assertThat(shown).containsExactly(".".repeat(LINE_MAX - SECRET.length()) + "***");
    }

    @Test
    void theHeadOfABase64FormAcrossTheCutIsMaskedToo() {
        String encoded = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

        print("Authorization: Basic ".replace(' ', '.') + ".".repeat(LINE_MAX - 21 - 10) + encoded);

        assertThat(shown).singleElement().asString().endsWith("***" + MARKER)
                .doesNotContain(encoded.substring(0, 3));
    }

    @ParameterizedTest(name = "secret at byte {0}")
    @ValueSource(ints = {0, 1, 20, 40, 44, 45, 46, 50, 55, 60, 62, 63, 64, 65, 80})
    void noThreeCharactersOfTheSecretAreShownWhereverTheCutFalls(int at) {
        print(".".repeat(at) + SECRET + ".".repeat(LINE_MAX));

        for (int i = 0; i + 3 <= SECRET.length(); i++) {
            assertThat(shown.getFirst()).doesNotContain(SECRET.substring(i, i + 3));
        }
        assertThat(shown.getFirst()).endsWith(MARKER);
    }

    private void print(String line) {
        splitter.accept(line + "\n");
    }
}
