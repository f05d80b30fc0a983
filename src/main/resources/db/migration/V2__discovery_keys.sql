-- Discovery's keys and values when GANTRY_DISCOVERY=embedded: the same keys and the same text as in
-- etcd (docs/discovery.md), so the two backends hold byte-identical data.
CREATE TABLE discovery_keys (
    key    TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
);
