package dev.gantry.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.CraftedTree.Link;
import dev.gantry.CraftedTree;
import dev.gantry.ExitCode;
import dev.gantry.GitRepo;
import dev.gantry.config.GitLimits;
import dev.gantry.source.CheckoutPlan;
import dev.gantry.source.Release;
import dev.gantry.source.ServiceSource;
import dev.gantry.source.UnsafeCommitException;
import dev.gantry.stage.StageLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckoutPlanTest {
    private static final String YML = "service: shop\n";

    @TempDir
    Path dir;

    private Path repo;
    private Path workspace;

    @BeforeEach
    void setUp() {
        repo = dir.resolve("repo");
        GitRepo.init(repo);
        workspace = dir.resolve("home/workspaces/shop-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", ".git", ".GIT", ".Git", "git~1", ".git.", ".git ", ".g\u200cit", "", "a/b",
            "/etc"})
    void aTreeWithAnEntryGitRefusesIsRefusedNamingItAndNothingIsWritten(String name) {
        String commit = CraftedTree.commit(repo, Map.of("shop", Map.of("gantry.yml", YML,
                name, Map.of("escaped.txt", "out"))));
        ServiceSource source = new ServiceSource(repo, "shop", new Release(commit, "crafted", false));

        assertThatThrownBy(() -> CheckoutPlan.of(source, GitLimits.DEFAULTS))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("has an entry \"shop/" + name + "\"")
                .hasMessageContaining("nothing was written")
                .satisfies(e -> assertThat(((UnsafeCommitException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        assertThat(workspace).doesNotExist();
        assertThat(dir.resolve("home/workspaces/escaped.txt")).doesNotExist();
    }

    @Test
    void twoEntriesOfOneNameAreRefused() throws Exception {
        String commit = commitWithDuplicate();
        ServiceSource source = new ServiceSource(repo, "", new Release(commit, "crafted", false));

        assertThatThrownBy(() -> CheckoutPlan.of(source, GitLimits.DEFAULTS))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("has a malformed directory \"/\"")
                .hasMessageContaining("duplicate");
    }

    @Test
    void aWellFormedTreeIsWrittenWithItsSymlinksAsSymlinks() throws Exception {
        String commit = CraftedTree.commit(repo, Map.of("gantry.yml", YML, "src", Map.of("App.java", "class App {}"),
                "etc-link", new Link("/etc"), "docs", new Link("src")));
        ServiceSource source = new ServiceSource(repo, "", new Release(commit, "fine", false));
        CheckoutPlan plan = CheckoutPlan.of(source, GitLimits.DEFAULTS);

        int files = new Checkout().checkOut(plan, workspace, new StageLog(dir.resolve("checkout.log")));

        assertThat(files).isEqualTo(4);
        assertThat(workspace.resolve("src/App.java")).hasContent("class App {}");
        assertThat(Files.isSymbolicLink(workspace.resolve("etc-link"))).isTrue();
        assertThat(Files.readSymbolicLink(workspace.resolve("etc-link"))).isEqualTo(Path.of("/etc"));
        assertThat(plan.bytes()).isEqualTo(YML.length() + "class App {}".length() + "/etc".length() + "src".length());
    }

    @Test
    void aSymlinkWhoseTargetNoFileSystemTakesIsRefused() {
        String commit = CraftedTree.commit(repo, Map.of("gantry.yml", YML, "bad", new Link("a\0b")));
        ServiceSource source = new ServiceSource(repo, "", new Release(commit, "link", false));

        assertThatThrownBy(() -> CheckoutPlan.of(source, GitLimits.DEFAULTS))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("a symlink \"bad\" whose target no file system takes");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedNamingItsSizeAndTheSetting() {
        String commit = CraftedTree.commit(repo, Map.of("gantry.yml", YML, "big.bin", "x".repeat(2048)));
        ServiceSource source = new ServiceSource(repo, "", new Release(commit, "big", false));

        assertThatThrownBy(() -> CheckoutPlan.of(source, new GitLimits(1L << 20, 100, 1024, 1L << 20)))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("a file \"big.bin\" of 2KiB")
                .hasMessageContaining("limited to 1KiB (git-max-file-size)");
    }

    @Test
    void moreBytesOrMoreFilesThanACheckoutTakesAreRefused() {
        String commit = CraftedTree.commit(repo, Map.of("gantry.yml", YML, "a", "x".repeat(600), "b", "y".repeat(600)));
        ServiceSource source = new ServiceSource(repo, "", new Release(commit, "many", false));

        assertThatThrownBy(() -> CheckoutPlan.of(source, new GitLimits(1L << 20, 100, 1024, 1024)))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("more than 1KiB of files in \"/\"")
                .hasMessageContaining("checkout-max-size");
        assertThatThrownBy(() -> CheckoutPlan.of(source, new GitLimits(1L << 20, 2, 1024, 1L << 20)))
                .isInstanceOf(UnsafeCommitException.class)
                .hasMessageContaining("more than 2 files")
                .hasMessageContaining("git-max-objects");
    }

    @Test
    void theCheckoutNeverWritesThroughASymlinkOrOutsideTheWorkspace() throws Exception {
        Path root = Files.createDirectories(workspace).toRealPath();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.writeString(root.resolve("there"), "first");

        Stream.of("link/passwd", "../escaped", "a/../../escaped", "/etc/passwd", "there", "").forEach(path ->
                assertThatThrownBy(() -> Checkout.target(root, path)).as(path)
                        .isInstanceOf(UnsafeCommitException.class)
                        .hasMessageContaining("refused to write \"" + path + "\""));
        assertThat(outside).isEmptyDirectory();
        assertThat(dir.resolve("home/workspaces/escaped")).doesNotExist();
        assertThat(Checkout.target(root, "new/dir/file")).isEqualTo(root.resolve("new/dir/file"));
    }

    /** A root tree with two entries named gantry.yml: JGit's own tree writer refuses it, so it is written byte by byte. */
    private String commitWithDuplicate() throws Exception {
        try (var git = org.eclipse.jgit.api.Git.open(repo.toFile()); var inserter = git.getRepository().newObjectInserter()) {
            var blob = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, YML.getBytes());
            var raw = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 2; i++) {
                raw.write("100644 gantry.yml\0".getBytes());
                blob.copyRawTo(raw);
            }
            var tree = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_TREE, raw.toByteArray());
            var commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(tree);
            var who = new org.eclipse.jgit.lib.PersonIdent("Crafted", "crafted@gantry.invalid");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("duplicate\n");
            var id = inserter.insert(commit);
            inserter.flush();
            return id.name();
        }
    }
}
