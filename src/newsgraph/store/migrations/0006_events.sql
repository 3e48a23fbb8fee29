-- Events: PLOVER-coded acts (who did what to whom, when and where) with their evidence
-- offsets, and the parties on each side. Times are the event's own clock (an interval with a
-- granularity), kept apart from the article's publication date.

CREATE TABLE event (
    article_id        TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    type              TEXT NOT NULL,          -- one of PLOVER's event types
    mode              TEXT,
    context           TEXT,
    predicate         TEXT NOT NULL,          -- the words expressing the act, as written
    predicate_start   INTEGER NOT NULL,
    predicate_end     INTEGER NOT NULL,
    sentence          INTEGER NOT NULL,
    start             INTEGER NOT NULL,       -- the evidence sentence
    end               INTEGER NOT NULL,
    symmetric         INTEGER NOT NULL,       -- 1: every party is listed as an actor
    time              TEXT,                   -- TimeML value of the governing expression
    earliest          TEXT,
    latest            TEXT,
    granularity       TEXT,
    time_basis        TEXT,                   -- timex | narrative | published
    time_status       TEXT NOT NULL,          -- current | historical | future
    negated           INTEGER NOT NULL,
    hypothetical      INTEGER NOT NULL,
    reported_by       TEXT,
    reported_actor_id TEXT,
    quote             INTEGER,                -- seq of the quote whose content holds the act
    location          TEXT,
    location_id       TEXT,
    location_start    INTEGER,
    location_end      INTEGER,
    confidence        REAL NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX event_type ON event(type);
CREATE INDEX event_earliest ON event(earliest);

CREATE TABLE event_party (
    article_id    TEXT NOT NULL,
    event         INTEGER NOT NULL,           -- seq of the event
    role          TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    seq           INTEGER NOT NULL,           -- order within its side
    text          TEXT NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    actor_id      TEXT,
    code          TEXT,                       -- the actor's event code at the article's date
    PRIMARY KEY (article_id, event, role, seq),
    FOREIGN KEY (article_id, event) REFERENCES event(article_id, seq) ON DELETE CASCADE
);
CREATE INDEX event_party_actor ON event_party(actor_id);
CREATE INDEX event_party_code ON event_party(code);
