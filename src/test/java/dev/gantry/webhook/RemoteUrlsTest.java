package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's remote matches the repository of a webhook however either writes it. */
class RemoteUrlsTest {
    private static final List<String> GITHUB = List.of("https://github.com/example/books-ms.git",
            "git@github.com:example/books-ms.git", "https://github.com/example/books-ms");

    @Test
    void matchesTheFormsAForgeSends() {
        assertThat(RemoteUrls.matches("https://github.com/example/books-ms.git", GITHUB)).isTrue();
        assertThat(RemoteUrls.matches("https://github.com/example/books-ms/", GITHUB)).isTrue();
        assertThat(RemoteUrls.matches("HTTPS://GitHub.com/example/books-ms", GITHUB)).isTrue();
        assertThat(RemoteUrls.matches("git@github.com:example/books-ms.git", GITHUB)).isTrue();
        assertThat(RemoteUrls.matches("https://github.com/Example/Books-MS.git", GITHUB))
                .as("forges name repositories without case").isTrue();
        assertThat(RemoteUrls.matches("git@GitHub.com:Example/books-ms", GITHUB)).isTrue();
        assertThat(RemoteUrls.matches("ssh://git@github.com/example/books-ms.git", GITHUB)).isTrue();
    }

    @Test
    void credentialsInTheRemoteDoNotCount() {
        assertThat(RemoteUrls.matches("https://deploy:ghp_token@github.com/example/books-ms.git", GITHUB)).isTrue();
    }

    @Test
    void anotherRepositoryDoesNotMatch() {
        assertThat(RemoteUrls.matches("https://github.com/example/books-ms-old.git", GITHUB)).isFalse();
        assertThat(RemoteUrls.matches("https://gitlab.com/example/books-ms.git", GITHUB)).isFalse();
        assertThat(RemoteUrls.matches("https://github.com/example/books-ms.git", List.of())).isFalse();
    }

    @Test
    void fileUrlsAreComparedByPath() {
        assertThat(RemoteUrls.matches("file:///srv/git/books.git", List.of("file:///srv/git/books.git/"))).isTrue();
        assertThat(RemoteUrls.matches("file:///srv/git/books.git", List.of("file:///srv/git/other.git"))).isFalse();
        assertThat(RemoteUrls.matches("file:///srv/git/Books.git", List.of("file:///srv/git/books.git")))
                .as("a file system path keeps its case").isFalse();
    }
}
