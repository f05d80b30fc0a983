package dev.gantry.notify;

import java.net.URI;
import java.time.Duration;

/** A Slack (or Slack-compatible) incoming webhook, sent {@link SlackBody} by POST. */
record SlackChannel(URI url, HttpPost http) implements Channel {

    @Override
    public String name() {
        return "slack " + Urls.withoutSecrets(url);
    }

    @Override
    public void send(Notification notification, Duration timeout) {
        http.json(url, SlackBody.of(notification), timeout);
    }
}
