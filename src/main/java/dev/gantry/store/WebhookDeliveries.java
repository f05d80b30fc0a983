package dev.gantry.store;

import java.time.Instant;

/** The delivery ids of forge webhooks already taken (docs/webhooks.md), so that none is handled twice. */
public final class WebhookDeliveries {
    private final Sql sql;

    WebhookDeliveries(Sql sql) {
        this.sql = sql;
    }

    /**
     * Records delivery {@code delivery} of {@code forge} at {@code when}; false if it was recorded before
     * (by this server or another on the same store): one insert, so two at once cannot both win.
     */
    public boolean firstTime(String forge, String delivery, Instant when) {
        return sql.update("INSERT INTO webhook_deliveries (forge, delivery, received_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (forge, delivery) DO NOTHING", forge, delivery, when.toEpochMilli()) == 1;
    }
}
