-- One run per service at a time (docs/locks.md): the lease a gantry process holds on a service while
-- it runs, deploys or rolls back. owner is host|pid|process start (epoch ms)|user; run_id is 0 until
-- the run is recorded. Times are epoch milliseconds (UTC): BIGINT, as INTEGER is 32 bits in PostgreSQL.
CREATE TABLE deploy_locks (
    service      TEXT   NOT NULL PRIMARY KEY,
    owner        TEXT   NOT NULL,
    run_id       BIGINT NOT NULL,
    message      TEXT   NOT NULL,
    acquired_at  BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
