-- What was cut of a stage's output (docs/installation-config.md, "Output"): a sentence for history
-- and the API, null when nothing was.
ALTER TABLE stages ADD COLUMN output_cut TEXT;
