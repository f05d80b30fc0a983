package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void theRootWhenItHasAGantryYml() throws Exception {
        String commit = commit("gantry.yml", "service: shop\n", "other/gantry.yml", "service: other\n");
        try (Repository repo = bare()) {
            assertThat(ServiceDirectory.find(repo, dir.resolve("work/.git"), "shop", commit).servicePath()).isEmpty();
        }
    }

    @Test
    void elseTheDirectoryWhoseGantryYmlNamesTheService() throws Exception {
        String commit = commit("a/gantry.yml", "service: other\n", "b/shop/gantry.yml", "service: shop\n");
        try (Repository repo = bare()) {
            assertThat(ServiceDirectory.find(repo, dir.resolve("work/.git"), "shop", commit).servicePath())
                    .isEqualTo("b/shop");
            assertThatThrownBy(() -> ServiceDirectory.find(repo, dir.resolve("work/.git"), "cart", commit))
                    .isInstanceOf(PushException.class).hasMessageContaining("no gantry.yml naming service cart")
                    .hasMessageContaining("a, b/shop");
        }
    }

    private String commit(String... pathsAndTexts) throws Exception {
        Path work = dir.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).call()) {
            for (int i = 0; i < pathsAndTexts.length; i += 2) {
                Path file = work.resolve(pathsAndTexts[i]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, pathsAndTexts[i + 1]);
            }
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("services").setSign(false).call().getName();
        }
    }

    private Repository bare() throws Exception {
        return new FileRepositoryBuilder().setGitDir(dir.resolve("work/.git").toFile()).build();
    }
}
