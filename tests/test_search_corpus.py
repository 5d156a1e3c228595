"""Putting real reports into a ledger for the search tests.

``ledger_with`` uses the real pipeline (``ingest_path``) when ingestion is available.
Until then — and as a check that search does not depend on one outline's choices —
``simple_load`` writes the core rows itself: every numbered item of the report becomes a
section whose whole text is one paragraph, with PDF line breaks re-joined.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from policyledger.store import connect, transaction

_MARKER = re.compile(
    r"^\s*(?P<m>(?P<l1>[壹貳參肆伍陸柒捌玖拾]+)、|(?P<l2>[一二三四五六七八九十]+)、"
    r"|(?P<l3>[（(][一二三四五六七八九十]+[）)])|(?P<l4>[0-9０-９]+)、|(?P<l5>[（(][0-9０-９]+[）)]))\s*"
)
_PAGE = re.compile(r"^\s*[-－]?\s*\d{1,3}\s*[-－]?\s*$")


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if a[-1].isascii() and b[:1].isascii() and a[-1].isalnum() and b[:1].isalnum():
        return a + " " + b
    return a + b


def simple_load(conn: sqlite3.Connection, path: Path, *, period: str = "107年3月") -> str:
    """Store ``path`` as one report (sections = numbered items); index it; return its id."""
    raw = path.read_bytes()
    report_id = hashlib.sha256(raw).hexdigest()
    items: list[tuple[int, str, str]] = []  # level, marker, text
    for line in raw.decode("utf-8").splitlines():
        if not line.strip() or _PAGE.match(line):
            continue
        m = _MARKER.match(line)
        if m:
            level = next(i for i in range(1, 6) if m.group(f"l{i}"))
            items.append((level, m.group("m"), line[m.end() :].strip()))
        elif items:
            lv, mk, t = items[-1]
            items[-1] = (lv, mk, _join(t, line.strip()))
        else:
            items.append((0, "", line.strip()))

    text_parts: list[str] = []
    pos = 0
    sections: list[tuple[int, str, int | None, int, str, str, int, int, int]] = []
    paragraphs: list[tuple[int, int | None, int, int, int, str]] = []
    stack: list[tuple[int, int, str]] = []  # level, section index, path
    counters: dict[str, int] = {}
    for level, marker, body in items:
        start = pos
        line = f"{marker}{body}"
        text_parts.append(line + "\n")
        pos += len(line) + 1
        if level == 0:
            paragraphs.append((len(paragraphs), None, start, start + len(line), 0, line))
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        canon = marker.rstrip("、").replace("(", "（").replace(")", "）")
        spath = f"{parent[2]}/{canon}" if parent else canon
        counters[spath] = counters.get(spath, 0) + 1
        if counters[spath] > 1:
            spath += f"~{counters[spath]}"
        title = body if len(body) <= 40 else body.split("：")[0][:40]
        idx = len(sections)
        sections.append(
            (idx, spath, parent[1] if parent else None, level, marker, title, start,
             start + len(marker) + len(title), start + len(line))
        )  # fmt: skip
        stack.append((level, idx, spath))
        if len(body) > len(title):
            b_start = start + len(marker)
            paragraphs.append((len(paragraphs), idx, b_start, start + len(line), 0, body))
    text = "".join(text_parts)

    with transaction(conn):
        conn.execute(
            "INSERT INTO reports (id, title, ministry, period, report_date, file_name, "
            "source_format, encoding, text, warnings, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (report_id, path.stem, "經濟部", period, None, path.name, "text", "utf-8", text, "[]",
             datetime.now(UTC).isoformat()),
        )  # fmt: skip
        base = conn.execute("SELECT coalesce(max(id), 0) FROM sections").fetchone()[0] + 1
        for idx, spath, parent_idx, level, marker, title, s, he, e in sections:
            conn.execute(
                "INSERT INTO sections (id, report_id, ord, path, parent_id, level, marker, number,"
                " title, start, heading_end, end, page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (base + idx, report_id, idx, spath, None if parent_idx is None else base + parent_idx,
                 level, marker, 1, title, s, he, e, None),
            )  # fmt: skip
        pbase = conn.execute("SELECT coalesce(max(id), 0) FROM paragraphs").fetchone()[0] + 1
        for ord_, sidx, s, e, idx, ptext in paragraphs:
            assert text[s:e] == ptext
            conn.execute(
                "INSERT INTO paragraphs (id, report_id, section_id, ord, idx, start, end, page, text)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (pbase + ord_, report_id, None if sidx is None else base + sidx, ord_, idx, s, e,
                 None, ptext),
            )  # fmt: skip
        from policyledger.search import index_report

        index_report(conn, report_id)
    return report_id


def ledger_with(paths: list[Path]) -> sqlite3.Connection:
    """An in-memory ledger holding ``paths``, through the real pipeline when it exists.

    Only the search analyser runs: the other analysers are other features' business and
    may be half-built in a working tree.
    """
    conn = connect(":memory:")
    try:
        from policyledger.ingest import load_document
        from policyledger.pipeline import ingest_document
    except ImportError:
        for p in paths:
            simple_load(conn, p)
        return conn
    for p in paths:
        ingest_document(conn, load_document(p), analysers=["policyledger.search:index_report"])
    return conn


def test_simple_load_keeps_offsets(report_2018: Path) -> None:
    conn = connect(":memory:")
    rid = simple_load(conn, report_2018)
    text = conn.execute("SELECT text FROM reports WHERE id = ?", (rid,)).fetchone()[0]
    rows = conn.execute("SELECT start, end, text FROM paragraphs").fetchall()
    assert len(rows) > 300
    assert all(text[s:e] == t for s, e, t in rows)
    # Line breaks inside words are joined: 智\n\n慧機械 reads 智慧機械.
    assert "第二期為智慧機械園區" in text
