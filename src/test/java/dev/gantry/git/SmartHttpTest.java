package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.CraftedTree;
import dev.gantry.config.GitLimits;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git's smart HTTP protocol as {@link SmartHttp} answers it from Javalin, spoken to by JGit's HTTP client. */
class SmartHttpTest {
    @TempDir
    Path dir;

    private final List<String> hookSaw = new CopyOnWriteArrayList<>();
    private volatile SmartHttp.Receiving receiving = new SmartHttp.Receiving(new ReceiveLimits(GitLimits.DEFAULTS),
            PreReceiveHook.NULL);
    private volatile String busy;
    private Javalin app;
    private Git work;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        try (Repository bare = open()) {
            bare.create(true);
            bare.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
        }
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.addHttpHandler(HandlerType.GET, "/r.git/info/refs",
                    ctx -> SmartHttp.advertise(ctx, open(), ctx.queryParam("service")));
            config.routes.addHttpHandler(HandlerType.POST, "/r.git/git-upload-pack", ctx -> SmartHttp.upload(ctx, open()));
            config.routes.addHttpHandler(HandlerType.POST, "/r.git/git-receive-pack", ctx -> {
                if (busy != null) {
                    SmartHttp.refuseBusy(ctx, busy, receiving.limits());
                    return;
                }
                SmartHttp.receive(ctx, open(), receiving, connection -> (rp, commands) -> {
                    commands.forEach(c -> hookSaw.add(c.getRefName() + " " + c.getNewId().name()));
                    rp.sendMessage("gantry: the hook ran");
                });
            });
        }).start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + app.port() + "/r.git";
        work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call();
    }

    @AfterEach
    void tearDown() {
        work.close();
        app.stop();
    }

    @Test
    void aPushStoresTheRefsThenRunsTheHookWhoseLinesTheClientReads() throws Exception {
        ObjectId commit = commit("First");
        Iterable<PushResult> results = work.push().setRemote(url).setRefSpecs(new RefSpec("main:main")).call();

        PushResult result = results.iterator().next();
        assertThat(result.getRemoteUpdate("refs/heads/main").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
        assertThat(result.getMessages()).contains("gantry: the hook ran");
        assertThat(hookSaw).containsExactly("refs/heads/main " + commit.name());
        try (Repository bare = open()) {
            assertThat(bare.resolve("refs/heads/main")).isEqualTo(commit);
        }
    }

    @Test
    void aBranchNameGitWouldRefuseIsRefusedNamingTheRuleAndNothingIsStored() throws Exception {
        commit("First");
        Iterable<PushResult> results = work.push().setRemote(url)
                .setRefSpecs(new RefSpec("main:refs/heads/-rf"), new RefSpec("main:refs/heads/fix.lock/x")).call();

        PushResult result = results.iterator().next();
        assertThat(result.getRemoteUpdate("refs/heads/-rf").getStatus())
                .isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
        assertThat(result.getRemoteUpdate("refs/heads/-rf").getMessage()).contains("it starts with '-'");
        assertThat(result.getRemoteUpdate("refs/heads/fix.lock/x").getMessage())
                .contains("has a part ending with '.lock'");
        assertThat(hookSaw).isEmpty();
        try (Repository bare = open()) {
            assertThat(bare.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)).isEmpty();
        }
    }

    @Test
    void aCloneReadsWhatWasPushed() throws Exception {
        ObjectId commit = commit("First");
        work.push().setRemote(url).setRefSpecs(new RefSpec("main:main")).call();

        try (Git clone = Git.cloneRepository().setURI(url).setDirectory(dir.resolve("clone").toFile()).call()) {
            assertThat(clone.getRepository().resolve("HEAD")).isEqualTo(commit);
            assertThat(clone.getRepository().getBranch()).isEqualTo("main");
        }
    }

    @Test
    void theAdvertisementIsTheSmartOneOfTheServiceAskedFor() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/info/refs?service=git-receive-pack")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-git-receive-pack-advertisement");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(answer.body()).startsWith("001f# service=git-receive-pack\n0000").contains("report-status");
    }

    @Test
    void aTreeWithADotDotEntryIsRefusedWhileReceivedAndNothingIsStored() throws Exception {
        commit("First");
        CraftedTree.commit(dir.resolve("work"), Map.of("gantry.yml", "service: shop\n", "..", Map.of("x", "out")));

        assertThatThrownBy(() -> work.push().setRemote(url).setRefSpecs(new RefSpec("main:main")).call())
                .hasMessageContaining("error occurred during unpacking on the remote end")
                .hasMessageContaining("invalid name '..'");
        try (Repository bare = open()) {
            assertThat(bare.resolve("refs/heads/main")).isNull();
        }
        assertThat(hookSaw).isEmpty();
    }

    @Test
    void aBranchWhoseServiceDirectoryIsLargerThanACheckoutTakesIsRejectedBeforeItMoves() throws Exception {
        var tight = new GitLimits(1L << 20, 100, 1L << 20, 8);
        receiving = new SmartHttp.Receiving(new ReceiveLimits(tight), new PushedTreeCheck("shop", dir.resolve("r.git"),
                tight));
        commit("First");

        PushResult result = work.push().setRemote(url).setRefSpecs(new RefSpec("main:main")).call().iterator().next();

        assertThat(result.getRemoteUpdate("refs/heads/main").getStatus())
                .isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
        assertThat(result.getRemoteUpdate("refs/heads/main").getMessage()).contains("refused by Gantry");
        assertThat(result.getMessages()).contains("gantry: refs/heads/main refused: Commit ")
                .contains("more than 8B of files in \"/\"").contains("checkout-max-size");
        try (Repository bare = open()) {
            assertThat(bare.resolve("refs/heads/main")).isNull();
        }
    }

    @Test
    void aPushThatFindsNoPlaceLeftAfterTheAdvertisementHasEachRefRejectedAndTheReasonShown() throws Exception {
        commit("First");
        busy = "The server already has 1 push open, as many as it may (server-max-pushes): push again in a moment.";

        PushResult result = work.push().setRemote(url).setRefSpecs(new RefSpec("main:main"), new RefSpec("main:other"))
                .call().iterator().next();

        assertThat(result.getRemoteUpdate("refs/heads/main").getStatus())
                .isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
        assertThat(result.getRemoteUpdate("refs/heads/main").getMessage())
                .isEqualTo("too many pushes open (server-max-pushes)");
        assertThat(result.getRemoteUpdate("refs/heads/other").getStatus())
                .isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
        assertThat(result.getMessages()).contains(busy);
        assertThat(hookSaw).isEmpty();
        try (Repository bare = open()) {
            assertThat(bare.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)).isEmpty();
        }
    }

    private ObjectId commit(String message) throws Exception {
        Files.writeString(dir.resolve("work/gantry.yml"), "service: shop\n", StandardCharsets.UTF_8);
        work.add().addFilepattern(".").call();
        return work.commit().setMessage(message).setSign(false).call().getId();
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.resolve("r.git").toFile()).setBare().build();
    }
}
