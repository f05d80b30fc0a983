-- The installation's id (docs/architecture.md, "Installations"): generated once, when the store is
-- first opened by a Gantry that knows it, and carried in the labels and names of everything this
-- installation starts, so that two installations on one Docker engine never select each other's.
-- One row: the CHECK keeps a second one out, so two processes opening a new store agree on one id.
CREATE TABLE installation (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    id         TEXT    NOT NULL
);
