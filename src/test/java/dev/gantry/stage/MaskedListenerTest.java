package dev.gantry.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.ServiceConfig;
import dev.gantry.secret.SecretMask;
import dev.gantry.source.Release;
import dev.gantry.store.StageState;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedListenerTest {
    private static final String SECRET = "hunter2-hunter2";

    @Test
    void everyEventOfRunListenerIsPassedOnSoThatNoneIsLostWhenTheServiceHasSecrets() {
        List<String> missing = new ArrayList<>();
        for (Method method : RunListener.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                MaskedListener.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(method.getName() + Arrays.toString(method.getParameterTypes()));
            }
        }
        assertThat(missing).as("RunListener methods MaskedListener does not override (add them, masked)").isEmpty();
    }

    @Test
    void warningsAndCommitTitlesAreMasked() {
        List<String> heard = new ArrayList<>();
        RunListener recording = new RunListener() {
            @Override
            public void runStarted(long runId, ServiceConfig config, Release release) {
                heard.add("started " + release.title());
            }

            @Override
            public void warning(String message) {
                heard.add("warning " + message);
            }

            @Override
            public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
                heard.add("finished " + stage.word());
            }
        };
        RunListener masked = MaskedListener.of(recording, SecretMask.of(List.of(SECRET)));

        masked.runStarted(1, ServiceConfig.parse("service: books-ms\n", "gantry.yml"),
                new Release("abc", "Rotate to " + SECRET, false));
        masked.warning("retiring failed: " + SECRET);
        masked.stageFinished(Stage.TEST, StageState.PASSED, Duration.ZERO, Path.of("x.log"));

        assertThat(heard).containsExactly("started Rotate to ***", "warning retiring failed: ***", "finished test");
    }

    @Test
    void withoutSecretsTheListenerIsUsedAsItIs() {
        assertThat(MaskedListener.of(RunListener.SILENT, SecretMask.NONE)).isSameAs(RunListener.SILENT);
    }
}
