-- Commitments (targets and dated actions a report sets itself), links from later reports'
-- actual figures to them, and the log of every status and decision, with time and reason.

CREATE TABLE commitments (
    id             INTEGER PRIMARY KEY,
    report_id      TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id     INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id   INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
    sentence_id    INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
    quantity_id    INTEGER REFERENCES quantities(id) ON DELETE SET NULL,
    ord            INTEGER NOT NULL,             -- document order within the report
    start          INTEGER NOT NULL,             -- the source sentence in reports.text
    end            INTEGER NOT NULL,
    source         TEXT NOT NULL,                -- the source sentence, unchanged
    subject        TEXT NOT NULL,
    domain         TEXT NOT NULL DEFAULT '',     -- chapter title
    section_path   TEXT,
    section_title  TEXT,
    paragraph_ord  INTEGER,
    figure_text    TEXT,
    figure_start   INTEGER,
    figure_end     INTEGER,
    value          REAL,
    value_max      REAL,
    unit           TEXT,
    raw_unit       TEXT,
    qualifier      TEXT,
    precision      REAL NOT NULL DEFAULT 0,
    deadline       TEXT,                         -- ISO: last day to meet it
    window_start   TEXT,                         -- ISO: first day it counts as due
    deadline_text  TEXT,
    deadline_kind  TEXT,                         -- by | date | range_end | from | horizon
    granularity    TEXT,
    deadline_start INTEGER,
    deadline_end   INTEGER,
    flags          TEXT NOT NULL DEFAULT '[]',   -- JSON: no_figure, no_deadline
    reference_date TEXT                          -- the report date horizons were resolved on
);
CREATE INDEX commitments_report ON commitments(report_id, ord);
CREATE INDEX commitments_deadline ON commitments(deadline);

CREATE TABLE commitment_links (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    report_id     TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    quantity_id   INTEGER NOT NULL REFERENCES quantities(id) ON DELETE CASCADE,
    score         REAL NOT NULL,
    reasons       TEXT NOT NULL DEFAULT '[]',
    status        TEXT NOT NULL DEFAULT 'proposed'
                  CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    decided_at    TEXT,
    reason        TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (commitment_id, quantity_id)
);
CREATE INDEX commitment_links_commitment ON commitment_links(commitment_id);
CREATE INDEX commitment_links_report ON commitment_links(report_id);

-- Append-only: a decision adds a row, it never rewrites an earlier one.
CREATE TABLE commitment_events (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    link_id       INTEGER REFERENCES commitment_links(id) ON DELETE SET NULL,
    kind          TEXT NOT NULL,                 -- official | evidence | link
    status        TEXT NOT NULL,
    effective     TEXT,                          -- ISO date the status refers to
    evidence      TEXT NOT NULL DEFAULT '',
    reason        TEXT,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX commitment_events_commitment ON commitment_events(commitment_id, id);
