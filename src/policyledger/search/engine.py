"""Answering a query: FTS5 BM25 over bigram phrases, re-ranked by how much of it matched.

Each query word (jieba cuts free text; quoted text stays whole) becomes one FTS5 phrase of
bigrams. Candidates come from one OR query ranked by BM25, so a typed question whose
filler words appear nowhere still finds its paragraph; the score is then scaled by the
share of query words the passage contains, so passages holding all the words come
first. Figure conditions (``unit:kW >= 1000000 modality:target``) filter through the
``quantities`` table.
"""

from __future__ import annotations

import itertools
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from policyledger.errors import QueryError
from policyledger.search import segment, synonyms
from policyledger.search.query import (
    Filters,
    ParsedQuery,
    normalise_modality,
    normalise_unit,
    normalise_year,
    parse,
)
from policyledger.search.results import Figure, Fragment, Hit, SearchResults, Span
from policyledger.search.text import (
    Needle,
    TokenKey,
    compact,
    fold,
    fts_phrase,
    is_cjk,
    runs,
    squeeze,
)

# BM25 weights of the FTS columns: the passage itself, and the titles above it.
BODY_WEIGHT = 1.0
HEADING_WEIGHT = 0.3
# A query word found only in the titles above a passage (僑外投資 over a paragraph that
# lists the countries) counts this much toward the passage's coverage.
HEADING_COVERAGE = 1.0
# Neighbouring query words at most NEAR_CHARS apart raise a passage's score by up to
# PROXIMITY_BONUS (all neighbours together: x 1.5).
NEAR_CHARS = 4
PROXIMITY_BONUS = 0.5
# How many BM25 candidates are re-ranked; more costs latency on large ledgers.
CANDIDATES = 60
# bm25() costs about a microsecond per matching passage. Words found in more than
# COMMON_DOCS passages are left out of candidate generation when the query has rarer
# ones (they still count in re-ranking), and at most SCAN_CAP matches, the most recently
# indexed, are scored. On one report neither limit is ever reached.
COMMON_DOCS = 1000
SCAN_CAP = 1000
SNIPPET_CHARS = 160
# A typed word of up to this many characters that jieba cuts but a report writes whole
# stays one query word.
WHOLE_WORD_MAX = 4
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class _Unit:
    """One query word: it matches a passage holding any of its keys."""

    text: str  # folded, as typed
    keys: tuple[TokenKey, ...]  # the word, then its synonyms, as the index holds them
    marks: tuple[Needle, ...]  # the same, compacted, to highlight in the folded text
    phrase: str  # the FTS5 expression: one phrase, or alternatives joined by OR

    def found_in(self, padded: str) -> bool:
        return any(k.text in padded for k in self.keys)


_terms_seen: set[tuple[object, ...]] = set()


def _load_domain_terms(conn: sqlite3.Connection) -> None:
    # Re-read the dictionary only when this ledger's set of reports changed since we last
    # looked: the count of reports and the newest one's id (a content hash, so two
    # in-memory ledgers never share a key) move with every ingest.
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    count = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    last = conn.execute("SELECT id FROM reports ORDER BY rowid DESC LIMIT 1").fetchone()
    key = (path, count, last[0] if last else None)
    if key in _terms_seen:
        return
    segment.add_terms(r[0] for r in conn.execute("SELECT DISTINCT term FROM search_terms"))
    _terms_seen.add(key)


def _units(parsed: ParsedQuery, conn: sqlite3.Connection) -> list[_Unit]:
    texts: list[str] = []
    for p in parsed.phrases:
        texts.append(fold(p))
    free = [fold(w) for w in parsed.words]
    if any(any(is_cjk(c) for c in w) for w in free):
        _load_domain_terms(conn)
    for w in free:
        if not any(is_cjk(c) for c in w):
            # Latin words and numbers need no segmenter (and jieba would split 54.4).
            texts.extend(r.text for r in runs(w) if not segment.is_question_word(r.text))
            continue
        words = _glue(segment.segment(w))
        kept = [x for x in words if not segment.is_question_word(x)]
        # A lone character (新 of 新南向 when the dictionary lacks the name) matches
        # nearly everything and costs a prefix scan; it counts only if it is all there is.
        longer = [x for x in kept if len(x) > 1 or not is_cjk(x)]
        pieces = longer or kept or words
        if len(words) > 1 and kept == words and _written_whole(conn, w):
            # 達成率, 信保基金, 風力發電: a short word jieba cuts in two but the reports
            # write as typed is one word, and counts once toward coverage.
            pieces = [w]
        texts.extend(pieces)
    out: list[_Unit] = []
    seen: set[str] = set()
    quoted = {fold(p) for p in parsed.phrases}
    for t in texts:
        key = squeeze(t)
        phrase = fts_phrase(t)
        if phrase is None or key in seen:
            continue
        seen.add(key)
        # A quoted phrase means exactly that text; free words also find their synonyms.
        alts = [] if t in quoted else [a for a in synonyms.alternatives(t) if fts_phrase(a)]
        forms = (t, *alts)
        keys = tuple(k for x in forms if (k := TokenKey.of(x)) is not None)
        marks = tuple(Needle.of(squeeze(x)) for x in forms)
        phrases = [phrase, *(alt for a in alts if (alt := fts_phrase(a)) is not None)]
        expr = phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"
        out.append(_Unit(t, keys, marks, expr))
    return out


