package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each forge's signature: right, wrong, of another body, with a wrong prefix. */
class ForgeTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    /** GitHub's documented example of X-Hub-Signature-256 for this secret and body. */
    private static final String GITHUB_EXAMPLE = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void githubTakesItsDocumentedExampleAndNothingElse() {
        assertThat(Forge.GITHUB.verifies(SECRET, "sha256=" + GITHUB_EXAMPLE, BODY)).isTrue();
        assertThat(Forge.GITHUB.verifies(SECRET, "sha256=" + GITHUB_EXAMPLE.toUpperCase(), BODY)).isTrue();
        assertThat(Forge.GITHUB.verifies(SECRET, GITHUB_EXAMPLE, BODY)).as("no prefix").isFalse();
        assertThat(Forge.GITHUB.verifies(SECRET, "sha1=" + GITHUB_EXAMPLE, BODY)).as("wrong prefix").isFalse();
        assertThat(Forge.GITHUB.verifies("another secret 123", "sha256=" + GITHUB_EXAMPLE, BODY)).isFalse();
        assertThat(Forge.GITHUB.verifies(SECRET, "sha256=" + GITHUB_EXAMPLE, "Hello, World?".getBytes(
                StandardCharsets.UTF_8))).as("another body").isFalse();
        assertThat(Forge.GITHUB.verifies(SECRET, "sha256=", BODY)).isFalse();
    }

    @Test
    void giteaSignsTheSameWayWithoutPrefix() {
        assertThat(Forge.GITEA.verifies(SECRET, GITHUB_EXAMPLE, BODY)).isTrue();
        assertThat(Forge.GITEA.verifies(SECRET, "sha256=" + GITHUB_EXAMPLE, BODY)).as("GitHub's prefix").isFalse();
        assertThat(Forge.GITEA.verifies(SECRET, GITHUB_EXAMPLE.substring(1) + "0", BODY)).isFalse();
        assertThat(Forge.GITEA.verifies(SECRET, "", BODY)).isFalse();
    }

    @Test
    void gitlabSendsTheSecretItself() {
        assertThat(Forge.GITLAB.verifies(SECRET, SECRET, BODY)).isTrue();
        assertThat(Forge.GITLAB.verifies(SECRET, SECRET + " ", BODY)).isFalse();
        assertThat(Forge.GITLAB.verifies(SECRET, "it's a secret to everybody", BODY)).isFalse();
        assertThat(Forge.GITLAB.verifies(SECRET, HexFormat.of().formatHex(Forge.hmacSha256(SECRET, BODY)), BODY))
                .as("a signature is not the token").isFalse();
    }

    @Test
    void namesItsHeaders() {
        assertThat(Forge.GITHUB.word()).isEqualTo("github");
        assertThat(Forge.GITLAB.deliveryHeader).isEqualTo("X-Gitlab-Event-UUID");
        assertThat(Forge.GITEA.signatureHeader).isEqualTo("X-Gitea-Signature");
    }
}
