-- The requests each release answered through the proxy (docs/observability.md), one row per colour and
-- period (10 s), written by gantry server: for rollback on regression and the forecast of load.
-- period_start is epoch milliseconds (UTC); total_ms the sum of the requests' times; latency_buckets the
-- requests per latency bucket, comma-separated counts for <=5,10,25,50,100,250,500,1000,2500,5000,10000 ms
-- and above.
CREATE TABLE request_figures (
    service          TEXT    NOT NULL,
    colour           TEXT    NOT NULL,
    release_sha      TEXT    NOT NULL,
    period_start     BIGINT  NOT NULL,
    period_seconds   INTEGER NOT NULL,
    requests         BIGINT  NOT NULL,
    errors           BIGINT  NOT NULL,
    total_ms         BIGINT  NOT NULL,
    latency_buckets  TEXT    NOT NULL,
    PRIMARY KEY (service, period_start, colour, release_sha)
);
