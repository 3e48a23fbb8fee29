-- The two clocks: an article's publication date (value, bounds, confidence, basis) kept apart
-- from the time expressions of its body, each with its own value and interval.

ALTER TABLE article ADD COLUMN published_given TEXT;       -- as the capture's metadata wrote it
ALTER TABLE article ADD COLUMN captured TEXT;              -- WARC-Date: an upper bound
ALTER TABLE article ADD COLUMN published_earliest TEXT;
ALTER TABLE article ADD COLUMN published_latest TEXT;
ALTER TABLE article ADD COLUMN published_confidence REAL;
ALTER TABLE article ADD COLUMN published_source TEXT;      -- metadata | inferred | unknown
ALTER TABLE article ADD COLUMN published_basis TEXT;
UPDATE article SET published_given = published;            -- until now `published` held it

CREATE TABLE timex (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    type          TEXT NOT NULL,              -- DATE | TIME | DURATION | SET
    value         TEXT,                       -- TimeML value
    granularity   TEXT,
    earliest      TEXT,                       -- the interval a date or time denotes
    latest        TEXT,
    anchor        TEXT NOT NULL,              -- absolute | published | narrative
    mod           TEXT,
    sentence      INTEGER NOT NULL
);
CREATE INDEX timex_article ON timex(article_id, start);
CREATE INDEX timex_interval ON timex(earliest, latest);
