package dev.gantry.webhook;

import dev.gantry.config.Installation;
import dev.gantry.config.WebhookSecret;
import java.util.Optional;

/**
 * What proves a delivery, per forge: GitHub and Gitea sign the body with the HMAC secret
 * ({@code webhook-secret}); GitLab sends a token of its own ({@code webhook-gitlab-token}), never the
 * HMAC secret, as GitLab sends it in clear with every delivery (docs/webhooks.md).
 */
public record WebhookCredentials(Optional<String> hmacSecret, Optional<String> gitlabToken) {
    /** No credential: every hook answers 503. */
    static final WebhookCredentials NONE = new WebhookCredentials(Optional.empty(), Optional.empty());

    /** The credentials of {@code installation}. */
    public static WebhookCredentials of(Installation installation) {
        return new WebhookCredentials(installation.webhookSecret().map(WebhookSecret::value),
                installation.webhookGitlabToken().map(WebhookSecret::value));
    }

    /** The credential that proves a delivery of {@code forge}; empty: that forge's hook is off. */
    Optional<String> of(Forge forge) {
        return forge == Forge.GITLAB ? gitlabToken : hmacSecret;
    }

    /** Why {@code forge}'s hook is off, and what to set: the 503 a forge shows in its delivery log. */
    String missing(Forge forge) {
        if (forge != Forge.GITLAB) {
            return "Webhooks from " + forge.word() + " are off on this server: set webhook-secret in config.yml (or"
                    + " GANTRY_WEBHOOK_SECRET), at least 16 characters, and restart it. See docs/webhooks.md.";
        }
        return "Webhooks from gitlab are off on this server: set webhook-gitlab-token in config.yml (or"
                + " GANTRY_WEBHOOK_GITLAB_TOKEN), at least 16 characters and not the webhook-secret"
                + (hmacSecret.isPresent() ? " (webhook-secret alone no longer serves GitLab: GitLab sends its token"
                        + " in clear, so it must not be the secret that signs GitHub and Gitea deliveries)" : "")
                + ", give the same value to GitLab as the webhook's Secret token, and restart the server."
                + " See docs/webhooks.md.";
    }
}
