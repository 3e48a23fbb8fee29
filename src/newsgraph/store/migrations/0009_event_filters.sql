-- Event listings at scale (100k events: benchmarks/api_latency.py). A page of events is
-- ordered by (article_id, seq) or by time, so the indexes that filter also carry that order,
-- the negated flag (every listing leaves denied acts out) and the dates: a type filter, a
-- page deep into the listing or a sort of the matching keys then reads index entries only,
-- not the event rows (which are wide) or the article bodies.

-- By type, in listing order: no sort of every event of the type for one page.
DROP INDEX event_type;
CREATE INDEX event_type ON event(type, article_id, seq, negated, earliest, latest);

-- The listing of acts that happened (negated = 0, as every listing asks unless told
-- otherwise), in its order, with the dates: an offset steps over index entries, a date range
-- is checked before any row is read. Partial, so that the planner (which has no statistics)
-- does not take "negated = 0" for a selective filter: with negated as a leading column it
-- drove type, happening and network queries from this index (10x slower); with it after
-- (article_id, seq) it joined the network's parties before checking the dates (2x slower).
CREATE INDEX event_listing ON event(article_id, seq, earliest, latest) WHERE negated = 0;

-- Parties by actor id or code (a country's sectors are a range of codes), with the event
-- they belong to: matching an actor reads only these entries.
DROP INDEX event_party_actor;
CREATE INDEX event_party_actor ON event_party(actor_id, role, article_id, event);
DROP INDEX event_party_code;
CREATE INDEX event_party_code ON event_party(code, role, article_id, event);
