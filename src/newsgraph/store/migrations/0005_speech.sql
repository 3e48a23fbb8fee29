-- Speech: quotes (attributions of content to a source) and claims (numbers, hedged facts),
-- each with character offsets into the article's body.

CREATE TABLE quote (
    article_id    TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL,              -- direct | indirect | mixed
    cue           TEXT NOT NULL,
    cue_start     INTEGER NOT NULL,
    cue_end       INTEGER NOT NULL,
    cue_type      TEXT NOT NULL,              -- verb | noun | frame
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    parts         TEXT NOT NULL,              -- JSON [[start, end], …]: the content's pieces
    content       TEXT NOT NULL,              -- the pieces' text, for search
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_kind  TEXT NOT NULL,              -- actor | phrase | none
    actor_id      TEXT,
    sentence      INTEGER NOT NULL,
    time          TEXT,
    time_basis    TEXT,                       -- timex | published
    confidence    REAL NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX quote_actor ON quote(actor_id);

CREATE TABLE claim (
    article_id     TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL,             -- numeric | factual
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    text           TEXT NOT NULL,
    low            REAL,
    high           REAL,
    comparator     TEXT,                      -- exact | over | under | about | range
    unit           TEXT,
    about          TEXT,
    claimant       TEXT,
    claimant_kind  TEXT NOT NULL,             -- actor | phrase | outlet
    actor_id       TEXT,
    hedge          TEXT,
    hedge_start    INTEGER,
    hedge_end      INTEGER,
    hedge_strength REAL,
    sentence       INTEGER NOT NULL,
    quote          INTEGER,                   -- seq of the quote whose content holds it
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX claim_actor ON claim(actor_id);
