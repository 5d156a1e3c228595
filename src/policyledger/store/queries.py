"""The read side of the core tables: reports, their outline, sections and facts.

Every face (web pages, their ``.json`` twins, the API, CLI exports) reads through these
functions, so they cannot disagree about what a report contains. Rows come back as small
frozen dataclasses; ``to_dict()`` gives the JSON shape the web and exports use.

Reports are addressed by id or by a unique prefix of it (ids are sha256 hex, far too long
to type), or by the file name they were ingested from.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from policyledger.errors import NotFound, QueryError
from policyledger.models import MODALITIES, ROLES

# --- reports ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportRow:
    id: str
    title: str | None
    ministry: str | None
    period: str | None
    report_date: str | None
    file_name: str | None
    source_format: str
    encoding: str | None
    ingested_at: str
    warnings: tuple[str, ...]
    sections: int
    paragraphs: int
    quantities: int
    dates: int
    targets: int

    @property
    def short_id(self) -> str:
        return self.id[:12]

    @property
    def display_title(self) -> str:
        return self.title or self.file_name or self.short_id

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["warnings"] = list(self.warnings)
        d["short_id"] = self.short_id
        d["display_title"] = self.display_title
        return d


_REPORT_SQL = """
SELECT r.id, r.title, r.ministry, r.period, r.report_date, r.file_name, r.source_format,
       r.encoding, r.ingested_at, r.warnings,
       (SELECT count(*) FROM sections s WHERE s.report_id = r.id) AS n_sections,
       (SELECT count(*) FROM paragraphs p WHERE p.report_id = r.id) AS n_paragraphs,
       (SELECT count(*) FROM quantities q WHERE q.report_id = r.id) AS n_quantities,
       (SELECT count(*) FROM dates d WHERE d.report_id = r.id) AS n_dates,
       (SELECT count(*) FROM quantities q WHERE q.report_id = r.id
          AND q.modality = 'target') AS n_targets
