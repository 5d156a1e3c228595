-- Arithmetic checks (policyledger.checks): each relation a paragraph states, recomputed
-- from its figures with interval arithmetic, and the verdict. Offsets are into
-- reports.text so a check's excerpt can be highlighted exactly.

CREATE TABLE checks (
    id             INTEGER PRIMARY KEY,
    report_id      TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section_id     INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id   INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('sum', 'share', 'ratio', 'product', 'growth')),
    verdict        TEXT NOT NULL CHECK (verdict IN ('consistent', 'inconsistent', 'impossible')),
    formula        TEXT NOT NULL,             -- the relation, in the report's own figures
    arithmetic     TEXT NOT NULL,             -- the computation written out, zh-TW
    unit           TEXT NOT NULL,             -- canonical unit of the stated figure
    computed       REAL NOT NULL,             -- midpoint of what the inputs can reach
    computed_low   REAL NOT NULL,
    computed_high  REAL NOT NULL,
    stated         REAL NOT NULL,             -- the figure as printed (canonical unit)
    stated_low     REAL NOT NULL,             -- what its printed digits allow (約 widens it)
    stated_high    REAL NOT NULL,
    tolerance      REAL NOT NULL,             -- half-widths of both intervals added
    difference     REAL NOT NULL,             -- computed - stated
    miss           REAL NOT NULL,             -- gap between the intervals; 0 when consistent
    stated_quantity_id INTEGER REFERENCES quantities(id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,          -- excerpt: first to last figure involved
    end            INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checks_report ON checks(report_id, verdict, kind);

-- The input facts of each check, in formula order.
CREATE TABLE check_inputs (
    check_id    INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    quantity_id INTEGER NOT NULL REFERENCES quantities(id) ON DELETE CASCADE,
    PRIMARY KEY (check_id, ord)
);
CREATE INDEX check_inputs_quantity ON check_inputs(quantity_id);
