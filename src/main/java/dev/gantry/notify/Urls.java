package dev.gantry.notify;

import java.net.URI;

/** URLs as logs show them: a webhook's path and query are often its secret (Slack's are), so they are left out. */
final class Urls {
    private Urls() {
    }

    /** {@code https://hooks.slack.com/…} for {@code https://hooks.slack.com/services/T0/B0/XXXX}. */
    static String withoutSecrets(URI url) {
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        boolean more = url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")
                || url.getRawQuery() != null;
        return origin + (more ? "/…" : "/");
    }
}
