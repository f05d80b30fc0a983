-- Forge webhooks (docs/webhooks.md): each delivery id a forge sent, so that a replayed delivery runs
-- nothing, across restarts and servers sharing one store. received_at is epoch milliseconds (UTC).
CREATE TABLE webhook_deliveries (
    forge        TEXT   NOT NULL,
    delivery     TEXT   NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (forge, delivery)
);
