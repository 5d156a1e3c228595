"""From a file to stored, analysed facts in one transaction.

``ingest_path`` reads a report (``policyledger.ingest``), ``ingest_document`` stores it:
the report row, its outline, paragraphs and sentences, then the quantities and calendar
expressions ``policyledger.extract`` finds in each paragraph, each tied to the sentence it
sits in, then every analyser in :data:`ANALYSERS`. Everything happens inside one
``store.transaction``: either the whole report lands with all its derived rows, or
nothing does. A report is keyed by the sha256 of its bytes, so ingesting the same file
twice is a no-op that writes nothing.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path

from policyledger.errors import IngestError, NotFound
from policyledger.models import (
    CalendarExpr,
    Document,
    Extraction,
    Paragraph,
    ReportMeta,
    Section,
)
from policyledger.store import transaction

# Called as ``fn(conn, report_id)`` inside the ingest transaction, in this order: checks
# reads the facts, search indexes the text, commitments may read both.
ANALYSERS: tuple[str, ...] = (
    "policyledger.checks:analyse_report",
    "policyledger.search:index_report",
    "policyledger.commitments:analyse_report",
)

Analyser = Callable[[sqlite3.Connection, str], object]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest did. ``created`` is False when the report was already stored;
    the counts then describe the stored report and nothing was written."""

    report_id: str
    created: bool
    title: str | None = None
    file_name: str | None = None
    sections: int = 0
    paragraphs: int = 0
    sentences: int = 0
    quantities: int = 0
    dates: int = 0
    warnings: tuple[str, ...] = ()
    analysers: tuple[str, ...] = ()  # the analysers that ran


# --- entry points ------------------------------------------------------------------------


