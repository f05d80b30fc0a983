-- How many replicas a run's release was deployed or scaled to, written when the run put it live: what the
-- live release should run (docs/scaling.md), which the web UI shows beside the healthy ones. Null for runs
-- that put nothing live and for runs recorded before this column.
ALTER TABLE runs ADD COLUMN replicas INTEGER;

-- The runs of a commit (the runs that put each live release live, for the web UI's overview), and the request
-- figures of a time across services: the overview's minutes of every service, read from this index alone (it
-- covers what they sum), and removing old periods.
CREATE INDEX runs_by_commit ON runs (commit_sha);
CREATE INDEX request_figures_by_time ON request_figures (period_start, service, requests, errors);