def _written_whole(conn: sqlite3.Connection, word: str) -> bool:
    """Whether ``word``, three or four Chinese characters, occurs as written somewhere."""
    if not 3 <= len(word) <= WHOLE_WORD_MAX or not all(is_cjk(c) for c in word):
        return False
    phrase = fts_phrase(word)
    row = conn.execute(
        "SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1", (phrase,)
    ).fetchone()
    return row is not None


def _is_glue(word: str) -> bool:
    return word.replace(".", "").isdigit() or (len(word) == 1 and is_cjk(word))


def _glue(words: list[str]) -> list[str]:
    """Join a number with the single characters around it: jieba cuts 第7號機組 into
    第 / 7 / 号 / 机组, and 第 or 号 alone would match nearly every passage. Join
    neighbouring single characters too: a word jieba does not know comes out one
    character at a time (台電 → 台 / 电, 占比 → 占 / 比), and is worth more whole than
    dropped. A question word or particle (的, 了) is not glued to anything but a number."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if any(x.replace(".", "").isdigit() for x in run) and len(run) > 1:
            out.append("".join(run))
        else:
            chars: list[str] = []
            for x in [*run, ""]:
                if x and not segment.is_question_word(x):
                    chars.append(x)
                    continue
                if len(chars) > 1:
                    out.append("".join(chars))
                else:
                    out.extend(chars)
                chars.clear()
                if x:
                    out.append(x)
        run.clear()

    for w in words:
        if _is_glue(w):
            run.append(w)
        else:
            flush()
            out.append(w)
    flush()
    return out


def _filters(
    parsed: ParsedQuery,
    report: str | None,
    chapter: str | None,
    year: int | str | None,
    unit: str | None,
    modality: str | None,
) -> Filters:
    given = Filters(
        report=report or None,
        chapter=chapter or None,
        year=normalise_year(year) if year not in (None, "") else None,
        unit=normalise_unit(unit) if unit else None,
        modality=normalise_modality(modality) if modality else None,
    )
    return given.merged(parsed.filters)


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(
    parsed: ParsedQuery, f: Filters, *, figures: bool = True
) -> tuple[list[str], list[object]]:
    where: list[str] = []
    args: list[object] = []
    if f.report:
        where.append("(p.report_id = ? OR p.report_id LIKE ? ESCAPE '\\')")
        args += [f.report, _like_escape(f.report.lower()) + "%"]
    if f.chapter:
        c = f.chapter.strip()
        where.append(
            "(p.section_path = ? OR p.section_path LIKE ? ESCAPE '\\' "
            "OR p.chapter_title LIKE ? ESCAPE '\\')"
        )
        args += [c, _like_escape(c) + "/%", "%" + _like_escape(c) + "%"]
    if f.year:
        where.append("p.year = ?")
        args.append(f.year)
    fig_sql, fig_args = _figure_where(parsed, f)
    if fig_sql and figures:
        where.append(
            f"EXISTS (SELECT 1 FROM quantities q WHERE q.paragraph_id = p.paragraph_id AND {fig_sql})"
        )
        args += fig_args
    return where, args


def _figure_where(parsed: ParsedQuery, f: Filters) -> tuple[str, list[object]]:
    conds: list[str] = []
    args: list[object] = []
    if f.unit:
        conds.append("q.unit = ?")
        args.append(f.unit)
    if f.modality:
        conds.append("q.modality = ?")
        args.append(f.modality)
    if parsed.figure:
        conds.append(parsed.figure.sql())
        args.append(parsed.figure.value)
    return " AND ".join(conds), args


_PASSAGE_COLUMNS = """
    p.id, p.report_id, coalesce(r.title, r.file_name), p.section_id, p.section_path, s.title, p.chapter_title,
    p.paragraph_id, p.ord, p.kind, p.start, p.end,
    coalesce(pa.text, p.text)
