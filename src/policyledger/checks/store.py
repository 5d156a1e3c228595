"""Storage glue: read a report's paragraphs and quantities, write its checks, read them back.

``analyse_report`` runs inside the ingest transaction (the pipeline owns it), so nothing
here begins or commits one.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from policyledger.checks.model import KINDS, VERDICTS, Check, Fact, Passage
from policyledger.checks.passages import check_passages
from policyledger.errors import QueryError
from policyledger.models import Quantity

# Inconsistent first: that is what a reader opens the page for.
VERDICT_ORDER = {"inconsistent": 0, "impossible": 1, "consistent": 2}


def load_passages(
    conn: sqlite3.Connection, report_id: str
) -> tuple[list[Passage], dict[int, list[int]]]:
    """The report's paragraphs with their facts, and each paragraph's lead passages.

    The lead of a paragraph is where a total its shares refer to may be stated: the
    paragraphs before it in its section, then those of the sections before its own under
    the same heading, then the heading's own paragraphs (nearest first).
    """
    qrows = conn.execute(
        "SELECT id, paragraph_id, text, start, end, value, value_max, unit, raw_unit, qualifier,"
        " role, modality, precision FROM quantities WHERE report_id = ? ORDER BY start",
        (report_id,),
    ).fetchall()
    facts: dict[int, list[Fact]] = defaultdict(list)
    for r in qrows:
        q = Quantity(
            text=r["text"],
            start=r["start"],
            end=r["end"],
            value=r["value"],
            unit=r["unit"],
            raw_unit=r["raw_unit"],
            qualifier=r["qualifier"],
            role=r["role"],
            modality=r["modality"],
            value_max=r["value_max"],
            precision=r["precision"] or 0.0,
        )
        facts[r["paragraph_id"]].append(Fact(r["id"], q))
    prows = conn.execute(
        "SELECT id, section_id, start, text FROM paragraphs WHERE report_id = ? ORDER BY ord",
        (report_id,),
    ).fetchall()
    passages: list[Passage] = []
    by_section: dict[int | None, list[int]] = defaultdict(list)
    section_of: dict[int, int | None] = {}
    for r in prows:
        mine = tuple(
            f
            for f in facts.get(r["id"], ())
            if r["start"] <= f.start and f.end <= r["start"] + len(r["text"])
        )
        passages.append(Passage(r["id"], r["start"], r["text"], mine))
        by_section[r["section_id"]].append(r["id"])
        section_of[r["id"]] = r["section_id"]
    srows = conn.execute(
        "SELECT id, parent_id FROM sections WHERE report_id = ? ORDER BY ord", (report_id,)
    ).fetchall()
    parent = {r["id"]: r["parent_id"] for r in srows}
    children: dict[int | None, list[int]] = defaultdict(list)
    for r in srows:
        children[r["parent_id"]].append(r["id"])

    leads: dict[int, list[int]] = {}
    for p in passages:
        sid = section_of[p.id]
        own = by_section[sid]
        lead = list(reversed(own[: own.index(p.id)]))
        if sid is not None:
            siblings = children[parent.get(sid)]
            for sib in reversed(siblings[: siblings.index(sid)]):
                lead.extend(by_section.get(sib, ()))
            up = parent.get(sid)
            if up is not None:
                lead.extend(by_section.get(up, ()))
        leads[p.id] = lead
    return passages, leads


def find_report_checks(conn: sqlite3.Connection, report_id: str) -> list[Check]:
    """Every check of a stored report, computed afresh (nothing is written)."""
    passages, leads = load_passages(conn, report_id)
    return check_passages(passages, {k: tuple(v) for k, v in leads.items()})


def analyse_report(conn: sqlite3.Connection, report_id: str) -> int:
    """Recompute and store the checks of ``report_id``; returns how many were stored.

    Called by the pipeline inside its ingest transaction; re-running replaces the rows.
    """
    conn.execute("DELETE FROM checks WHERE report_id = ?", (report_id,))
    found = find_report_checks(conn, report_id)
    section_of = dict(
        conn.execute(
            "SELECT id, section_id FROM paragraphs WHERE report_id = ?", (report_id,)
        ).fetchall()
    )
    row = conn.execute("SELECT coalesce(max(id), 0) FROM checks").fetchone()
    next_id = int(row[0]) + 1
    rows: list[tuple[Any, ...]] = []
    inputs: list[tuple[int, int, int]] = []
    for c in found:
        rows.append(
            (
                next_id,
                report_id,
                section_of.get(c.passage_id),
                c.passage_id,
                c.kind,
                c.verdict,
                c.formula,
                c.arithmetic,
                c.unit,
                c.computed.mid,
                c.computed.low,
                c.computed.high,
                c.stated.value,
                c.expected.low,
                c.expected.high,
                c.tolerance,
                c.difference,
                c.miss,
                c.stated.id if c.stated.id > 0 else None,
                c.start,
                c.end,
                c.note,
            )
        )
        inputs.extend((next_id, i, f.id) for i, f in enumerate(c.inputs) if f.id > 0)
        next_id += 1
    conn.executemany(
        "INSERT INTO checks (id, report_id, section_id, paragraph_id, kind, verdict, formula,"
        " arithmetic, unit, computed, computed_low, computed_high, stated, stated_low,"
        " stated_high, tolerance, difference, miss, stated_quantity_id, start, end, note)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.executemany("INSERT INTO check_inputs (check_id, ord, quantity_id) VALUES (?,?,?)", inputs)
    return len(rows)


def verdict_counts(conn: sqlite3.Connection, report_id: str) -> dict[str, int]:
    """How many stored checks of each verdict the report has (every verdict present)."""
    counts = dict.fromkeys(VERDICTS, 0)
    for verdict, n in conn.execute(
        "SELECT verdict, count(*) FROM checks WHERE report_id = ? GROUP BY verdict", (report_id,)
    ):
        counts[verdict] = int(n)
    return counts


# --- read side -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a check's excerpt; ``role`` is "input", "stated" or "" (plain text)."""

    text: str
    role: str


