-- What a run deployed: its kind (run: the whole flow; deploy: an image already in the registry;
-- rollback), the gantry.yml it used, the app image, and the colour it went live in.
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'run';
ALTER TABLE runs ADD COLUMN config TEXT;
ALTER TABLE runs ADD COLUMN image TEXT;
ALTER TABLE runs ADD COLUMN colour TEXT;
