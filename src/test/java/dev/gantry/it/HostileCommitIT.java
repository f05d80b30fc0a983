package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A commit is untrusted input (docs/security.md): trees with entries git refuses, symlinks that leave the
 * service directory, and commits past the git limits, pushed with the real git client to a real
 * {@code gantry server} and run with {@code gantry run}. Each is refused with a message naming what is
 * wrong, and nothing is written outside the workspace, nor stored, nor started.
 */
class HostileCommitIT {
    private static final Duration PUSH = Duration.ofMinutes(3);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aPushedTreeWithADotDotOrADotGitEntryIsRefusedAndNothingIsStored() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String remote = startServer(sandbox.cli());
        new LiteralTree(repo.workTree()).commitWithEntry("tiny", "..");

        GitProcess dotDot = GitProcess.start(repo.workTree(), "push", remote, "main");
        assertThat(dotDot.await(PUSH)).as("%s", dotDot).isNotZero();
        assertThat(dotDot.output()).contains("remote: error: gantry: the push was refused, nothing was stored:")
                .contains("invalid name '..'").contains("[remote rejected] main -> main");

        new LiteralTree(repo.workTree()).commitWithEntry("tiny", ".GIT");
        GitProcess dotGit = GitProcess.start(repo.workTree(), "push", remote, "main");
        assertThat(dotGit.await(PUSH)).as("%s", dotGit).isNotZero();
        assertThat(dotGit.output()).contains("invalid name '.GIT'");

        assertThat(sandbox.home().resolve("repos/" + sandbox.service() + ".git/refs/heads/main")).doesNotExist();
        assertNothingEscaped();
        assertThat(sandbox.containers()).isEmpty();
    }

    @Test
    void gantryRunOnALocalCommitWithADotDotEntryExitsTwoNamingItAndWritesNothing() throws IOException {
        ServiceRepo repo = sandbox.tiny();
        new LiteralTree(repo.workTree()).commitWithEntry("tiny", "..");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).contains("error: Commit " + repo.head().substring(0, 12) + " has an entry \"tiny/..\"")
                .contains("nothing was written");
        assertThat(StageLines.started(run.stdout())).as("%s", run).isEmpty();
        assertNothingEscaped();
        assertThat(sandbox.home().resolve("workspaces")).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
        assertThat(sandbox.cli().run("history", sandbox.service()).stdout()).contains("No runs of " + sandbox.service());
    }

    @Test
    void aDockerfileOrAContextThatLeavesThroughASymlinkExitsTwoAndAPushOfItIsNotDeployed() throws Exception {
        Path outside = sandbox.directory("outside");
        Files.writeString(outside.resolve("Dockerfile"), "FROM busybox\nCOPY . /stolen\n");
        ServiceRepo repo = sandbox.tiny();
        repo.delete("Dockerfile.test");
        Files.createSymbolicLink(repo.serviceDir().resolve("Dockerfile.test"), outside.resolve("Dockerfile"));
        repo.commit("Dockerfile.test leaves the service directory");

        Result dockerfile = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(dockerfile.exitCode()).as("%s", dockerfile).isEqualTo(2);
        assertThat(dockerfile.stderr()).contains("tests/dockerfile \"Dockerfile.test\" cannot be used: a symlink on the"
                + " way leads outside the service directory");
        assertThat(sandbox.images()).isEmpty();

        String remote = startServer(sandbox.cli());
        GitProcess push = GitProcess.start(repo.workTree(), "push", remote, "main");
        assertThat(push.await(PUSH)).as("the commit itself is well formed, and stored: %s", push).isZero();
        assertThat(push.output()).containsPattern("remote: run \\d+ FAILED at test")
                .contains("tests/dockerfile \"Dockerfile.test\" cannot be used");
        assertThat(sandbox.containers()).isEmpty();

        repo.delete("Dockerfile.test");
        Files.copy(Sandbox.resource("services/tiny/Dockerfile.test"), repo.serviceDir().resolve("Dockerfile.test"));
        Files.createSymbolicLink(repo.serviceDir().resolve("ctx"), outside);
        repo.write("gantry.yml", repo.read("gantry.yml") + "build:\n  context: ctx\n  dockerfile: ctx/Dockerfile\n");
        repo.commit("build/context leaves the service directory");

        Result context = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(context.exitCode()).as("%s", context).isEqualTo(2);
        assertThat(context.stderr()).contains("build/context \"ctx\" cannot be used: a symlink on the way leads outside");
        assertThat(sandbox.registry().tags(sandbox.service())).isEmpty();
    }

    @Test
    void pastTheFileSizeLimitAPushIsRefusedAndARunExitsTwo() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        repo.write("assets/big.bin", "x".repeat(32768)).commit("A file of 32 KiB");  // Tiny.java is 5 KiB
        GantryCli tight = sandbox.cli().with("GANTRY_GIT_MAX_FILE_SIZE", "16KiB");
        String remote = startServer(tight);

        GitProcess push = GitProcess.start(repo.workTree(), "push", remote, "main");
        assertThat(push.await(PUSH)).as("%s", push).isNotZero();
        assertThat(push.output()).contains("an object is larger than 16KiB (git-max-file-size)");
        assertThat(sandbox.home().resolve("repos/" + sandbox.service() + ".git/refs/heads/main")).doesNotExist();

        Result run = tight.run("run", repo.serviceDir().toString());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).contains("has a file \"tiny/assets/big.bin\" of 32KiB")
                .contains("limited to 16KiB (git-max-file-size)");
        Result checkout = sandbox.cli().with("GANTRY_CHECKOUT_MAX_SIZE", "32KiB").run("run", repo.serviceDir().toString());
        assertThat(checkout.exitCode()).as("%s", checkout).isEqualTo(2);
        assertThat(checkout.stderr()).contains("more than 32KiB of files in \"tiny/\"").contains("checkout-max-size");
        assertThat(StageLines.started(checkout.stdout())).isEmpty();
    }

    /** Starts the server of {@code cli} with the service known and a token; answers the remote URL with the token in it. */
    private String startServer(GantryCli cli) {
        String token = cli.ok("token", "create", "pusher").stdout().strip();
        cli.ok("service", "add", sandbox.service());
        GantryCli.Running server = sandbox.server(cli);
        return server.url().replace("http://", "http://push:" + token + "@") + "/git/" + sandbox.service() + ".git";
    }

    /** No escaped.txt anywhere in the test's directories: not beside the workspaces, not in the home. */
    private void assertNothingEscaped() throws IOException {
        Path top = sandbox.home().getParent();
        try (Stream<Path> files = Files.walk(top)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("escaped.txt")).toList())
                    .as("files written from the crafted entry under %s", top).isEmpty();
        }
    }
}