def ingest_path(
    conn: sqlite3.Connection,
    path: Path,
    *,
    meta: ReportMeta | None = None,
    max_bytes: int | None = None,
) -> IngestResult:
    """Read, extract and store the report at ``path`` (see the module docstring).

    ``meta`` overrides what the reader detects (title, ministry, period, date); fields
    left ``None`` keep the detected value. ``max_bytes`` raises or lowers the reader's
    size limit (default ``policyledger.ingest.DEFAULT_MAX_BYTES``).
    """
    path = Path(path)
    report_id = _file_sha256(path)
    if _report_exists(conn, report_id):
        # Same bytes, already stored: do not even parse the file again.
        return stored_result(conn, report_id)

    from policyledger.ingest import DEFAULT_MAX_BYTES, load_document

    doc = load_document(path, meta=meta, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    merged = _merge_meta(doc.meta, meta)
    if merged.file_name is None:
        merged = replace(merged, file_name=path.name)
    if merged != doc.meta:
        doc = replace(doc, meta=merged)
    return ingest_document(conn, doc)


def ingest_document(
    conn: sqlite3.Connection,
    doc: Document,
    *,
    analysers: Sequence[str] | None = None,
) -> IngestResult:
    """Store ``doc`` with its facts and run the analysers, all in one transaction.

    ``analysers`` defaults to :data:`ANALYSERS` (read at call time, so tests can patch it).
    """
    if _report_exists(conn, doc.report_id):
        return stored_result(conn, doc.report_id)
    run = _resolve_analysers(ANALYSERS if analysers is None else analysers)
    with transaction(conn):
        # Another process may have stored the same report since the check above; the
        # write lock is ours now, so this second look is final.
        if _report_exists(conn, doc.report_id):
            return stored_result(conn, doc.report_id)
        counts = _Writer(conn, doc).write()
        for _, fn in run:
            fn(conn, doc.report_id)
    return IngestResult(
        report_id=doc.report_id,
        created=True,
        title=doc.meta.title,
        file_name=doc.meta.file_name,
        sections=counts.sections,
        paragraphs=counts.paragraphs,
        sentences=counts.sentences,
        quantities=counts.quantities,
        dates=counts.dates,
        warnings=counts.warnings,
        analysers=tuple(name for name, _ in run),
    )


def stored_result(conn: sqlite3.Connection, report_id: str) -> IngestResult:
    """The counts of a report already in the ledger (``created=False``)."""
    row = conn.execute(
        "SELECT title, file_name, warnings FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"找不到報告 {report_id} (no such report)")

    def count(table: str) -> int:
        n = conn.execute(f"SELECT count(*) FROM {table} WHERE report_id = ?", (report_id,))
        return int(n.fetchone()[0])

    return IngestResult(
        report_id=report_id,
        created=False,
        title=row[0],
        file_name=row[1],
        sections=count("sections"),
        paragraphs=count("paragraphs"),
        sentences=count("sentences"),
        quantities=count("quantities"),
        dates=count("dates"),
        warnings=tuple(json.loads(row[2] or "[]")),
    )


# --- helpers -------------------------------------------------------------------------------


def _file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        raise IngestError(path, "檔案不存在 no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "這是資料夾，不是檔案 is a directory, not a file") from None
    except PermissionError:
        raise IngestError(path, "無法讀取 permission denied") from None


def _report_exists(conn: sqlite3.Connection, report_id: str) -> bool:
    return conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is not None


def _merge_meta(detected: ReportMeta, override: ReportMeta | None) -> ReportMeta:
    if override is None:
        return detected
    changes = {
        f.name: getattr(override, f.name)
        for f in fields(ReportMeta)
        if getattr(override, f.name) is not None
    }
    return replace(detected, **changes)


def _resolve_analysers(names: Iterable[str]) -> list[tuple[str, Analyser]]:
    out: list[tuple[str, Analyser]] = []
    for spec in names:
        module_name, _, attr = spec.partition(":")
        out.append((spec, getattr(importlib.import_module(module_name), attr)))
    return out


_YEAR = re.compile(r"(?:民國\s*)?(\d{2,4})\s*年")
_ISO_YEAR = re.compile(r"^(\d{4})-")


def default_year(meta: ReportMeta) -> int | None:
    """The year a report's undated ``8 月 10 日`` most likely means: its period's first
    year as written (ROC or Western, ``extract`` accepts both), else its date's year."""
    if meta.period:
        m = _YEAR.search(meta.period)
        if m:
            return int(m.group(1))
    if meta.date:
        m = _ISO_YEAR.match(meta.date)
        if m:
            return int(m.group(1))
    return None


def _period_before(dates: Sequence[CalendarExpr], offset: int) -> CalendarExpr | None:
    """The calendar expression ending nearest before ``offset`` (dates sorted by end)."""
    best: CalendarExpr | None = None
    for d in dates:
        if d.end <= offset and (best is None or d.end >= best.end):
            best = d
    return best


@dataclass(slots=True)
class _Counts:
    sections: int = 0
    paragraphs: int = 0
    sentences: int = 0
    quantities: int = 0
    dates: int = 0
    warnings: tuple[str, ...] = ()


class _Writer:
    """Writes one Document's rows. Ids are allocated here (max(id)+1 onwards, under the
    transaction's write lock) so that every table goes in with one ``executemany``."""

    def __init__(self, conn: sqlite3.Connection, doc: Document) -> None:
        self.conn = conn
        self.doc = doc
        self.counts = _Counts()
        self.year = default_year(doc.meta)
        self._span_keys = [k for k, _ in doc.spans]
        self._headings: dict[int, Extraction] = {}
        self._para_dates: dict[int, tuple[CalendarExpr, ...]] = {}

    def _heading_facts(self, sec: Section) -> Extraction:
        """What ``extract`` finds in a section's heading (document offsets), computed once
        per section: every figure under it may fall back on the heading's period."""
        found = self._headings.get(sec.start)
        if found is None:
            from policyledger.extract import extract

            heading = self.doc.text[sec.start : sec.heading_end]
            found = extract(heading, default_year=self.year).shifted(sec.start)
            self._headings[sec.start] = found
        return found

    def _next_id(self, table: str) -> int:
        row = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        return int(row[0]) + 1

    def _page(self, offset: int) -> int | None:
        i = bisect_right(self._span_keys, offset) - 1
        return self.doc.spans[i][1].page if i >= 0 else None

    def write(self) -> _Counts:
        doc, conn = self.doc, self.conn
        meta = doc.meta
        self.counts.warnings = doc.warnings
        conn.execute(
            "INSERT INTO reports (id, title, ministry, period, report_date, file_name,"
            " source_format, encoding, text, warnings, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.report_id,
                meta.title,
                meta.ministry,
                meta.period,
                meta.date,
                meta.file_name,
                doc.source_format,
                doc.encoding,
                doc.text,
                json.dumps(list(self.counts.warnings), ensure_ascii=False),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        section_rows, owners = self._sections()
        self._paragraphs_and_facts(owners)
        self.counts.sections = len(section_rows)
        return self.counts

    # sections -----------------------------------------------------------------------

    def _sections(
        self,
    ) -> tuple[list[tuple[object, ...]], list[tuple[Paragraph, int | None, list[Section]]]]:
        """Insert the outline; return the rows and every paragraph with its section id
        and its chain of sections (innermost first), in document order."""
        rid = self.doc.report_id
        next_id = self._next_id("sections")
        rows: list[tuple[object, ...]] = []
        owners: list[tuple[Paragraph, int | None, list[Section]]] = [
            (p, None, []) for p in self.doc.preamble
        ]

        def visit(sec: Section, parent_id: int | None, chain: list[Section]) -> None:
            nonlocal next_id
            sid = next_id
            next_id += 1
            rows.append(
                (
                    sid,
                    rid,
                    len(rows),
                    sec.path,
                    parent_id,
                    sec.level,
                    sec.marker,
                    sec.number,
                    sec.title,
                    sec.start,
                    sec.heading_end,
                    sec.end,
                    sec.page if sec.page is not None else self._page(sec.start),
                )
            )
            here = [sec, *chain]
            owners.extend((p, sid, here) for p in sec.paragraphs)
            for child in sec.children:
                visit(child, sid, here)

        for root in self.doc.sections:
            visit(root, None, [])
        self.conn.executemany(
            "INSERT INTO sections (id, report_id, ord, path, parent_id, level, marker, number,"
            " title, start, heading_end, end, page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        owners.sort(key=lambda o: o[0].start)
        return rows, owners

    # paragraphs, sentences, facts --------------------------------------------------------

    def _paragraphs_and_facts(
        self, owners: list[tuple[Paragraph, int | None, list[Section]]]
    ) -> None:
        from policyledger.extract import extract

        rid, text = self.doc.report_id, self.doc.text
        pid = self._next_id("paragraphs")
        sid = self._next_id("sentences")
        para_rows: list[tuple[object, ...]] = []
        sent_rows: list[tuple[object, ...]] = []
        qty_rows: list[tuple[object, ...]] = []
        date_rows: list[tuple[object, ...]] = []
        heading_dates: dict[int, tuple[CalendarExpr, ...]] = {}

        for ord_, (para, section_id, chain) in enumerate(owners):
            para_rows.append(
                (
                    pid,
                    rid,
                    section_id,
                    ord_,
                    para.index,
                    para.start,
                    para.end,
                    self._page(para.start),
                    para.text,
                )
            )
            sentence_ids: list[int] = []
            for s in para.sentences:
                sent_rows.append((sid, rid, section_id, pid, s.index, s.start, s.end, s.text))
                sentence_ids.append(sid)
                sid += 1
            if para.sentences:
                found = extract(text[para.start : para.end], default_year=self.year)
                facts = found.shifted(para.start)
                self._para_dates[para.start] = facts.dates
                self._facts(
                    facts,
                    para,
                    pid,
                    section_id,
                    sentence_ids,
                    chain,
                    heading_dates,
                    qty_rows,
                    date_rows,
                )
            pid += 1

        conn = self.conn
        conn.executemany(
            "INSERT INTO paragraphs (id, report_id, section_id, ord, idx, start, end, page, text)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            para_rows,
        )
        conn.executemany(
            "INSERT INTO sentences (id, report_id, section_id, paragraph_id, idx, start, end, text)"
            " VALUES (?,?,?,?,?,?,?,?)",
            sent_rows,
        )
        conn.executemany(
            "INSERT INTO quantities (report_id, section_id, paragraph_id, sentence_id, text,"
            " start, end, value, value_max, unit, raw_unit, qualifier, role, modality,"
            " precision, period_start, period_end)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            qty_rows,
        )
        conn.executemany(
            "INSERT INTO dates (report_id, section_id, paragraph_id, sentence_id, text, start,"
            " end, type, start_date, end_date, granularity) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            date_rows,
        )
        self.counts.paragraphs = len(para_rows)
        self.counts.sentences = len(sent_rows)
        self.counts.quantities = len(qty_rows)
        self.counts.dates = len(date_rows)

    def _facts(
        self,
        facts: Extraction,
        para: Paragraph,
        pid: int,
        section_id: int | None,
        sentence_ids: list[int],
        chain: list[Section],
        heading_dates: dict[int, tuple[CalendarExpr, ...]],
        qty_rows: list[tuple[object, ...]],
        date_rows: list[tuple[object, ...]],
    ) -> None:
        rid = self.doc.report_id
        starts = [s.start for s in para.sentences]

        def sentence_of(offset: int) -> int:
            # The sentence containing ``offset``; an offset in the gap between two
            # sentences (whitespace) belongs to the one before it.
            return max(bisect_right(starts, offset) - 1, 0)

        dates = sorted(facts.dates, key=lambda d: d.end)
        by_sentence: dict[int, list[CalendarExpr]] = {}
        for d in dates:
            i = sentence_of(d.start)
            by_sentence.setdefault(i, []).append(d)
            date_rows.append(
                (
                    rid,
                    section_id,
                    pid,
                    sentence_ids[i],
                    d.text,
                    d.start,
                    d.end,
                    d.type,
                    d.start_date,
                    d.end_date,
                    d.granularity,
                )
            )
        for q in facts.quantities:
            i = sentence_of(q.start)
            period = (
                _period_before(by_sentence.get(i, ()), q.start)
                or _period_before(dates, q.start)
                or self._heading_period(chain, heading_dates, q.start)
            )
            qty_rows.append(
                (
                    rid,
                    section_id,
                    pid,
                    sentence_ids[i],
                    q.text,
                    q.start,
                    q.end,
                    q.value,
                    q.value_max,
                    q.unit,
                    q.raw_unit,
                    q.qualifier,
                    q.role,
                    q.modality,
                    q.precision,
                    period.start_date if period else None,
                    period.end_date if period else None,
                )
            )

    def _heading_dates_from_body(self, sec: Section) -> tuple[CalendarExpr, ...] | None:
        """The heading's dates as already found in the paragraph that contains the heading
        text (``1、 106 年推動…`` is heading and body at once), or None if no paragraph
        extracted so far holds all of it but the marker."""
        text = self.doc.text
        for p in sec.paragraphs:
            if p.start in self._para_dates and p.end >= sec.heading_end:
                uncovered = text[sec.start : p.start]
                if uncovered.startswith(sec.marker) and not uncovered[len(sec.marker) :].strip():
                    dates = self._para_dates[p.start]
                    return tuple(d for d in dates if d.start < sec.heading_end)
        return None

    def _heading_period(
        self,
        chain: list[Section],
        cache: dict[int, tuple[CalendarExpr, ...]],
        offset: int,
    ) -> CalendarExpr | None:
        """The last calendar expression before ``offset`` in the nearest enclosing heading
        that has one (``（一）106 年推動成果`` dates the figures under it). Only what
        precedes the figure counts: an item's heading is often its own first sentence,
        and a year later in it (``…其中 5 家已規劃於 116 年申請上櫃``) is not the period
        of a figure earlier in it."""
        for sec in chain:
            if sec.start not in cache:
                heading = self.doc.text[sec.start : sec.heading_end]
                found = self._heading_dates_from_body(sec)
                if found is not None:
                    cache[sec.start] = tuple(sorted(found, key=lambda d: d.end))
                elif "年" in heading or "月" in heading:
                    found = self._heading_facts(sec).dates
                    cache[sec.start] = tuple(sorted(found, key=lambda d: d.end))
                else:
                    # Every calendar expression names a year or a month; most headings
                    # name neither, and extracting them was a fifth of the extract time.
                    cache[sec.start] = ()
            best = _period_before(cache[sec.start], offset)
            if best is not None:
                return best
        return None
