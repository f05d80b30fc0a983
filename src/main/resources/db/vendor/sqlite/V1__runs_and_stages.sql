-- Runs of the flow and their stages. Times are epoch milliseconds (UTC).
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    service       TEXT    NOT NULL,
    commit_sha    TEXT    NOT NULL,
    commit_title  TEXT    NOT NULL,
    dirty         INTEGER NOT NULL,
    trigger       TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    failed_stage  TEXT,
    message       TEXT,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER
);

CREATE INDEX runs_by_service ON runs (service, id);

CREATE TABLE stages (
    run_id       INTEGER NOT NULL REFERENCES runs (id),
    name         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    message      TEXT,
    log_path     TEXT,
    log          TEXT,
    PRIMARY KEY (run_id, name)
);
