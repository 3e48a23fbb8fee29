-- Actors: the knowledge base's entries that articles mention, and the corpus's own (unknown
-- names, country-sector groups); every mention linked to its actor.

ALTER TABLE mention ADD COLUMN actor_id TEXT;
ALTER TABLE mention ADD COLUMN method TEXT;       -- alias | chain | role | metonym | demonym | context | new
ALTER TABLE mention ADD COLUMN confidence REAL;
ALTER TABLE mention ADD COLUMN code TEXT;         -- the actor's code at the publication date
CREATE INDEX mention_actor ON mention(actor_id);

CREATE TABLE actor (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,              -- person | country | organisation | igo | place
    country       TEXT,
    sector        TEXT,
    wikidata      TEXT,
    wikipedia     TEXT
);
CREATE INDEX actor_country ON actor(country);

CREATE TABLE actor_alias (
    actor_id      TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
    alias         TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);

CREATE TABLE actor_role (
    actor_id      TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
    office        TEXT NOT NULL,
    country       TEXT NOT NULL,
    title         TEXT NOT NULL,
    start         TEXT,
    end           TEXT,
    UNIQUE (actor_id, office, country, start)
);
