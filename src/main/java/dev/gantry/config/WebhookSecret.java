package dev.gantry.config;

import java.util.Objects;

/**
 * The installation's {@code webhook-secret} or {@code webhook-gitlab-token} (docs/webhooks.md). Its {@code toString} never shows the
 * value, so that printing an {@link Installation} (a log line, a failed assertion) cannot leak it.
 */
public record WebhookSecret(String value) {
    /** Checks for null. */
    public WebhookSecret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + value.length() + " characters, not shown]";
    }
}
