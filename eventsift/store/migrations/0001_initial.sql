-- eventsift database, migration 1: the initial schema.
-- Documented table by table in docs/schema.md; keep the two in step.

CREATE TABLE documents (
    doc_key       TEXT PRIMARY KEY,          -- the page's identity: its URL, else its doc_id
    doc_id        TEXT NOT NULL,             -- what the user knows the input by (file name, URL, JSONL id)
    url           TEXT,
    title         TEXT,
    published     TEXT,                      -- YYYY-MM-DD or NULL
    outlet        TEXT,
    source_domain TEXT NOT NULL,             -- independence key: URL host, else outlet, else doc_key
    source        TEXT,                      -- the file (and line) it was read from
    language      TEXT,
    raw_chars     INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT NOT NULL,
    text          TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1, -- 1 + number of times a changed page superseded it
    ingested_at   TEXT NOT NULL,             -- first stored (UTC ISO 8601)
    updated_at    TEXT NOT NULL              -- last superseded (UTC ISO 8601)
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_doc_id ON documents(doc_id);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc_key        TEXT NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    event_id       TEXT NOT NULL,            -- the pipeline's stable id
    event_key      TEXT NOT NULL UNIQUE,     -- doc_key || ' ' || event_id: what corrections point at
    event_type     TEXT NOT NULL,
    sub_event_type TEXT,
    date           TEXT,                     -- YYYY-MM-DD or NULL
    date_precision INTEGER NOT NULL DEFAULT 1,
    day_lo         INTEGER,                  -- proleptic ordinal of the first possible day (NULL: date unknown)
    day_hi         INTEGER,                  -- ... and of the last
    weapons        TEXT NOT NULL DEFAULT '[]',  -- JSON list
    location_name  TEXT,                     -- the target's place (not the launch site)
    lat            REAL,
    lon            REAL,
    country        TEXT,                     -- ISO 3166-1 alpha-2
    admin1         TEXT,
    geonameid      INTEGER,
    geo_precision  INTEGER,
    place_feature  TEXT,
    place_key      TEXT,                     -- normalised place name + country, for blocking without coordinates
    merge_terms    TEXT NOT NULL DEFAULT '',  -- content words of the evidence, space-separated (merging)
    actor          TEXT,
    target         TEXT,
    fatalities     INTEGER,
    injuries       INTEGER,
    certainty      TEXT NOT NULL,
    attribution    TEXT NOT NULL DEFAULT '[]',  -- JSON list
    extras         TEXT NOT NULL DEFAULT '{}',  -- JSON object: extra keys of the record
    UNIQUE (doc_key, event_id)
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country_admin1 ON events(country, admin1);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_place_key ON events(place_key, day_lo);
CREATE INDEX events_certainty ON events(certainty);

CREATE TABLE event_weapons (
    event  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    weapon TEXT NOT NULL,
    PRIMARY KEY (weapon, event)
) WITHOUT ROWID;
CREATE INDEX event_weapons_event ON event_weapons(event);

CREATE TABLE launch_sites (
    event         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    lat           REAL,
    lon           REAL,
    country       TEXT,
    admin1        TEXT,
    geonameid     INTEGER,
    geo_precision INTEGER,
    place_feature TEXT,
    PRIMARY KEY (event, ord)
);

CREATE TABLE evidence (
    id       INTEGER PRIMARY KEY,
    event    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    UNIQUE (event, ord)
);

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    sentence, content='evidence', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN
    INSERT INTO evidence_fts(rowid, sentence) VALUES (new.id, new.sentence);
END;
CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
END;

-- Blocking index for merging: each event's point widened by its own distance
-- threshold, and its possible days. Only events with coordinates and a date.
CREATE VIRTUAL TABLE event_boxes USING rtree(id, min_lon, max_lon, min_lat, max_lat, min_day, max_day);
CREATE TRIGGER event_boxes_delete AFTER DELETE ON events BEGIN
    DELETE FROM event_boxes WHERE id = old.id;
END;

CREATE TABLE incidents (
    id             INTEGER PRIMARY KEY,
    date           TEXT,
    date_precision INTEGER,
    event_type     TEXT,
    sub_event_type TEXT,
    weapons        TEXT NOT NULL DEFAULT '[]',
    location_name  TEXT,
    lat            REAL,
    lon            REAL,
    country        TEXT,
    admin1         TEXT,
    geo_precision  INTEGER,
    actor          TEXT,
    target         TEXT,
    fatalities     INTEGER,                  -- headline figure, rule in docs/schema.md
    injuries       INTEGER,
    certainty      TEXT,
    n_events       INTEGER NOT NULL DEFAULT 0,
    n_sources      INTEGER NOT NULL DEFAULT 0,  -- distinct source_domain values
    confidence     REAL NOT NULL DEFAULT 0,
    corrected      TEXT NOT NULL DEFAULT '[]'   -- JSON list of fields an analyst set
);
CREATE INDEX incidents_date ON incidents(date);
CREATE INDEX incidents_country_admin1 ON incidents(country, admin1);
CREATE INDEX incidents_type ON incidents(event_type, sub_event_type);
CREATE INDEX incidents_certainty ON incidents(certainty);

CREATE TABLE incident_members (
    event       INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    incident    INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    assigned_by TEXT NOT NULL,               -- 'auto', 'new', 'analyst'
    score       REAL                         -- agreement score when joined automatically
);
CREATE INDEX incident_members_incident ON incident_members(incident);

CREATE TABLE candidate_links (
    event_a INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    event_b INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    reason  TEXT NOT NULL,                   -- 'date_unknown', 'place_unknown', 'weak_evidence', 'adjacent_day'
    score   REAL NOT NULL,
    PRIMARY KEY (event_a, event_b),
    CHECK (event_a < event_b)
);
CREATE INDEX candidate_links_b ON candidate_links(event_b);

CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,                -- 'correct', 'merge', 'split'
    target     TEXT NOT NULL,                -- 'event' or 'incident'
    event_key  TEXT,                         -- the event corrected or split out
    incident   INTEGER,                      -- the incident corrected or merged into (last known id)
    field      TEXT,                         -- the field corrected
    old_value  TEXT,                         -- JSON
    new_value  TEXT,                         -- JSON
    made_by    TEXT NOT NULL,
    made_at    TEXT NOT NULL                 -- UTC ISO 8601
);
CREATE INDEX corrections_event_key ON corrections(event_key);
CREATE INDEX corrections_incident ON corrections(incident);

-- The events a correction is about, by event_key, so that it can be applied
-- again after re-ingestion: role 'anchor' (the incident's members when it
-- was corrected; a merge's first side; a split's event) or 'other' (a
-- merge's second side; a split's former companions).
CREATE TABLE correction_events (
    correction INTEGER NOT NULL REFERENCES corrections(id) ON DELETE CASCADE,
    event_key  TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (correction, event_key)
) WITHOUT ROWID;
CREATE INDEX correction_events_key ON correction_events(event_key);

-- Pairs an analyst kept apart (split): automatic merging never joins them;
-- a later analyst merge of the two removes the pair.
CREATE TABLE kept_apart (
    event_key_a TEXT NOT NULL,               -- the smaller of the two keys
    event_key_b TEXT NOT NULL,
    correction  INTEGER NOT NULL REFERENCES corrections(id) ON DELETE CASCADE,
    PRIMARY KEY (event_key_a, event_key_b)
) WITHOUT ROWID;
CREATE INDEX kept_apart_b ON kept_apart(event_key_b);
