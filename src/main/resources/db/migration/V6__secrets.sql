-- The secrets of services (docs/secrets.md): each value sealed with AES-256-GCM under the key in
-- $GANTRY_HOME/secrets.key, which is never in the store. Nonce and ciphertext (with its tag) are base64
-- text, so the table reads the same on SQLite and PostgreSQL. updated_at is epoch milliseconds.
CREATE TABLE secrets (
    service     TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    nonce       TEXT   NOT NULL,
    ciphertext  TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (service, name)
);
