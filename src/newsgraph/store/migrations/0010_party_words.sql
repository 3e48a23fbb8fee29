-- Free words in event filters ("--actor Machado": a party's words or an actor's name that
-- contain them) without reading every party and actor: trigram indexes, which answer
-- LIKE '%words%' for three characters or more. They index the tables' own text (external
-- content) and triggers keep them in step with every insert and delete, cascades included.

CREATE VIRTUAL TABLE event_party_words USING fts5(
    text, content='event_party', tokenize='trigram'
);
INSERT INTO event_party_words(event_party_words) VALUES ('rebuild');

CREATE TRIGGER event_party_words_insert AFTER INSERT ON event_party BEGIN
    INSERT INTO event_party_words(rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TRIGGER event_party_words_delete AFTER DELETE ON event_party BEGIN
    INSERT INTO event_party_words(event_party_words, rowid, text)
    VALUES ('delete', old.rowid, old.text);
END;

-- Actors are only ever added (INSERT OR IGNORE), never changed or removed.
CREATE VIRTUAL TABLE actor_words USING fts5(name, content='actor', tokenize='trigram');
INSERT INTO actor_words(actor_words) VALUES ('rebuild');

CREATE TRIGGER actor_words_insert AFTER INSERT ON actor BEGIN
    INSERT INTO actor_words(rowid, name) VALUES (new.rowid, new.name);
END;
