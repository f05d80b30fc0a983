package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ref, commit and repository URLs of each forge's push payload. */
class PushNoticeTest {
    @Test
    void readsGithub() {
        PushNotice notice = PushNotice.parse(Forge.GITHUB, Payloads.push(Forge.GITHUB)).orElseThrow();

        assertThat(notice.ref()).isEqualTo("refs/heads/main");
        assertThat(notice.branch()).contains("main");
        assertThat(notice.after()).isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
        assertThat(notice.validCommit()).isTrue();
        assertThat(notice.deletion()).isFalse();
        assertThat(notice.repositoryUrls()).containsExactly("https://github.com/example/books-ms.git",
                "git@github.com:example/books-ms.git", "https://github.com/example/books-ms");
    }

    @Test
    void readsGitlabFromItsProject() {
        PushNotice notice = PushNotice.parse(Forge.GITLAB, Payloads.push(Forge.GITLAB)).orElseThrow();

        assertThat(notice.after()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(notice.repositoryUrls()).containsExactly("https://gitlab.example.com/shop/books-ms.git",
                "git@gitlab.example.com:shop/books-ms.git", "https://gitlab.example.com/shop/books-ms");
    }

    @Test
    void readsGitea() {
        PushNotice notice = PushNotice.parse(Forge.GITEA, Payloads.push(Forge.GITEA)).orElseThrow();

        assertThat(notice.after()).isEqualTo("bffeb74224043ba2feb48d137756c8a9331c449a");
        assertThat(notice.repositoryUrls()).contains("https://gitea.example.com/shop/books-ms.git",
                "ssh://git@gitea.example.com:2222/shop/books-ms.git");
    }

    @Test
    void aDeletionATagAndNonsense() {
        PushNotice deleted = parse("{\"ref\":\"refs/heads/old\",\"after\":\"" + "0".repeat(40) + "\"}").orElseThrow();
        assertThat(deleted.deletion()).isTrue();
        assertThat(parse("{\"ref\":\"refs/tags/v1\",\"after\":\"" + "a".repeat(40) + "\"}").orElseThrow().branch())
                .isEmpty();
        assertThat(parse("{\"ref\":\"refs/heads/main\",\"after\":\"HEAD; rm -rf\"}").orElseThrow().validCommit())
                .isFalse();
        assertThat(parse("{\"ref\":\"refs/heads/main\"}")).isEmpty();
        assertThat(parse("not json")).isEmpty();
        assertThat(parse("[1, 2]")).isEmpty();
        assertThat(parse("")).isEmpty();
    }

    private static Optional<PushNotice> parse(String json) {
        return PushNotice.parse(Forge.GITHUB, json.getBytes(StandardCharsets.UTF_8));
    }
}
