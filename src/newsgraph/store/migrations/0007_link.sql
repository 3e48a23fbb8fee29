-- Linking across articles: stories (articles about one real-world development), happenings
-- (events from different articles that are one real-world event), and what the linker keeps
-- to assign articles as they arrive: each article's content terms, document frequencies, each
-- story's centroid terms.

CREATE TABLE article_term (
    article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    term       TEXT NOT NULL,                 -- a content lemma, or "@actor_id" for an actor
    count      INTEGER NOT NULL,
    PRIMARY KEY (article_id, term)
);

CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL                     -- how many linked articles hold the term
);

CREATE TABLE story (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL,                 -- main actors, place and dates, for reading
    first_date TEXT,
    last_date  TEXT,
    articles   INTEGER NOT NULL,              -- distinct articles, reprints not counted
    created    TEXT NOT NULL,
    edited     INTEGER NOT NULL DEFAULT 0     -- 1 once a user split or merged it
);

CREATE TABLE story_term (
    story_id TEXT NOT NULL REFERENCES story(id) ON DELETE CASCADE,
    term     TEXT NOT NULL,
    weight   REAL NOT NULL,                   -- the centroid's weight (sum of member vectors)
    PRIMARY KEY (story_id, term)
);

CREATE TABLE article_story (
    article_id TEXT PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL,                 -- (written before its story, in one link step)
    score      REAL NOT NULL                  -- similarity to the story when assigned (1: first)
);
CREATE INDEX article_story_story ON article_story(story_id);

CREATE TABLE happening (
    id             TEXT PRIMARY KEY,
    story_id       TEXT,
    type           TEXT NOT NULL,
    mode           TEXT,
    label          TEXT NOT NULL,
    earliest       TEXT,                      -- the interval the reports agree on, widened
    latest         TEXT,
    time_status    TEXT NOT NULL,
    first_reported TEXT,                      -- publication date of the earliest report
    sources        INTEGER NOT NULL,          -- distinct original articles reporting it
    disputed       INTEGER NOT NULL DEFAULT 0 -- 1: reports differ on date, place or figures
);
CREATE INDEX happening_story ON happening(story_id);

CREATE TABLE event_happening (
    article_id   TEXT NOT NULL,
    event        INTEGER NOT NULL,
    happening_id TEXT NOT NULL REFERENCES happening(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, event),
    FOREIGN KEY (article_id, event) REFERENCES event(article_id, seq) ON DELETE CASCADE
);
CREATE INDEX event_happening_happening ON event_happening(happening_id);
