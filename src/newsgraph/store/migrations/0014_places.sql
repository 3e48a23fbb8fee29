-- Events on the map: the gazetteer entry each event is placed at, shared by every event and
-- article placed there (as actors are), and on each event its id, precision and basis.
CREATE TABLE place (
    id         TEXT PRIMARY KEY,          -- gn:<GeoNames id> | ISO 3166 code | kb:<KB id>
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,             -- site | city | region | country
    country    TEXT,                      -- ISO 3166-1 alpha-3
    admin1     TEXT,                      -- GeoNames first-level division ("UA.05")
    latitude   REAL,
    longitude  REAL
);
CREATE INDEX place_country ON place (country);
ALTER TABLE event ADD COLUMN place_id TEXT;
ALTER TABLE event ADD COLUMN place_precision TEXT;
ALTER TABLE event ADD COLUMN place_basis TEXT;
CREATE INDEX event_place ON event (place_id);
