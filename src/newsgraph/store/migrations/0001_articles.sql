-- Articles as cleaned and annotated by the foundation stages.

CREATE TABLE article (
    id            TEXT PRIMARY KEY,           -- from the canonical URL, else the raw input's hash
    source        TEXT NOT NULL,              -- path, path#record, or - for stdin
    format        TEXT NOT NULL,              -- reader: txt | html | json | warc
    markup        TEXT NOT NULL,              -- what raw holds: html | text
    url           TEXT,
    title         TEXT,
    outlet        TEXT,
    published     TEXT,                       -- as given by metadata
    encoding      TEXT,
    language      TEXT,
    body          TEXT NOT NULL,
    n_words       INTEGER NOT NULL,
    raw_sha256    TEXT NOT NULL,
    fingerprint   BLOB NOT NULL,              -- MinHash signature of the body
    reprint_of    TEXT REFERENCES article(id),
    ingested_at   TEXT NOT NULL
);
CREATE INDEX article_reprint_of ON article(reprint_of);
CREATE INDEX article_published ON article(published);
CREATE INDEX article_raw_sha256 ON article(raw_sha256);

-- The decoded input, compressed, so that `reprocess --stage clean` can clean again.
CREATE TABLE article_raw (
    article_id    TEXT PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    raw           BLOB NOT NULL               -- zlib-compressed UTF-8
);

-- What cleaning removed, rule by rule, in order.
CREATE TABLE dropped (
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    rule          TEXT NOT NULL,
    text          TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

-- Banded MinHash keys: articles sharing a key are reprint candidates.
CREATE TABLE fingerprint_band (
    band          INTEGER NOT NULL,
    key           INTEGER NOT NULL,
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE
);
CREATE INDEX fingerprint_band_key ON fingerprint_band(band, key);
CREATE INDEX fingerprint_band_article ON fingerprint_band(article_id);

CREATE TABLE sentence (
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    start         INTEGER NOT NULL,           -- character offsets into article.body
    end           INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE token (
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    lemma         TEXT NOT NULL,
    pos           TEXT NOT NULL,
    tag           TEXT NOT NULL,
    dep           TEXT NOT NULL,
    head          INTEGER NOT NULL,           -- seq of the head token
    sentence      INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE mention (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    label         TEXT NOT NULL,              -- the NER label: PERSON, ORG, GPE, NORP, LOC, DATE, ...
    sentence      INTEGER NOT NULL
);
CREATE INDEX mention_article ON mention(article_id, start);
CREATE INDEX mention_label ON mention(label);
