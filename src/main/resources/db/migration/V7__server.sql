-- gantry server (docs/server.md). API tokens: only the SHA-256 of each token (hex) is kept, with the name
-- it was created under. Services the server knows, added by `gantry service add`. Times are epoch
-- milliseconds (UTC): BIGINT, as INTEGER is 32 bits in PostgreSQL.
CREATE TABLE api_tokens (
    name          TEXT   NOT NULL PRIMARY KEY,
    sha256        TEXT   NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);

CREATE TABLE services (
    name      TEXT   NOT NULL PRIMARY KEY,
    remote    TEXT,
    branch    TEXT   NOT NULL,
    added_at  BIGINT NOT NULL
);