"""
_PASSAGE_JOINS = """
    JOIN reports r ON r.id = p.report_id
    LEFT JOIN sections s ON s.id = p.section_id
    LEFT JOIN paragraphs pa ON pa.id = p.paragraph_id
"""


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    report: str | None = None,
    chapter: str | None = None,
    year: int | str | None = None,
    unit: str | None = None,
    modality: str | None = None,
    limit: int = 20,
) -> SearchResults:
    """Search every indexed report. Filters given here and in the query text combine.

    Raises :class:`~policyledger.errors.QueryError` for an unknown unit, modality or year;
    any text, including FTS5 syntax and stray quotes, is searched for as text.
    """
    if limit < 1:
        raise QueryError("limit must be at least 1")
    limit = min(limit, MAX_LIMIT)
    parsed = parse(query)
    f = _filters(parsed, report, chapter, year, unit, modality)
    parsed = ParsedQuery(parsed.raw, parsed.words, parsed.phrases, f, parsed.figure)
    units = _units(parsed, conn)
    where, args = _where(parsed, f)

    if units:
        rows = _text_candidates(conn, units, where, args, max(CANDIDATES, limit))
    elif parsed.wants_figures or not f.is_empty():
        # The figure condition joins quantities directly there; no EXISTS on top.
        where, args = _where(parsed, f, figures=False)
        rows = _figure_candidates(conn, parsed, f, where, args, limit)
    else:
        rows = []

    kept = rows[:limit]
    # Fold the shown passages in one OpenCC call (offsets are kept, so highlights found
    # in the folded text point into the original).
    joined = "\n".join(str(r[12]).replace("\n", " ") for r, _ in kept)
    folded = fold(joined).split("\n") if kept else []
    hits = [
        _hit(conn, row, score, units, parsed, f, ftext)
        for (row, score), ftext in zip(kept, folded, strict=True)
    ]
    return SearchResults(parsed, tuple(u.text for u in units), tuple(hits))


def _doc_counts(conn: sqlite3.Connection, units: Sequence[_Unit]) -> list[int]:
    """How many passages match each unit, counted up to COMMON_DOCS + 1 only, so asking
    costs a fraction of a millisecond even for a word in every report."""
    return [
        int(
            conn.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                "LIMIT ?)",
                (u.phrase, COMMON_DOCS + 1),
            ).fetchone()[0]
        )
        for u in units
    ]


def _match_expressions(units: Sequence[_Unit], counts: Sequence[int]) -> list[str]:
    """The MATCH expressions that generate candidates, tried in order.

    Uncommon words alone when the query has some (the common ones still count when
    re-ranking); when every word is common, first the passages holding all of them,
    then any of them.
    """
    if len(units) < 2:
        return [u.phrase for u in units]
    rare = [u for u, n in zip(units, counts, strict=True) if n <= COMMON_DOCS]
    if rare:
        return [" OR ".join(u.phrase for u in rare)]
    return [" AND ".join(u.phrase for u in units), " OR ".join(u.phrase for u in units)]


def _weights(conn: sqlite3.Connection, counts: Sequence[int]) -> list[float]:
    """How much each query word counts toward coverage: its inverse document frequency
    (BM25's), so holding the rare word of a query (囤地) counts for more than holding a
    common one (政府, 處理). A word found nowhere weighs nothing: it cannot tell passages
    apart. Counts stop at COMMON_DOCS + 1, so on a large ledger every common word gets
    the same small weight."""
    total = conn.execute("SELECT coalesce(max(id), 0) FROM search_passages").fetchone()[0]
    return [math.log(1 + (total - n + 0.5) / (n + 0.5)) if n else 0.0 for n in counts]


def _text_candidates(
    conn: sqlite3.Connection,
    units: Sequence[_Unit],
    where: list[str],
    args: list[object],
    keep: int,
) -> list[tuple[sqlite3.Row, float]]:
    # Score matches newest first up to SCAN_CAP on the FTS table alone (joined only when
    # a filter needs it), keep the best ``keep``, then load just those rows:
    # materialising text for every match before sorting is what makes common words slow.
    join = "JOIN search_passages p ON p.id = search_fts.rowid" if where else ""
    sql = (
        f"SELECT search_fts.rowid, bm25(search_fts, {BODY_WEIGHT}, {HEADING_WEIGHT}) AS score "
        f"FROM search_fts {join} WHERE search_fts MATCH ? "
        f"{''.join(' AND ' + w for w in where)} ORDER BY search_fts.rowid DESC LIMIT {SCAN_CAP}"
    )
    counts = _doc_counts(conn, units) if len(units) > 1 else [1]
    bm25: dict[int, float] = {}
    for match in _match_expressions(units, counts):
        try:
            scanned = conn.execute(sql, [match, *args]).fetchall()
        except sqlite3.OperationalError as exc:  # pragma: no cover - our MATCH is valid
            raise QueryError(f"search failed: {exc}") from exc
        for rowid, score in sorted(scanned, key=lambda r: float(r[1]))[:keep]:
            bm25.setdefault(int(rowid), float(score))
        if len(bm25) >= keep:
            break
    ranked = list(bm25.items())
    if not ranked:
        return []
    marks = ",".join("?" * len(bm25))
    rows = conn.execute(
        f"SELECT {_PASSAGE_COLUMNS} FROM search_passages p {_PASSAGE_JOINS} "
        f"WHERE p.id IN ({marks})",
        list(bm25),
    ).fetchall()
    # Coverage is judged on the indexed text itself (a labelled item's label is part of
    # its body there), read back from the FTS table: no second folding of the passages.
    indexed = {
        int(r[0]): (f" {r[1] or ''} ", f" {r[2] or ''} ")
        for r in conn.execute(
            f"SELECT rowid, body, heading FROM search_fts WHERE rowid IN ({marks})", list(bm25)
        )
    }
    weights = _weights(conn, counts)
    possible = sum(weights) or 1.0
    scored: list[tuple[sqlite3.Row, float]] = []
    for row in rows:
        body, heading = indexed.get(row[0], ("", ""))
        covered = 0.0
        for u, w in zip(units, weights, strict=True):
            if u.found_in(body):
                covered += w
            elif u.found_in(heading):
                covered += w * HEADING_COVERAGE
        share = covered / possible
        # bm25() is negative (smaller is better); scale its magnitude by coverage so a
        # passage holding every query word outranks one repeating a single word, and by
        # how many neighbouring query words stand together in it.
        near = _proximity(units, body) if len(units) > 1 else 0.0
        scored.append(
            (row, -bm25[row[0]] * (0.25 + 0.75 * share * share) * (1 + PROXIMITY_BONUS * near))
        )
    scored.sort(key=lambda rs: (-rs[1], rs[0][1], rs[0][8]))
    return scored


def _proximity(units: Sequence[_Unit], padded: str) -> float:
    """Share of neighbouring query words (as typed) found at most NEAR_CHARS apart, in
    either order: 風力發電產業投資 answers 風力發電 投資 better than a passage with
    風力發電 in one sentence and 投資 in another. Counted in index tokens: between two
    words n characters apart stand n + 1 bigrams."""
    spans = [[sp for k in u.keys for sp in k.spans(padded)] for u in units]
    close = 0
    for left, right in itertools.pairwise(spans):
        if any(max(b0 - a1, a0 - b1) <= NEAR_CHARS + 1 for a0, a1 in left for b0, b1 in right):
            close += 1
    return close / (len(units) - 1)


def _figure_candidates(
    conn: sqlite3.Connection,
    parsed: ParsedQuery,
    f: Filters,
    where: list[str],
    args: list[object],
    limit: int,
) -> list[tuple[sqlite3.Row, float]]:
    fig_sql, fig_args = _figure_where(parsed, f)
    if fig_sql:
        # Largest figures first: "which targets exceed 1 GW" wants the big ones on top.
        sql = (
            f"SELECT p.id, max(q.value) AS score FROM quantities q "
            f"JOIN search_passages p ON p.paragraph_id = q.paragraph_id "
            f"WHERE {fig_sql} {''.join(' AND ' + w for w in where)} "
            f"GROUP BY p.id ORDER BY score DESC, p.report_id, p.ord LIMIT ?"
        )
        picked = conn.execute(sql, [*fig_args, *args, limit]).fetchall()
    else:
        sql = (
            f"SELECT p.id, 0.0 FROM search_passages p WHERE {' AND '.join(where)} "
            f"ORDER BY p.report_id, p.start LIMIT ?"
        )
        picked = conn.execute(sql, [*args, limit]).fetchall()
    # Columns are loaded for the kept passages only (see _text_candidates).
    score = {int(r[0]): float(r[1]) for r in picked}
    if not score:
        return []
    rows = conn.execute(
        f"SELECT {_PASSAGE_COLUMNS} FROM search_passages p {_PASSAGE_JOINS} "
        f"WHERE p.id IN ({','.join('?' * len(score))})",
        list(score),
    ).fetchall()
    order = {pid: n for n, pid in enumerate(score)}
    rows.sort(key=lambda r: order[r[0]])
    return [(r, score[r[0]]) for r in rows]


def _hit(
    conn: sqlite3.Connection,
    row: sqlite3.Row,
    score: float,
    units: Sequence[_Unit],
    parsed: ParsedQuery,
    f: Filters,
    folded: str,
) -> Hit:
    text: str = row[12]
    start: int = row["start"]
    term_spans = _term_spans(folded, units)
    figures: list[Figure] = []
    if row["paragraph_id"] is not None:
        fig_sql, fig_args = _figure_where(parsed, f)
        matched_expr = f"({fig_sql})" if fig_sql else "0"
        for q in conn.execute(
            f"SELECT q.id, q.text, q.start, q.end, q.value, q.unit, q.modality, q.qualifier, "
            f"q.role, {matched_expr} AS matched FROM quantities q "
            f"WHERE q.paragraph_id = ? ORDER BY q.start",
            [*fig_args, row["paragraph_id"]],
        ):
            rs, re_ = q["start"] - start, q["end"] - start
            if 0 <= rs < re_ <= len(text):
                figures.append(
                    Figure(
                        q["id"],
                        q["text"],
                        rs,
                        re_,
                        q["value"],
                        q["unit"],
                        q["modality"],
                        q["qualifier"],
                        q["role"],
                        bool(q["matched"]),
                    )
                )
    fig_spans = [
        Span(fg.start, fg.end, "figure") for fg in figures if fg.matched or not parsed.wants_figures
    ]
    spans = _merge(term_spans + fig_spans)
    return Hit(
        report_id=row["report_id"],
        report_title=row[2],
        section_id=row["section_id"],
        section_path=row["section_path"],
        section_title=row[5],
        chapter_title=row["chapter_title"],
        paragraph_id=row["paragraph_id"],
        ord=row["ord"] if row["kind"] == "paragraph" else None,
        kind=row["kind"],
        text=text,
        start=start,
        end=row["end"],
        score=score,
        snippet=_snippet(text, spans),
        highlights=tuple(spans),
        figures=tuple(figures),
    )


def _term_spans(folded: str, units: Sequence[_Unit]) -> list[Span]:
    body, offsets = compact(folded)
    spans: list[Span] = []
    for u in units:
        for needle in u.marks:
            n = len(needle.key)
            spans.extend(
                Span(offsets[i], offsets[i + n - 1] + 1, "term") for i in needle.positions(body)
            )
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    # Terms win over figures where they overlap; overlapping terms are joined.
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.kind != "term", -s.end)):
        if out and s.start < out[-1].end:
            last = out[-1]
            if s.kind == last.kind and s.end > last.end:
                out[-1] = Span(last.start, s.end, last.kind)
            continue
        out.append(s)
    return out


def _snippet(text: str, spans: list[Span]) -> tuple[Fragment, ...]:
    """A window of about SNIPPET_CHARS around the densest cluster of marks."""
    lo, hi = 0, len(text)
    if len(text) > SNIPPET_CHARS:
        anchor = 0
        if spans:
            # Start where the window covers the most marks.
            best = max(
                range(len(spans)),
                key=lambda i: sum(
                    1 for s in spans if spans[i].start <= s.start < spans[i].start + SNIPPET_CHARS
                ),
            )
            anchor = spans[best].start
        lo = max(0, anchor - 30)
        # Back up to a sentence start when one is near, so the snippet reads cleanly.
        for k in range(anchor - 1, max(-1, anchor - 60), -1):
            if k >= 0 and text[k] in "。；：\n":
                lo = k + 1
                break
        hi = min(len(text), lo + SNIPPET_CHARS)
    frags: list[Fragment] = []
    if lo > 0:
        frags.append(Fragment("…"))
    pos = lo
    for s in spans:
        if s.end <= lo or s.start >= hi:
            continue
        a, b = max(s.start, lo), min(s.end, hi)
        if a > pos:
            frags.append(Fragment(text[pos:a]))
        frags.append(Fragment(text[a:b], s.kind))
        pos = b
    if pos < hi:
        frags.append(Fragment(text[pos:hi]))
    if hi < len(text):
        frags.append(Fragment("…"))
    return tuple(frags)
