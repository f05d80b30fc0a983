package dev.gantry.notify;

import java.time.Duration;

/** One place a notification goes: a webhook, a Slack channel, a list of email recipients. */
interface Channel {
    /** The channel as logs show it, without its secrets: {@code slack https://hooks.slack.com/…}. */
    String name();

    /** Delivers {@code notification} within about {@code timeout}; throws {@link DeliveryException} if it could not. */
    void send(Notification notification, Duration timeout);
}
