-- The run journal (docs/journal-recovery-locks.md): every effect of a run on production, written
-- before it happens (intended) and after (done), then undone or kept. Undo and crash recovery read
-- the effect's data back; the audit log is this table joined with the runs.
CREATE TABLE journal (
    run_id       INTEGER NOT NULL REFERENCES runs (id),
    seq          INTEGER NOT NULL,
    service      TEXT    NOT NULL,
    effect       TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    data         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    message      TEXT,
    intended_at  INTEGER NOT NULL,
    done_at      INTEGER,
    undone_at    INTEGER,
    undone_by    TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE INDEX journal_by_service ON journal (service, intended_at);
CREATE INDEX journal_by_state ON journal (state);