FROM reports r
"""


def _report(row: sqlite3.Row) -> ReportRow:
    try:
        warnings = tuple(str(w) for w in json.loads(row["warnings"] or "[]"))
    except (ValueError, TypeError):
        # A hand-edited or legacy row must not take the report list down with it.
        warnings = ()
    return ReportRow(
        id=row["id"],
        title=row["title"],
        ministry=row["ministry"],
        period=row["period"],
        report_date=row["report_date"],
        file_name=row["file_name"],
        source_format=row["source_format"],
        encoding=row["encoding"],
        ingested_at=row["ingested_at"],
        warnings=warnings,
        sections=row["n_sections"],
        paragraphs=row["n_paragraphs"],
        quantities=row["n_quantities"],
        dates=row["n_dates"],
        targets=row["n_targets"],
    )


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[sqlite3.Row]:
    cur = conn.execute(sql, params)
    cur.row_factory = sqlite3.Row  # whatever the connection's factory, read by name
    return cur.fetchall()


def list_reports(conn: sqlite3.Connection) -> list[ReportRow]:
    """Every stored report, newest report date first, then title."""
    rows = _rows(
        conn,
        _REPORT_SQL
        + " ORDER BY coalesce(r.report_date, '') DESC, coalesce(r.title, r.file_name, r.id)",
    )
    return [_report(r) for r in rows]


def get_report(conn: sqlite3.Connection, ref: str) -> ReportRow:
    """The report whose id is ``ref``, starts with ``ref``, or was ingested from file ``ref``."""
    ref = ref.strip()
    if not ref:
        raise NotFound("找不到報告：未提供報告代號 (no report id given)")
    rows = _rows(conn, _REPORT_SQL + " WHERE r.id = ?", (ref,))
    if not rows:
        # substr, not LIKE: ids are hex, but a typed ref may hold % or _.
        rows = _rows(conn, _REPORT_SQL + " WHERE substr(r.id, 1, ?) = ?", (len(ref), ref.lower()))
    if not rows:
        rows = _rows(conn, _REPORT_SQL + " WHERE r.file_name = ?", (ref,))
    if not rows:
        raise NotFound(f"找不到報告 {ref} (no such report; `policyledger reports` lists them)")
    if len(rows) > 1:
        raise NotFound(
            f"報告代號 {ref} 不唯一，符合 {len(rows)} 份報告 (ambiguous prefix; type more of the id)"
        )
    return _report(rows[0])


# --- facts -----------------------------------------------------------------------------

FACT_SORTS: dict[str, str] = {
    # Whitelisted ORDER BY terms; the filter never puts user text into SQL.
    "position": "q.report_id, q.start",
    "value": "q.value",
    "unit": "q.unit, q.value",
    "period": "coalesce(q.period_start, q.period_end)",
    "section": "q.report_id, s.ord, q.start",
}
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Which facts to list. Every field is optional; ``limit=None`` means all (exports)."""

    report_id: str | None = None
    chapter: str | None = None  # a level-1 section path, e.g. "拾"
    unit: str | None = None  # canonical unit code, e.g. "TWD", "kW"
    modality: str | None = None  # actual | target
    role: str | None = None  # level | change
    year: int | None = None  # Western or ROC year the figure's period overlaps
    q: str | None = None  # substring of the figure or its sentence
    sort: str = "position"
    order: str = "asc"
    limit: int | None = 100
    offset: int = 0

    def __post_init__(self) -> None:
        if self.modality is not None and self.modality not in MODALITIES:
            raise QueryError(f"modality 必須是 {' / '.join(MODALITIES)}，收到 {self.modality!r}")
        if self.role is not None and self.role not in ROLES:
            raise QueryError(f"role 必須是 {' / '.join(ROLES)}，收到 {self.role!r}")
        if self.sort not in FACT_SORTS:
            raise QueryError(f"sort 必須是 {' / '.join(FACT_SORTS)}，收到 {self.sort!r}")
        if self.order not in ("asc", "desc"):
            raise QueryError(f"order 必須是 asc 或 desc，收到 {self.order!r}")
        if self.limit is not None and not 0 < self.limit <= MAX_LIMIT:
            raise QueryError(f"limit 必須介於 1 與 {MAX_LIMIT} 之間，收到 {self.limit}")
        if self.offset < 0:
            raise QueryError(f"offset 不可為負數，收到 {self.offset}")
        if self.year is not None and not (1 <= self.year <= 9999):
            raise QueryError(f"year 不是合理的年份：{self.year}")

    @property
    def western_year(self) -> int | None:
        if self.year is None:
            return None
        # ROC years stay below 1000 for centuries; 民國 = Western - 1911.
        return self.year + 1911 if self.year < 1000 else self.year

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FactRow:
    """One quantity with everything needed to cite it."""

    id: int
    report_id: str
    section_id: int | None
    section_path: str | None
    section_title: str | None
    chapter: str | None
    chapter_title: str | None
    paragraph_id: int
    paragraph_ord: int
    sentence_id: int
    sentence: str
    text: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    raw_unit: str
    qualifier: str
    role: str
    modality: str
    precision: float
    period_start: str | None
    period_end: str | None

    @property
    def anchor(self) -> str:
        return f"p-{self.paragraph_ord}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["anchor"] = self.anchor
        return d


_FACT_SQL = """
SELECT q.id, q.report_id, q.section_id,
       coalesce(s.path, '前言') AS section_path, coalesce(s.title, '前言') AS section_title,
       ch.path AS chapter, ch.title AS chapter_title,
       q.paragraph_id, p.ord AS paragraph_ord, q.sentence_id, st.text AS sentence,
       q.text, q.start, q."end", q.value, q.value_max, q.unit, q.raw_unit, q.qualifier,
       q.role, q.modality, q.precision, q.period_start, q.period_end
FROM quantities q
JOIN paragraphs p ON p.id = q.paragraph_id
JOIN sentences st ON st.id = q.sentence_id
LEFT JOIN sections s ON s.id = q.section_id
LEFT JOIN sections ch ON ch.report_id = q.report_id
     AND ch.path = substr(s.path, 1, instr(s.path || '/', '/') - 1)
"""


