package dev.gantry.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import dev.gantry.GitRepo;
import dev.gantry.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSourceTest {
    @TempDir
    Path dir;

    @Test
    void findsTheWorkTreeAroundAServiceDirectoryAndItsHeadCommit() {
        GitRepo repo = GitRepo.init(dir).write("services/books/gantry.yml", "service: books\n");
        String commit = repo.commit("Add books\n\nwith a body");

        ServiceSource source = ServiceSource.locate(dir.resolve("services/books"));

        assertThat(source.servicePath()).isEqualTo("services/books");
        assertThat(source.release()).isEqualTo(new Release(commit, "Add books", false));
        assertThat(source.config().service()).isEqualTo("books");
    }

    @Test
    void aBareRepositoryAndACommitAreASourceAsAPushLeavesThem() throws Exception {
        GitRepo repo = GitRepo.init(dir.resolve("work")).write("gantry.yml", "service: first\n");
        String first = repo.commit("First");
        repo.write("gantry.yml", "service: second\n").commit("Second");
        Path bare = dir.resolve("books.git");
        Git.cloneRepository().setURI(dir.resolve("work").toUri().toString())
                .setDirectory(bare.toFile()).setBare(true).call().close();

        ServiceSource source = ServiceSource.of(bare, first);

        assertThat(source.release()).isEqualTo(new Release(first, "First", false));
        assertThat(source.config().service()).isEqualTo("first");
        assertThatThrownBy(() -> ServiceSource.of(bare, "0123456789abcdef0123456789abcdef01234567"))
                .isInstanceOf(SourceException.class).hasMessageContaining("has no commit");
    }

    @Test
    void readsGantryYmlFromTheCommitNotFromTheDisk() throws Exception {
        GitRepo repo = GitRepo.init(dir).write("gantry.yml", "service: committed\n");
        repo.commit("first");
        Files.writeString(dir.resolve("gantry.yml"), "service: edited\n");

        ServiceSource source = ServiceSource.locate(dir);

        assertThat(source.config().service()).isEqualTo("committed");
        assertThat(source.release().dirty()).isTrue();
    }

    @Test
    void changesOutsideTheServiceDoNotMakeItDirty() {
        GitRepo repo = GitRepo.init(dir).write("books/gantry.yml", "service: books\n").write("other/a.txt", "a");
        repo.commit("first");
        repo.write("other/a.txt", "changed");

        assertThat(ServiceSource.locate(dir.resolve("books")).release().dirty()).isFalse();
    }

    @Test
    void aDirectoryOutsideAnyRepositoryIsBadInput() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> ServiceSource.locate(plain))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("is not inside a git work tree")
                .satisfies(e -> assertThat(((SourceException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }

    @Test
    void aMissingDirectoryIsBadInput() {
        assertThatThrownBy(() -> ServiceSource.locate(dir.resolve("nope")))
                .isInstanceOf(SourceException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aRepositoryWithoutCommitsIsBadInput() {
        GitRepo.init(dir).write("gantry.yml", "service: books\n");
        assertThatThrownBy(() -> ServiceSource.locate(dir))
                .isInstanceOf(SourceException.class).hasMessageContaining("has no commits yet");
    }

    @Test
    void aMissingGantryYmlSaysWhatToAdd() {
        GitRepo.init(dir).write("README", "x").commit("first");
        assertThatThrownBy(() -> ServiceSource.locate(dir).config())
                .isInstanceOf(SourceException.class).hasMessageContaining("There is no gantry.yml in commit");
    }

    @Test
    void anUncommittedGantryYmlSaysToCommitIt() {
        GitRepo repo = GitRepo.init(dir).write("README", "x");
        repo.commit("first");
        repo.write("gantry.yml", "service: books\n");
        assertThatThrownBy(() -> ServiceSource.locate(dir).config())
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("gantry.yml exists but is not in commit")
                .hasMessageContaining("git add gantry.yml");
    }

    @Test
    void anInvalidCommittedGantryYmlNamesTheFileKeyAndLine() {
        GitRepo.init(dir).write("svc/gantry.yml", "service: books\nrun:\n  replicas: 0\n").commit("first");
        assertThatThrownBy(() -> ServiceSource.locate(dir.resolve("svc")).config())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc/gantry.yml")
                .hasMessageContaining("run/replicas (line 3)");
    }
}
