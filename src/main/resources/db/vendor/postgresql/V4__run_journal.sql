-- The run journal (docs/journal-recovery-locks.md), on PostgreSQL: the table of
-- sqlite/V4__run_journal.sql with BIGINT run ids and times (epoch milliseconds, UTC).
CREATE TABLE journal (
    run_id       BIGINT  NOT NULL REFERENCES runs (id),
    seq          INTEGER NOT NULL,
    service      TEXT    NOT NULL,
    effect       TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    data         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    message      TEXT,
    intended_at  BIGINT  NOT NULL,
    done_at      BIGINT,
    undone_at    BIGINT,
    undone_by    TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE INDEX journal_by_service ON journal (service, intended_at);
CREATE INDEX journal_by_state ON journal (state);
