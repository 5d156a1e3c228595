-- Full-text search (policyledger.search). One row per searchable passage: a paragraph,
-- or a section heading long enough to say something (numbered items whose whole text
-- sits on the heading line). The FTS5 table holds pre-folded tokens (Simplified,
-- half-width, lower case; CJK bigrams + Latin words), written by search.index_report.

CREATE TABLE search_passages (
    id            INTEGER PRIMARY KEY,
    report_id     TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id    INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id  INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE, -- NULL: a heading
    kind          TEXT NOT NULL CHECK (kind IN ('paragraph', 'heading')),
    ord           INTEGER NOT NULL,          -- paragraphs.ord, or -1 for a heading
    start         INTEGER NOT NULL,          -- offsets into reports.text
    end           INTEGER NOT NULL,
    section_path  TEXT,                      -- 壹/一/（一）/1
    chapter_title TEXT,                      -- title of the level-1 section (工業)
    year          INTEGER,                   -- Western year of the report, when known
    text          TEXT                       -- a heading's text (a paragraph's is in paragraphs)
);
CREATE INDEX search_passages_report ON search_passages(report_id, section_path);
CREATE INDEX search_passages_paragraph ON search_passages(paragraph_id);

-- body: the passage; heading: titles of the sections above it (weighted lower).
CREATE VIRTUAL TABLE search_fts USING fts5(
    body, heading,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '.'"
);

CREATE TRIGGER search_passages_delete AFTER DELETE ON search_passages BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END;

-- Domain dictionary learned at ingest (「quoted terms」, programme and body names),
-- taught to the query segmenter so such names stay one phrase.
CREATE TABLE search_terms (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    term      TEXT NOT NULL,
    PRIMARY KEY (report_id, term)
) WITHOUT ROWID;
CREATE INDEX search_terms_term ON search_terms(term);

-- Figure queries look quantities up by unit and value (by paragraph is 0002's
-- quantities_paragraph); without this a ledger of a thousand reports scans a million
-- quantities per hit.
CREATE INDEX search_quantities_unit_value ON quantities(unit, modality, value);