@dataclass(frozen=True, slots=True)
class InputFact:
    id: int
    text: str
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class CheckRow:
    id: int
    report_id: str
    section_id: int | None
    section_path: str | None
    paragraph_id: int
    paragraph_ord: int | None
    kind: str
    verdict: str
    formula: str
    arithmetic: str
    unit: str
    computed: float
    computed_low: float
    computed_high: float
    stated: float
    stated_low: float
    stated_high: float
    tolerance: float
    difference: float
    miss: float
    stated_quantity_id: int | None
    stated_text: str | None
    start: int
    end: int
    note: str
    inputs: tuple[InputFact, ...]
    excerpt: tuple[Segment, ...]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["inputs"] = [asdict(i) for i in self.inputs]
        d["excerpt"] = [asdict(s) for s in self.excerpt]
        d["excerpt_text"] = "".join(s.text for s in self.excerpt)
        return d


@dataclass(frozen=True, slots=True)
class CheckFilter:
    report_id: str | None = None
    verdict: str | None = None
    kind: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.verdict is not None and self.verdict not in VERDICTS:
            raise QueryError(
                f"未知的判定 unknown verdict {self.verdict!r}; use one of {', '.join(VERDICTS)}"
            )
        if self.kind is not None and self.kind not in KINDS:
            raise QueryError(
                f"未知的檢查類型 unknown kind {self.kind!r}; use one of {', '.join(KINDS)}"
            )
        if self.limit is not None and self.limit < 1:
            raise QueryError("limit must be a positive number")


