-- Quantities and calendar expressions found by policyledger.extract, with provenance.

CREATE TABLE quantities (
    id           INTEGER PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id   INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    value        REAL NOT NULL,
    value_max    REAL,
    unit         TEXT NOT NULL,
    raw_unit     TEXT NOT NULL,
    qualifier    TEXT NOT NULL,
    role         TEXT NOT NULL,
    modality     TEXT NOT NULL,
    precision    REAL NOT NULL DEFAULT 0,
    period_start TEXT,                       -- ISO bounds of the period the figure refers to,
    period_end   TEXT                        -- from the nearest calendar expression, if any
);
CREATE INDEX quantities_report ON quantities(report_id, unit, modality);
CREATE INDEX quantities_sentence ON quantities(sentence_id);
-- A section page reads the facts of its paragraphs (store.queries.get_section).
CREATE INDEX quantities_paragraph ON quantities(paragraph_id);

CREATE TABLE dates (
    id           INTEGER PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id   INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    start_date   TEXT,
    end_date     TEXT,
    granularity  TEXT NOT NULL
);
CREATE INDEX dates_report ON dates(report_id);
CREATE INDEX dates_sentence ON dates(sentence_id);
CREATE INDEX dates_paragraph ON dates(paragraph_id);
