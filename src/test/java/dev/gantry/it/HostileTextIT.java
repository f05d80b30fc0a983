package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.GantryCli.Running;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A commit whose title, and a test container whose output, carry a screen clear, an OSC 8 hyperlink,
 * BEL and a right-to-left override: the terminal of {@code gantry run}, {@code gantry history}, the
 * stage's log file and the API show them escaped, never raw.
 */
class HostileTextIT {
    private static final String HOSTILE = "\u001b[2Jcleared \u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\"
            + " bell\u0007 \u202eesrever";
    private static final String SHOWN = "\\x1b[2Jcleared \\x1b]8;;http://evil.example\\x1b\\link\\x1b]8;;\\x1b\\"
            + " bell\\x07 \\u202eesrever";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void controlsFromACommitAndItsContainerAreShownEscapedEverywhere() throws IOException {
        ServiceRepo repo = sandbox.tiny();
        repo.write("Dockerfile.test", """
                FROM gantry/java:25
                ENTRYPOINT ["sh", "-c", "printf '\\\\033[2Jcleared \\\\033]8;;http://evil.example\\\\033\\\\\\\\link\\\\033]8;;\\\\033\\\\\\\\ bell\\\\007 \\\\342\\\\200\\\\256esrever\\\\n'; exit 3"]
                """);
        repo.commit("Title " + HOSTILE);

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertShownEscaped("gantry run's output", run.stdout() + run.stderr());
        assertThat(run.stdout()).as("%s", run).contains("\"Title " + SHOWN + "\"");
        assertThat(run.stderr()).as("%s", run).contains("  | " + SHOWN + "\n");

        Result history = sandbox.cli().ok("history", sandbox.service());
        assertShownEscaped("gantry history", history.stdout());
        HistoryRows.Row row = HistoryRows.parse(history.stdout()).getFirst();
        assertThat(row.title()).as("%s", history).contains("Title " + SHOWN);

        String log = Files.readString(testLog());
        assertShownEscaped("the test stage's log file", log);
        assertThat(log).contains(SHOWN + "\n");

        String token = sandbox.cli().ok("token", "create", "ci").stdout().strip();
        Running server = sandbox.server(sandbox.cli());
        HttpResponse<String> answer = new ApiClient(server.url(), token).get("/api/v1/runs/" + row.run());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        // Jackson writes ESC and BEL as \\u001B and \\u0007, U+202E as it is: none may be there
        assertThat(answer.body()).as("the API's JSON of the run").doesNotContain("\\u001b", "\\u001B", "\\u0007",
                "\u202e").contains("\"title\":\"Title " + SHOWN.replace("\\", "\\\\") + "\"");
    }

    private static void assertShownEscaped(String where, String text) {
        assertThat(text).as(where).doesNotContain("\u001b", "\u0007", "\u202e", "\u009b");
        assertThat(text).as(where).contains(SHOWN);
    }

    private Path testLog() throws IOException {
        try (Stream<Path> files = Files.walk(sandbox.home().resolve("logs"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-test.log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no test stage log under " + sandbox.home()));
        }
    }
}