def list_checks(conn: sqlite3.Connection, f: CheckFilter | None = None) -> list[CheckRow]:
    """Stored checks, inconsistent first, then in document order."""
    f = f or CheckFilter()
    where, params = ["1 = 1"], []
    for col, val in (("c.report_id", f.report_id), ("c.verdict", f.verdict), ("c.kind", f.kind)):
        if val is not None:
            where.append(f"{col} = ?")
            params.append(val)
    rows = conn.execute(
        "SELECT c.*, s.path AS section_path, q.text AS stated_text, pp.ord AS paragraph_ord"
        " FROM checks c"
        " LEFT JOIN sections s ON s.id = c.section_id"
        " LEFT JOIN paragraphs pp ON pp.id = c.paragraph_id"
        " LEFT JOIN quantities q ON q.id = c.stated_quantity_id"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY CASE c.verdict WHEN 'inconsistent' THEN 0 WHEN 'impossible' THEN 1 ELSE 2 END,"
        " c.report_id, c.start, c.id",
        params,
    ).fetchall()
    if f.limit is not None:
        rows = rows[: f.limit]
    ids = [r["id"] for r in rows]
    inputs: dict[int, list[InputFact]] = defaultdict(list)
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            "SELECT ci.check_id, q.id, q.text, q.value, q.unit, q.start, q.end FROM check_inputs ci"
            f" JOIN quantities q ON q.id = ci.quantity_id WHERE ci.check_id IN ({marks})"
            " ORDER BY ci.check_id, ci.ord",
            chunk,
        ):
            inputs[r[0]].append(InputFact(r[1], r[2], r[3], r[4]))
            spans[r[0]].append((r[5], r[6], "input"))
    texts = _paragraph_texts(conn, {r["paragraph_id"] for r in rows})
    out: list[CheckRow] = []
    for r in rows:
        marked = list(spans[r["id"]])
        if r["stated_quantity_id"] is not None:
            q = conn.execute(
                "SELECT start, end FROM quantities WHERE id = ?", (r["stated_quantity_id"],)
            ).fetchone()
            if q is not None:
                marked.append((q[0], q[1], "stated"))
        p_start, p_text = texts.get(r["paragraph_id"], (r["start"], ""))
        out.append(
            CheckRow(
                id=r["id"],
                report_id=r["report_id"],
                section_id=r["section_id"],
                section_path=r["section_path"],
                paragraph_id=r["paragraph_id"],
                paragraph_ord=r["paragraph_ord"],
                kind=r["kind"],
                verdict=r["verdict"],
                formula=r["formula"],
                arithmetic=r["arithmetic"],
                unit=r["unit"],
                computed=r["computed"],
                computed_low=r["computed_low"],
                computed_high=r["computed_high"],
                stated=r["stated"],
                stated_low=r["stated_low"],
                stated_high=r["stated_high"],
                tolerance=r["tolerance"],
                difference=r["difference"],
                miss=r["miss"],
                stated_quantity_id=r["stated_quantity_id"],
                stated_text=r["stated_text"],
                start=r["start"],
                end=r["end"],
                note=r["note"],
                inputs=tuple(inputs[r["id"]]),
                excerpt=excerpt(p_start, p_text, r["start"], r["end"], marked),
            )
        )
    return out


def _chunks(xs: Sequence[int], n: int) -> list[Sequence[int]]:
    return [xs[i : i + n] for i in range(0, len(xs), n)] or [[]]


def _paragraph_texts(conn: sqlite3.Connection, ids: set[int]) -> dict[int, tuple[int, str]]:
    out: dict[int, tuple[int, str]] = {}
    idl = sorted(ids)
    for chunk in _chunks(idl, 500):
        if not chunk:
            continue
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT id, start, text FROM paragraphs WHERE id IN ({marks})", chunk
        ):
            out[r[0]] = (r[1], r[2])
    return out


_STOPS = "。！？；"


def excerpt(
    p_start: int, p_text: str, start: int, end: int, marks: Sequence[tuple[int, int, str]]
) -> tuple[Segment, ...]:
    """The sentence(s) around ``[start, end)`` in the paragraph, cut into plain and marked
    segments so a page (or a terminal) can highlight the figures a check used."""
    if not p_text:
        return ()
    a = max(start - p_start, 0)
    b = min(end - p_start, len(p_text))
    while a > 0 and p_text[a - 1] not in _STOPS:
        a -= 1
    while b < len(p_text) and p_text[b - 1 : b] not in _STOPS:
        b += 1
    segs: list[Segment] = []
    pos = a
    for s, e, role in sorted({(s - p_start, e - p_start, role) for s, e, role in marks}):
        if s < pos or e > b:
            continue
        if s > pos:
            segs.append(Segment(p_text[pos:s], ""))
        segs.append(Segment(p_text[s:e], role))
        pos = e
    if pos < b:
        segs.append(Segment(p_text[pos:b], ""))
    return tuple(segs)