def _fact_where(f: FactFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.report_id is not None:
        clauses.append("q.report_id = ?")
        params.append(f.report_id)
    if f.chapter is not None:
        # The chapter itself or anything below it; substr avoids LIKE's wildcards.
        clauses.append("substr(s.path || '/', 1, ?) = ?")
        params += [len(f.chapter) + 1, f.chapter + "/"]
    if f.unit is not None:
        clauses.append("q.unit = ?")
        params.append(f.unit)
    if f.modality is not None:
        clauses.append("q.modality = ?")
        params.append(f.modality)
    if f.role is not None:
        clauses.append("q.role = ?")
        params.append(f.role)
    if (year := f.western_year) is not None:
        # The figure's period overlaps the year; a deadline ("by") has only an end.
        clauses.append(
            "coalesce(q.period_start, q.period_end) IS NOT NULL"
            " AND coalesce(q.period_start, q.period_end) <= ?"
            " AND coalesce(q.period_end, q.period_start) >= ?"
        )
        params += [f"{year:04d}-12-31", f"{year:04d}-01-01"]
    if f.q:
        clauses.append("(instr(st.text, ?) > 0 OR instr(q.text, ?) > 0)")
        params += [f.q, f.q]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_facts(conn: sqlite3.Connection, f: FactFilter | None = None) -> list[FactRow]:
    """The quantities matching ``f``, with their sentence, section and chapter."""
    f = f or FactFilter()
    where, params = _fact_where(f)
    direction = "DESC" if f.order == "desc" else "ASC"
    order = ", ".join(f"{term} {direction}" for term in FACT_SORTS[f.sort].split(", "))
    sql = f"{_FACT_SQL}{where} ORDER BY {order}, q.report_id, q.start, q.id"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [f.limit, f.offset]
    elif f.offset:
        sql += " LIMIT -1 OFFSET ?"
        params.append(f.offset)
    return [_fact(r) for r in _rows(conn, sql, params)]


def count_facts(conn: sqlite3.Connection, f: FactFilter | None = None) -> int:
    """How many facts ``f`` matches, ignoring its limit and offset (for pagination)."""
    f = f or FactFilter()
    where, params = _fact_where(f)
    sql = (
        "SELECT count(*) FROM quantities q JOIN sentences st ON st.id = q.sentence_id"
        " LEFT JOIN sections s ON s.id = q.section_id" + where
    )
    return int(conn.execute(sql, params).fetchone()[0])


def _fact(r: sqlite3.Row) -> FactRow:
    return FactRow(
        id=r["id"],
        report_id=r["report_id"],
        section_id=r["section_id"],
        section_path=r["section_path"],
        section_title=r["section_title"],
        chapter=r["chapter"],
        chapter_title=r["chapter_title"],
        paragraph_id=r["paragraph_id"],
        paragraph_ord=r["paragraph_ord"],
        sentence_id=r["sentence_id"],
        sentence=r["sentence"],
        text=r["text"],
        start=r["start"],
        end=r["end"],
        value=r["value"],
        value_max=r["value_max"],
        unit=r["unit"],
        raw_unit=r["raw_unit"],
        qualifier=r["qualifier"],
        role=r["role"],
        modality=r["modality"],
        precision=r["precision"],
        period_start=r["period_start"],
        period_end=r["period_end"],
    )


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int


def fact_facets(conn: sqlite3.Connection, report_id: str | None) -> dict[str, list[FacetValue]]:
    """The values the filters can take (with counts), so forms only offer real choices."""
    scope = "WHERE q.report_id = ?" if report_id else ""
    params: tuple[Any, ...] = (report_id,) if report_id else ()
    facets: dict[str, list[FacetValue]] = {}
    for name in ("unit", "modality", "role"):
        rows = conn.execute(
            f"SELECT q.{name}, count(*) FROM quantities q {scope} GROUP BY q.{name}"
            f" ORDER BY count(*) DESC, q.{name}",
            params,
        ).fetchall()
        facets[name] = [FacetValue(str(r[0]), str(r[0]), int(r[1])) for r in rows]
    rows = conn.execute(
        "SELECT ch.path, ch.title, count(*), min(ch.ord) FROM quantities q"
        " JOIN sections s ON s.id = q.section_id"
        " JOIN sections ch ON ch.report_id = q.report_id"
        "  AND ch.path = substr(s.path, 1, instr(s.path || '/', '/') - 1)"
        f" {scope} GROUP BY ch.path, ch.title ORDER BY min(ch.ord), ch.path",
        params,
    ).fetchall()
    if report_id is None:
        # Across reports the same marker names different chapters; merge by path.
        merged: dict[str, FacetValue] = {}
        for r in rows:
            prev = merged.get(r[0])
            merged[r[0]] = FacetValue(
                r[0], r[0] if prev else f"{r[0]}、{r[1]}", int(r[2]) + (prev.count if prev else 0)
            )
        facets["chapter"] = list(merged.values())
    else:
        facets["chapter"] = [FacetValue(r[0], f"{r[0]}、{r[1]}", int(r[2])) for r in rows]
    years = conn.execute(
        "SELECT DISTINCT substr(coalesce(q.period_start, q.period_end), 1, 4) AS y"
        f" FROM quantities q {scope} {'AND' if scope else 'WHERE'}"
        " coalesce(q.period_start, q.period_end) IS NOT NULL ORDER BY y",
        params,
    ).fetchall()
    facets["year"] = [
        FacetValue(str(r[0]), f"{r[0]}（民國 {int(r[0]) - 1911} 年）", 0)
        for r in years
        if str(r[0]).isdigit()
    ]
    return facets


# --- outline ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionRef:
    """Enough of a section to name and link it."""

    id: int
    path: str
    level: int
    marker: str
    title: str
    ord: int

    @property
    def label(self) -> str:
        return f"{self.marker} {self.title}".strip()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["label"] = self.label
        return d


@dataclass(frozen=True, slots=True)
class OutlineNode:
    """A section in the outline with the counts of its whole subtree."""

    id: int
    path: str
    level: int
    marker: str
    number: int
    title: str
    page: int | None
    paragraphs: int
    figures: int
    targets: int
    children: tuple[OutlineNode, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "level": self.level,
            "marker": self.marker,
            "number": self.number,
            "title": self.title,
            "page": self.page,
            "paragraphs": self.paragraphs,
            "figures": self.figures,
            "targets": self.targets,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> list[OutlineNode]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


def outline(conn: sqlite3.Connection, report_id: str) -> list[OutlineNode]:
    """The report's sections as a tree (roots in order), each with subtree counts."""
    sections = _rows(
        conn,
        "SELECT id, parent_id, path, level, marker, number, title, page FROM sections"
        " WHERE report_id = ? ORDER BY ord",
        (report_id,),
    )
    paras = dict(
        conn.execute(
            "SELECT section_id, count(*) FROM paragraphs WHERE report_id = ?"
            " AND section_id IS NOT NULL GROUP BY section_id",
            (report_id,),
        ).fetchall()
    )
    figs: dict[int, tuple[int, int]] = {
        r[0]: (int(r[1]), int(r[2]))
        for r in conn.execute(
            "SELECT section_id, count(*), sum(modality = 'target') FROM quantities"
            " WHERE report_id = ? AND section_id IS NOT NULL GROUP BY section_id",
            (report_id,),
        ).fetchall()
    }
    kids: dict[int | None, list[sqlite3.Row]] = {}
    known = {r["id"] for r in sections}
    for r in sections:
        parent = r["parent_id"] if r["parent_id"] in known else None
        kids.setdefault(parent, []).append(r)

    def build(r: sqlite3.Row) -> OutlineNode:
        children = tuple(build(c) for c in kids.get(r["id"], []))
        n_figs, n_targets = figs.get(r["id"], (0, 0))
        return OutlineNode(
            id=r["id"],
            path=r["path"],
            level=r["level"],
            marker=r["marker"],
            number=r["number"],
            title=r["title"],
            page=r["page"],
            paragraphs=int(paras.get(r["id"], 0)) + sum(c.paragraphs for c in children),
            figures=n_figs + sum(c.figures for c in children),
            targets=n_targets + sum(c.targets for c in children),
            children=children,
        )

    return [build(r) for r in kids.get(None, [])]


# --- a section and its text ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateMention:
    id: int
    text: str
    start: int
    end: int
    type: str
    start_date: str | None
    end_date: str | None
    granularity: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SentenceView:
    id: int
    idx: int
    start: int
    end: int
    text: str
    quantities: tuple[FactRow, ...] = ()
    dates: tuple[DateMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "idx": self.idx,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "quantities": [q.to_dict() for q in self.quantities],
            "dates": [d.to_dict() for d in self.dates],
        }


@dataclass(frozen=True, slots=True)
class ParagraphView:
    id: int
    ord: int
    idx: int
    start: int
    end: int
    page: int | None
    text: str
    sentences: tuple[SentenceView, ...] = ()

    @property
    def anchor(self) -> str:
        return f"p-{self.ord}"

    @property
    def quantities(self) -> tuple[FactRow, ...]:
        return tuple(q for s in self.sentences for q in s.quantities)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ord": self.ord,
            "idx": self.idx,
            "anchor": self.anchor,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True, slots=True)
class SectionBlock:
    """One heading of the page and the paragraphs directly under it."""

    section: SectionRef
    depth: int  # 0 for the page's own section, 1 for its children, …
    paragraphs: tuple[ParagraphView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section.to_dict(),
            "depth": self.depth,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


@dataclass(frozen=True, slots=True)
class SectionView:
    """A section page: where it sits, what is around it, and its text with its facts."""

    report: ReportRow
    section: SectionRef
    page: int | None
    breadcrumbs: tuple[SectionRef, ...]  # ancestors, root first (not the section itself)
    parent: SectionRef | None
    children: tuple[SectionRef, ...]
    prev: SectionRef | None  # the previous section in document order
    next: SectionRef | None
    blocks: tuple[SectionBlock, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        def ref(s: SectionRef | None) -> dict[str, Any] | None:
            return s.to_dict() if s else None

        return {
            "report": self.report.to_dict(),
            "section": self.section.to_dict(),
            "page": self.page,
            "breadcrumbs": [b.to_dict() for b in self.breadcrumbs],
            "parent": ref(self.parent),
            "children": [c.to_dict() for c in self.children],
            "prev": ref(self.prev),
            "next": ref(self.next),
            "blocks": [b.to_dict() for b in self.blocks],
        }


def _ref(r: sqlite3.Row) -> SectionRef:
    return SectionRef(r["id"], r["path"], r["level"], r["marker"], r["title"], r["ord"])


# The text before a report's first heading (title, salutation, opening) has no section of
# its own; it is shown and cited as this pseudo-section.
PREAMBLE_PATH = "前言"


def get_section(conn: sqlite3.Connection, report_ref: str, path: str) -> SectionView:
    """The section at ``path`` of a report, with its whole subtree's text and facts."""
    report = get_report(conn, report_ref)
    rows = _rows(
        conn,
        "SELECT id, parent_id, path, level, marker, number, title, ord, page FROM sections"
        " WHERE report_id = ? ORDER BY ord",
        (report.id,),
    )
    if path.strip("/") == PREAMBLE_PATH:
        return _preamble(conn, report, rows)
    by_id = {r["id"]: r for r in rows}
    index = next((i for i, r in enumerate(rows) if r["path"] == path.strip("/")), None)
    if index is None:
        raise NotFound(f"報告 {report.short_id} 沒有章節 {path} (no such section)")
    me = rows[index]
    crumbs: list[SectionRef] = []
    parent_id = me["parent_id"]
    while parent_id is not None and parent_id in by_id:
        crumbs.append(_ref(by_id[parent_id]))
        parent_id = by_id[parent_id]["parent_id"]
    crumbs.reverse()
    # The subtree is the contiguous run after the section whose paths start with its own.
    prefix = me["path"] + "/"
    subtree = [me]
    for r in rows[index + 1 :]:
        if not r["path"].startswith(prefix):
            break
        subtree.append(r)
    paragraphs = _paragraph_views(conn, report.id, [r["id"] for r in subtree])
    blocks = tuple(
        SectionBlock(_ref(r), r["level"] - me["level"], paragraphs.get(r["id"], ()))
        for r in subtree
    )
    return SectionView(
        report=report,
        section=_ref(me),
        page=me["page"],
        breadcrumbs=tuple(crumbs),
        parent=crumbs[-1] if crumbs else None,
        children=tuple(_ref(r) for r in rows if r["parent_id"] == me["id"]),
        prev=_ref(rows[index - 1]) if index > 0 else None,
        next=_ref(rows[index + 1]) if index + 1 < len(rows) else None,
        blocks=blocks,
    )


def _preamble(conn: sqlite3.Connection, report: ReportRow, rows: list[sqlite3.Row]) -> SectionView:
    paragraphs = _paragraph_views(conn, report.id, [], preamble=True).get(None, ())
    if not paragraphs:
        raise NotFound(f"報告 {report.short_id} 沒有前言 (no text before the first heading)")
    me = SectionRef(0, PREAMBLE_PATH, 0, "", PREAMBLE_PATH, -1)
    return SectionView(
        report=report,
        section=me,
        page=paragraphs[0].page,
        breadcrumbs=(),
        parent=None,
        children=(),
        prev=None,
        next=_ref(rows[0]) if rows else None,
        blocks=(SectionBlock(me, 0, paragraphs),),
    )


def has_preamble(conn: sqlite3.Connection, report_id: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM paragraphs WHERE report_id = ? AND section_id IS NULL LIMIT 1",
            (report_id,),
        ).fetchone()
        is not None
    )


def _paragraph_views(
    conn: sqlite3.Connection, report_id: str, section_ids: list[int], *, preamble: bool = False
) -> dict[int | None, tuple[ParagraphView, ...]]:
    if not section_ids and not preamble:
        return {}
    marks = ",".join("?" * len(section_ids))
    where = "section_id IS NULL" if preamble else f"section_id IN ({marks})"
    paras = _rows(
        conn,
        f'SELECT id, section_id, ord, idx, start, "end", page, text FROM paragraphs'
        f" WHERE report_id = ? AND {where} ORDER BY ord",
        [report_id] if preamble else [report_id, *section_ids],
    )
    para_ids = [p["id"] for p in paras]
    if not para_ids:
        return {}
    pmarks = ",".join("?" * len(para_ids))
    sentences = _rows(
        conn,
        f'SELECT id, paragraph_id, idx, start, "end", text FROM sentences'
        f" WHERE paragraph_id IN ({pmarks}) ORDER BY paragraph_id, idx",
        para_ids,
    )
    facts: dict[int, list[FactRow]] = {}
    for r in _rows(
        conn, f"{_FACT_SQL} WHERE q.paragraph_id IN ({pmarks}) ORDER BY q.start", para_ids
    ):
        fact = _fact(r)
        facts.setdefault(fact.sentence_id, []).append(fact)
    dates: dict[int, list[DateMention]] = {}
    for r in _rows(
        conn,
        f'SELECT id, sentence_id, text, start, "end", type, start_date, end_date, granularity'
        f" FROM dates WHERE paragraph_id IN ({pmarks}) ORDER BY start",
        para_ids,
    ):
        dates.setdefault(r["sentence_id"], []).append(
            DateMention(
                r["id"],
                r["text"],
                r["start"],
                r["end"],
                r["type"],
                r["start_date"],
                r["end_date"],
                r["granularity"],
            )
        )
    by_para: dict[int, list[SentenceView]] = {}
    for s in sentences:
        by_para.setdefault(s["paragraph_id"], []).append(
            SentenceView(
                s["id"],
                s["idx"],
                s["start"],
                s["end"],
                s["text"],
                tuple(facts.get(s["id"], ())),
                tuple(dates.get(s["id"], ())),
            )
        )
    out: dict[int | None, list[ParagraphView]] = {}
    for p in paras:
        out.setdefault(p["section_id"], []).append(
            ParagraphView(
                p["id"],
                p["ord"],
                p["idx"],
                p["start"],
                p["end"],
                p["page"],
                p["text"],
                tuple(by_para.get(p["id"], ())),
            )
        )
    return {k: tuple(v) for k, v in out.items()}


# --- summaries for charts --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChapterFigures:
    """One chapter's figures of one unit, split by modality."""

    chapter: str
    title: str
    actual_total: float
    target_total: float
    actual_count: int
    target_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FactsSummary:
    """What the report page charts: money and capacity by chapter, targets beside actuals.

    Totals add up the *levels* mentioned (changes are not amounts); a report states
    totals beside their parts, so a sum is "amounts mentioned", not a budget.
    """

    money: tuple[ChapterFigures, ...]  # TWD
    capacity: tuple[ChapterFigures, ...]  # kW
    modality: tuple[ChapterFigures, ...]  # all units: counts of actuals vs targets

    def to_dict(self) -> dict[str, Any]:
        return {
            "money": [c.to_dict() for c in self.money],
            "capacity": [c.to_dict() for c in self.capacity],
            "modality": [c.to_dict() for c in self.modality],
        }


def facts_summary(conn: sqlite3.Connection, report_id: str) -> FactsSummary:
    chapters = _rows(
        conn,
        "SELECT path, title FROM sections WHERE report_id = ? AND parent_id IS NULL ORDER BY ord",
        (report_id,),
    )

    def per_chapter(unit_clause: str, params: tuple[Any, ...]) -> tuple[ChapterFigures, ...]:
        rows = conn.execute(
            "SELECT substr(s.path, 1, instr(s.path || '/', '/') - 1) AS ch,"
            " sum(CASE WHEN q.modality = 'actual' THEN q.value ELSE 0 END),"
            " sum(CASE WHEN q.modality = 'target' THEN q.value ELSE 0 END),"
            " sum(q.modality = 'actual'), sum(q.modality = 'target')"
            " FROM quantities q JOIN sections s ON s.id = q.section_id"
            f" WHERE q.report_id = ? {unit_clause} GROUP BY ch",
            (report_id, *params),
        ).fetchall()
        got = {r[0]: r for r in rows}
        return tuple(
            ChapterFigures(
                c["path"],
                c["title"],
                float(got[c["path"]][1] or 0),
                float(got[c["path"]][2] or 0),
                int(got[c["path"]][3] or 0),
                int(got[c["path"]][4] or 0),
            )
            for c in chapters
            if c["path"] in got
        )

    return FactsSummary(
        money=per_chapter("AND q.unit = ? AND q.role = 'level'", ("TWD",)),
        capacity=per_chapter("AND q.unit = ? AND q.role = 'level'", ("kW",)),
        modality=per_chapter("", ()),
    )
