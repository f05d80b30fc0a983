package dev.gantry.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A forge that sends push webhooks, with the headers it signs, numbers and names its deliveries with
 * (docs/webhooks.md): GitHub and Gitea sign the body with HMAC-SHA256, GitLab sends the secret itself.
 */
enum Forge {
    GITHUB("X-Hub-Signature-256", "sha256=", "X-GitHub-Delivery", "X-GitHub-Event", "push"),
    GITLAB("X-Gitlab-Token", null, "X-Gitlab-Event-UUID", "X-Gitlab-Event", "Push Hook"),
    GITEA("X-Gitea-Signature", "", "X-Gitea-Delivery", "X-Gitea-Event", "push");

    /** The header with the signature (GitHub, Gitea) or the token (GitLab). */
    final String signatureHeader;
    /** What the signature's hex starts after; null: the header is the secret itself. */
    private final String hexPrefix;
    /** The header with the delivery's id (GitHub keeps it when a delivery is sent again from its log). */
    final String deliveryHeader;
    /** The header naming the event. */
    final String eventHeader;
    /** The event header's value for a push. */
    final String pushEvent;

    Forge(String signatureHeader, String hexPrefix, String deliveryHeader, String eventHeader, String pushEvent) {
        this.signatureHeader = signatureHeader;
        this.hexPrefix = hexPrefix;
        this.deliveryHeader = deliveryHeader;
        this.eventHeader = eventHeader;
        this.pushEvent = pushEvent;
    }

    /** The forge's name in paths, triggers and the deliveries table: github, gitlab, gitea. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code header} (the signature header's value) proves {@code body} came with {@code secret}. */
    boolean verifies(String secret, String header, byte[] body) {
        byte[] expected;
        byte[] given;
        if (hexPrefix == null) {
            expected = secret.getBytes(StandardCharsets.UTF_8);
            given = header.getBytes(StandardCharsets.UTF_8);
        } else {
            if (!header.startsWith(hexPrefix)) {
                return false;
            }
            expected = HexFormat.of().formatHex(hmacSha256(secret, body)).getBytes(StandardCharsets.US_ASCII);
            given = header.substring(hexPrefix.length()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        return MessageDigest.isEqual(expected, given);
    }

    /** HMAC-SHA256 of {@code body} with {@code secret}, as GitHub and Gitea sign. */
    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM cannot compute HMAC-SHA256: " + e.getMessage(), e);
        }
    }
}
