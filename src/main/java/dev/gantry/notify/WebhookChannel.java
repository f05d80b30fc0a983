package dev.gantry.notify;

import java.net.URI;
import java.time.Duration;

/** A URL that receives Gantry's JSON body ({@link WebhookBody}) by POST. */
record WebhookChannel(URI url, HttpPost http) implements Channel {

    @Override
    public String name() {
        return "webhook " + Urls.withoutSecrets(url);
    }

    @Override
    public void send(Notification notification, Duration timeout) {
        http.json(url, WebhookBody.of(notification), timeout);
    }
}
