"""Writing a report into the search index (called by the pipeline inside its transaction).

Kept cheap on purpose: folding and bigrams are linear string work (≈30 ms for the
168 kB 2018 report); no segmenter runs at ingest. Re-indexing a report replaces its rows.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from policyledger.errors import NotFound
from policyledger.search.segment import domain_terms
from policyledger.search.text import fold, index_string

# A heading becomes a passage of its own when it is a sentence rather than a title:
# items like "1、 連結在地：臺中市政府規劃…" carry their content on the heading line.
HEADING_PASSAGE_MIN_CHARS = 20
# Keep the domain dictionary small: jieba's add_word is cheap, but every term costs
# memory in every process that answers queries.
MAX_TERMS_PER_REPORT = 400


@dataclass(frozen=True, slots=True)
class _Section:
    id: int
    path: str
    parent_id: int | None
    level: int
    title: str
    start: int
    heading_end: int


def report_year(report_date: str | None, period: str | None) -> int | None:
    """The report's Western year, from its ISO date or its period as written (107年3月)."""
    if report_date and re.match(r"\d{4}", report_date):
        return int(report_date[:4])
    if period and (m := re.search(r"(\d{2,4})\s*年", period)):
        y = int(m.group(1))
        return y + 1911 if y < 1911 else y
    return None


def _is_label_of(sec: _Section, para_start: int) -> bool:
    """Whether ``sec``'s heading is a label (「產創修法增訂：」) whose text goes on, on the
    same line, as the paragraph starting at ``para_start``."""
    return sec.heading_end == para_start and sec.heading_end > sec.start


def index_report(conn: sqlite3.Connection, report_id: str) -> int:
    """(Re)build the search rows of one stored report; return the number of passages.

    Runs inside the caller's transaction and does not commit.
    """
    rep = conn.execute(
        "SELECT text, period, report_date FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    if rep is None:
        raise NotFound(f"report {report_id} is not in the ledger")
    text: str = rep[0]
    # Fold the whole report once (one OpenCC call) and slice passages out of it.
    folded = fold(text)
    year = report_year(rep[2], rep[1])

    conn.execute("DELETE FROM search_passages WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM search_terms WHERE report_id = ?", (report_id,))

    sections = {
        r[0]: _Section(r[0], r[1], r[2], r[3], r[4], r[5], r[6])
        for r in conn.execute(
            "SELECT id, path, parent_id, level, title, start, heading_end FROM sections "
            "WHERE report_id = ? ORDER BY ord",
            (report_id,),
        )
    }

    # Every section title folded in one OpenCC call rather than one call per section.
    # (A report without headings has no titles: "".split("\n") would still give one.)
    ids = list(sections)
    folded_titles = (
        dict(
            zip(
                ids,
                fold("\n".join(sections[i].title.replace("\n", " ") for i in ids)).split("\n"),
                strict=True,
            )
        )
        if ids
        else {}
    )

    def lineage(sid: int | None) -> list[_Section]:
        out: list[_Section] = []
        while sid is not None and sid in sections:
            out.append(sections[sid])
            sid = sections[sid].parent_id
        return out[::-1]

    heading_cache: dict[int | None, tuple[str | None, str | None, str]] = {}

    def context(sid: int | None) -> tuple[str | None, str | None, str]:
        if sid not in heading_cache:
            chain = lineage(sid)
            heading_cache[sid] = (
                chain[-1].path if chain else None,
                chain[0].title if chain else None,
                index_string(" ".join(folded_titles[s.id] for s in chain), folded=True),
            )
        return heading_cache[sid]

    rows: list[tuple[object, ...]] = []
    fts: list[tuple[str, str]] = []
    with_paragraphs: set[int] = set()
    for pid, sid, ord_, start, end, ptext in conn.execute(
        "SELECT id, section_id, ord, start, end, text FROM paragraphs "
        "WHERE report_id = ? ORDER BY ord",
        (report_id,),
    ):
        path, chapter, heading = context(sid)
        rows.append((report_id, sid, pid, "paragraph", ord_, start, end, path, chapter, year, None))
        if text[start:end] == ptext:
            body = folded[start:end]
            if (
                sid is not None
                and sid not in with_paragraphs
                and _is_label_of(sections[sid], start)
            ):
                # 「4、 大潭電廠增建…機組：裝置容量 60 萬瓩…」 is one paragraph in the report;
                # the outline keeps its label as the section title. Its words belong to
                # the paragraph's body, not only to the lightly weighted titles above.
                body = folded_titles[sid] + "：" + folded[start:end]
            body = index_string(body, folded=True)
        else:  # a paragraph whose offsets do not match the report text: index it as stored
            body = index_string(ptext)
        fts.append((body, heading))
        if sid is not None:
            with_paragraphs.add(sid)

    for sec in sections.values():
        head = text[sec.start : sec.heading_end]
        # A heading is its own passage only when nothing else carries its words: a
        # section with paragraphs has its title in their heading column already, and a
        # second copy would only push a duplicate up the ranking.
        if len(head.strip()) < HEADING_PASSAGE_MIN_CHARS or sec.id in with_paragraphs:
            continue
        path, chapter, _ = context(sec.id)
        parent_heading = context(sec.parent_id)[2]
        rows.append(
            (
                report_id,
                sec.id,
                None,
                "heading",
                -1,
                sec.start,
                sec.heading_end,
                path,
                chapter,
                year,
                head,
            )
        )
        fts.append((index_string(folded[sec.start : sec.heading_end], folded=True), parent_heading))

    first_id = (conn.execute("SELECT coalesce(max(id), 0) FROM search_passages").fetchone()[0]) + 1
    conn.executemany(
        "INSERT INTO search_passages (id, report_id, section_id, paragraph_id, kind, ord, start, "
        "end, section_path, chapter_title, year, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first_id + k, *r) for k, r in enumerate(rows)],
    )
    conn.executemany(
        "INSERT INTO search_fts (rowid, body, heading) VALUES (?, ?, ?)",
        [(first_id + k, b, h) for k, (b, h) in enumerate(fts)],
    )

    terms = domain_terms(text, MAX_TERMS_PER_REPORT)
    conn.executemany(
        "INSERT OR IGNORE INTO search_terms (report_id, term) VALUES (?, ?)",
        [(report_id, t) for t in terms],
    )
    return len(rows)
