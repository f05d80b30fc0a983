package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.CraftedTree;
import dev.gantry.GitRepo;
import dev.gantry.config.GitLimits;
import dev.gantry.TestStore;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class RemoteFetchTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private Store store;
    private GitRepo forge;
    private RemoteFetch fetch;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(testStore.url(dir));
        forge = GitRepo.init(dir.resolve("forge"));
        fetch = new RemoteFetch(dir.resolve("repos"), store.services());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void fetchesTheBranchAndFindsTheServiceInTheCommit() throws Exception {
        KnownService shop = service("shop", forgeUrl());
        String first = commit("shop/gantry.yml", "service: shop\n");
        assertThat(fetch.localHead(shop)).isEmpty();
        assertThat(fetch.remoteHead(shop)).contains(first);

        assertThat(fetch.fetch(shop, first).servicePath()).isEqualTo("shop");
        assertThat(fetch.localHead(shop)).contains(first);

        String second = commit("shop/README", "two\n");
        assertThat(fetch.remoteHead(shop)).contains(second);
        assertThat(fetch.fetch(shop, second).release().commit()).isEqualTo(second);
        assertThat(fetch.localHead(shop)).contains(second);
    }

    @Test
    void aCommitTheBranchDoesNotHoldIsRefused() throws Exception {
        KnownService shop = service("shop", forgeUrl());
        commit("gantry.yml", "service: shop\n");
        String elsewhere = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> fetch.fetch(shop, elsewhere)).isInstanceOf(PushException.class)
                .hasMessageContaining("is not on branch main");
    }

    @Test
    void noRemoteOrAnUnreachableOneSaysWhatToDo() {
        assertThatThrownBy(() -> fetch.remoteHead(service("shop", null))).isInstanceOf(PushException.class)
                .hasMessageContaining("gantry service add shop --remote URL");
        KnownService gone = service("gone", dir.resolve("nowhere").toUri().toString());
        assertThatThrownBy(() -> fetch.fetch(gone, "0123456789abcdef0123456789abcdef01234567"))
                .isInstanceOf(PushException.class).hasMessageContaining("Fetching branch main of gone from")
                .hasMessageContaining("reachable");
        KnownService secret = service("secret", "http://deployer:s3cret@127.0.0.1:1/shop.git");
        assertThatThrownBy(() -> fetch.remoteHead(secret)).isInstanceOf(PushException.class)
                .hasMessageContaining("http://***@127.0.0.1:1/shop.git").hasMessageNotContaining("s3cret");
    }

    @Test
    void aFetchedCommitWithAnEntryGitRefusesStoresNothingAndSaysWhich() {
        KnownService shop = service("shop", forgeUrl());
        String good = commit("gantry.yml", "service: shop\n");
        fetch.fetch(shop, good);
        String bad = CraftedTree.commit(forge.root(), Map.of("gantry.yml", "service: shop\n",
                "..", Map.of("escaped.txt", "out")));

        assertThatThrownBy(() -> fetch.fetch(shop, bad)).isInstanceOf(PushException.class)
                .hasMessageContaining("Fetching branch main of shop from " + forgeUrl() + " was refused, nothing was stored")
                .hasMessageContaining("invalid name '..'");
        assertThat(fetch.localHead(shop)).contains(good);
        assertThat(fetch.holds(shop, bad)).isFalse();
    }

    @Test
    void aFetchBringingMoreObjectsThanTheLimitIsRefused() {
        KnownService shop = service("shop", forgeUrl());
        String head = commit("gantry.yml", "service: shop\n");
        var tight = new RemoteFetch(dir.resolve("repos"), store.services(), new GitLimits(1L << 20, 2, 1L << 20, 1L << 20));

        assertThatThrownBy(() -> tight.fetch(shop, head)).isInstanceOf(PushException.class)
                .hasMessageContaining("was refused, nothing was stored: it brings more than 2 objects (git-max-objects)");
        assertThat(tight.localHead(shop)).isEmpty();
    }

    private KnownService service(String name, String remote) {
        var service = new KnownService(name, Optional.ofNullable(remote), "main", Instant.now());
        store.services().put(service);
        return service;
    }

    private String forgeUrl() {
        return forge.url();
    }

    private String commit(String path, String text) {
        return forge.write(path, text).commit("change " + path);
    }
}
