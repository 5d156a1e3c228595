-- Reports, their outline, paragraphs and sentences. Offsets are into reports.text
-- (the cleaned text), so every row can be cited and highlighted exactly.

CREATE TABLE reports (
    id            TEXT PRIMARY KEY,          -- sha256 hex of the source bytes
    title         TEXT,
    ministry      TEXT,
    period        TEXT,                      -- as written, e.g. 107年3月
    report_date   TEXT,                      -- ISO date when known
    file_name     TEXT,
    source_format TEXT NOT NULL,
    encoding      TEXT,
    text          TEXT NOT NULL,             -- cleaned text
    warnings      TEXT NOT NULL DEFAULT '[]',-- JSON array of strings
    ingested_at   TEXT NOT NULL
);

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,            -- document order
    path        TEXT NOT NULL,               -- 壹/一/（一）/1
    parent_id   INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    level       INTEGER NOT NULL,
    marker      TEXT NOT NULL,
    number      INTEGER NOT NULL,
    title       TEXT NOT NULL,
    start       INTEGER NOT NULL,
    heading_end INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    page        INTEGER,
    UNIQUE (report_id, path)
);
CREATE INDEX sections_parent ON sections(parent_id);

CREATE TABLE paragraphs (
    id         INTEGER PRIMARY KEY,
    report_id  TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,  -- NULL: preamble
    ord        INTEGER NOT NULL,             -- document order within the report
    idx        INTEGER NOT NULL,             -- order within its section
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    page       INTEGER,
    text       TEXT NOT NULL
);
CREATE INDEX paragraphs_section ON paragraphs(section_id);
CREATE INDEX paragraphs_report ON paragraphs(report_id, ord);

CREATE TABLE sentences (
    id           INTEGER PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id   INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX sentences_paragraph ON sentences(paragraph_id);
