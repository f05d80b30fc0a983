package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus rules and the Alertmanager configuration shipped in monitoring/ (docs/observability.md), checked by
 * the tools of the Prometheus and Alertmanager that bin/env-up installs: the rules load, their own unit tests
 * (what fires on which series) pass, and a broken rule is refused.
 */
class ShippedRulesIT {
    private static final Path MONITORING = Path.of("monitoring");

    @TempDir
    Path dir;

    @Test
    void theRulesLoadAndFireAsTheirTestsSay() {
        assertThat(passes("promtool", "check", "rules", MONITORING.resolve("gantry-rules.yml").toString()))
                .contains("SUCCESS: 9 rules found");
        assertThat(passes("promtool", "test", "rules", MONITORING.resolve("gantry-rules.test.yml").toString()))
                .contains("SUCCESS");
        assertThat(passes("amtool", "check-config", MONITORING.resolve("alertmanager.yml").toString()))
                .contains("SUCCESS").contains("2 receivers");
    }

    @Test
    void aBrokenRuleIsRefused() throws IOException {
        String rules = Files.readString(MONITORING.resolve("gantry-rules.yml"));
        String broken = rules.replace("rate(gantry_requests_seconds_count[1m]))", "rate(gantry_requests_seconds_count[1m])");
        assertThat(broken).isNotEqualTo(rules);
        Path file = Files.writeString(dir.resolve("broken-rules.yml"), broken);

        Tool checked = Tool.run("promtool", "check", "rules", file.toString());

        assertThat(checked.exit()).as(checked.output()).isNotZero();
        assertThat(checked.output()).contains("FAILED");
    }

    private static String passes(String... command) {
        Tool tool = Tool.run(command);
        assertThat(tool.exit()).as("%s:%n%s", String.join(" ", command), tool.output()).isZero();
        return tool.output();
    }

    /** What a command of the lab's tools printed (stdout and stderr) and how it ended. */
    private record Tool(int exit, String output) {
        static Tool run(String... command) {
            try {
                Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", String.join(" ", command)).isTrue();
                return new Tool(process.exitValue(), output);
            } catch (IOException e) {
                throw new IllegalStateException(command[0] + " is missing: bin/env-up installs it", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
