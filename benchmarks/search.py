"""Search benchmarks (issue 5).

    python benchmarks/search.py                # 1,000-report ledger: build time, size, latency
    python benchmarks/search.py --reports 200  # a smaller ledger
    python benchmarks/search.py --compare      # segmenters compared on the golden questions

The ledger holds the seven real reports (through the real pipeline) plus generated
variants of them: each variant is a real report with its digits rotated (so figures and
numbers differ while every offset stays valid), a random 70–100 % of its paragraphs,
and a report year between 2006 and 2018. Indexing runs ``search.index_report`` per
report, as ingest does; latency is measured over a fixed query list after one warm-up
pass (jieba's dictionary loads once per process and is not part of any query's time).

``--compare`` indexes the 2018 report four ways and scores the golden questions in
tests/golden/search-questions.json (top-1, top-5, MRR) with the same BM25 + coverage
ranking, plus the time each tokeniser needs for the report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
GOLDEN = REPO / "tests" / "golden" / "search-questions.json"

QUERIES: tuple[str, ...] = (
    "離岸風電 目標",
    "风力发电 投资",
    "Siemens Gamesa",
    "電價",
    "綠能",
    "風電",
    "太陽光電 設置目標",
    "中小企業 信保基金",
    "僑外投資 核准",
    "對外貿易總額",
    "自來水 漏水率",
    "「綠能科技產業推動中心」",
    "政府對離岸風電的設置目標是多少？",
    "台電公司 離岸風力發電第一期計畫 投資金額多少？",
    "CPTPP",
    "新南向 產業合作",
    "智慧機械",
    "投資",
    "unit:kW >= 1000000 modality:target",
    "unit:TWD >= 100億 石化",
    "電價 chapter:拾 year:2018",
    "就業 year:2010",
    '"OR" 電價 NEAR(費率 公式)*',
    "核電廠 除役",
)


# --- building the 1,000-report ledger ------------------------------------------------------


def _rotate_digits(text: str, k: int) -> str:
    table = str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
    return text.translate(table)


def _copy_report(conn: sqlite3.Connection, base: str, n: int, rng: random.Random) -> str:
    """Write variant ``n`` of report ``base``; return its id."""
    rep = conn.execute("SELECT * FROM reports WHERE id = ?", (base,)).fetchone()
    k = 1 + n % 9
    new_id = hashlib.sha256(f"{base}-{n}".encode()).hexdigest()
    year = 2006 + n % 13
    conn.execute(
        "INSERT INTO reports (id, title, ministry, period, report_date, file_name, source_format,"
        " encoding, text, warnings, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            new_id,
            f"{rep['title'] or 'report'}（變體 {n}）",
            rep["ministry"],
            f"{year - 1911}年",
            None,
            f"variant-{n}.txt",
            rep["source_format"],
            rep["encoding"],
            _rotate_digits(rep["text"], k),
            "[]",
            datetime.now(UTC).isoformat(),
        ),
    )
    sec_map: dict[int, int] = {}
    next_sec = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sections").fetchone()[0]
    for s in conn.execute("SELECT * FROM sections WHERE report_id = ? ORDER BY ord", (base,)):
        sec_map[s["id"]] = next_sec
        conn.execute(
            "INSERT INTO sections (id, report_id, ord, path, parent_id, level, marker, number,"
            " title, start, heading_end, end, page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                next_sec, new_id, s["ord"], s["path"],
                sec_map.get(s["parent_id"]) if s["parent_id"] else None,
                s["level"], s["marker"], s["number"], _rotate_digits(s["title"], k),
                s["start"], s["heading_end"], s["end"], s["page"],
            ),
        )  # fmt: skip
        next_sec += 1
    keep = rng.uniform(0.7, 1.0)
    para_map: dict[int, int] = {}
    next_para = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraphs").fetchone()[0]
    rows = []
    for p in conn.execute("SELECT * FROM paragraphs WHERE report_id = ? ORDER BY ord", (base,)):
        if rng.random() > keep:
            continue
        para_map[p["id"]] = next_para
        rows.append(
            (
                next_para, new_id, sec_map.get(p["section_id"]) if p["section_id"] else None,
                p["ord"], p["idx"], p["start"], p["end"], p["page"], _rotate_digits(p["text"], k),
            )
        )  # fmt: skip
        next_para += 1
    conn.executemany(
        "INSERT INTO paragraphs (id, report_id, section_id, ord, idx, start, end, page, text)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        rows,
    )
    # Quantities need a sentence row; one sentence per kept paragraph is enough here.
    next_sent = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0]
    sent_of: dict[int, int] = {}
    sents = []
    for r in rows:
        sent_of[r[0]] = next_sent
        sents.append((next_sent, new_id, r[2], r[0], 0, r[5], r[6], r[8]))
        next_sent += 1
    conn.executemany(
        "INSERT INTO sentences (id, report_id, section_id, paragraph_id, idx, start, end, text)"
        " VALUES (?,?,?,?,?,?,?,?)",
        sents,
    )
    qrows = []
    scale = rng.uniform(0.5, 2.0)
    for q in conn.execute("SELECT * FROM quantities WHERE report_id = ?", (base,)):
        pid = para_map.get(q["paragraph_id"])
        if pid is None:
            continue
        qrows.append(
            (
                new_id, sec_map.get(q["section_id"]) if q["section_id"] else None, pid,
                sent_of[pid], _rotate_digits(q["text"], k), q["start"], q["end"],
                q["value"] * scale, q["unit"], q["raw_unit"], q["qualifier"], q["role"],
                q["modality"], q["precision"],
            )
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO quantities (report_id, section_id, paragraph_id, sentence_id, text, start,"
        " end, value, unit, raw_unit, qualifier, role, modality, precision)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        qrows,
    )
    return new_id


def build_ledger(path: Path, n_reports: int, seed: int = 107) -> dict[str, float]:
    from policyledger.ingest import load_document
    from policyledger.pipeline import ingest_document
    from policyledger.search import index_report
    from policyledger.store import connect, transaction

    conn = connect(path)
    real = sorted(CORPUS.glob("*.txt"))
    t_ingest = time.perf_counter()
    bases = []
    for p in real:
        # The real reports go through the real pipeline (facts included); the search
        # analyser is timed separately below, so ingest runs without analysers.
        res = ingest_document(conn, load_document(p), analysers=[])
        bases.append(res.report_id)
    t_ingest = time.perf_counter() - t_ingest

    rng = random.Random(seed)
    t_copy = time.perf_counter()
    ids = list(bases)
    with transaction(conn):
        for n in range(n_reports - len(bases)):
            ids.append(_copy_report(conn, bases[n % len(bases)], n, rng))
    t_copy = time.perf_counter() - t_copy

    per_report = []
    chars = 0
    t_index = time.perf_counter()
    for rid in ids:
        t = time.perf_counter()
        with transaction(conn):
            index_report(conn, rid)
        per_report.append(time.perf_counter() - t)
    t_index = time.perf_counter() - t_index
    chars = conn.execute("SELECT sum(length(text)) FROM paragraphs").fetchone()[0]
    passages = conn.execute("SELECT count(*) FROM search_passages").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {
        "reports": len(ids),
        "passages": passages,
        "indexed_chars": chars,
        "ingest_real_s": t_ingest,
        "generate_variants_s": t_copy,
        "index_build_s": t_index,
        "index_per_report_ms_p50": statistics.median(per_report) * 1000,
        "index_per_report_ms_max": max(per_report) * 1000,
    }


def measure_queries(path: Path, rounds: int = 5) -> dict[str, object]:
    from policyledger.search import search
    from policyledger.store import connect

    conn = connect(path)
    for q in QUERIES:  # warm-up: jieba, domain dictionary, page cache
        search(conn, q)
    times: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            search(conn, q)
            times[q].append((time.perf_counter() - t) * 1000)
    conn.close()
    flat = sorted(x for v in times.values() for x in v)
    return {
        "queries": len(QUERIES),
        "runs": len(flat),
        "p50_ms": statistics.median(flat),
        "p95_ms": flat[int(0.95 * (len(flat) - 1))],
        "max_ms": flat[-1],
        "slowest": sorted(((statistics.median(v), q) for q, v in times.items()), reverse=True)[:5],
    }


def _size(path: Path) -> dict[str, float]:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    out = {"db_mb": total / 2**20}
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'search%' GROUP BY name"
        ).fetchall()
        out["search_tables_mb"] = sum(r[1] for r in rows) / 2**20
    except sqlite3.OperationalError:
        pass  # dbstat is not compiled into every SQLite
    finally:
        conn.close()
    return out


# --- comparing segmenters on the golden questions --------------------------------------------


def _golden() -> list[dict[str, str]]:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    out: list[dict[str, str]] = data["questions"]
    return out


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def compare() -> None:
    """Index the 2018 report with each tokeniser; score the golden questions."""
    import logging

    import jieba

    from policyledger.ingest import load_document
    from policyledger.pipeline import ingest_document
    from policyledger.search import search, segment
    from policyledger.search.text import fold, index_tokens
    from policyledger.store import connect

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    conn = connect(":memory:")
    ingest_document(
        conn,
        load_document(CORPUS / "moea-report-2018-03.txt"),
        analysers=["policyledger.search:index_report"],
    )
    passages = [
        (r[0], r[1], r[2] or "")
        for r in conn.execute(
            "SELECT p.id, coalesce(pa.text, substr(r.text, p.start + 1, p.end - p.start)),"
            " (SELECT group_concat(title, ' ') FROM sections s WHERE s.id = p.section_id)"
            " FROM search_passages p JOIN reports r ON r.id = p.report_id"
            " LEFT JOIN paragraphs pa ON pa.id = p.paragraph_id"
        )
    ]
    width = str.maketrans({c: chr(ord(c) - 0xFEE0) for c in map(chr, range(0xFF01, 0xFF5F))})

    def words(text: str) -> list[str]:
        return [w for w in (x.strip() for x in text) if w and any(c.isalnum() for c in w)]

    def jieba_trad(text: str) -> list[str]:
        return words(jieba.cut_for_search(text.translate(width).lower()))

    def jieba_simp(text: str) -> list[str]:
        return words(jieba.cut_for_search(fold(text)))

    def bigrams(text: str) -> list[str]:
        return index_tokens(fold(text))

    def q_trad(q: str) -> list[list[str]]:
        return [
            [w] for w in words(jieba.cut(q.translate(width).lower())) if w not in segment.STOPWORDS
        ]

    def q_simp(q: str) -> list[list[str]]:
        return [[w] for w in words(jieba.cut(fold(q))) if w not in segment.STOPWORDS]

    def q_bigrams(q: str) -> list[list[str]]:
        out = []
        for w in q_simp(q):
            toks = index_tokens(w[0])
            if len(toks) > 1 and len(w[0]) > 1 and toks[-1] == w[0][-1]:
                toks = toks[:-1]  # drop the run-closing unigram: the word may continue
            out.append(toks)
        return out

    strategies: dict[str, tuple[Callable[[str], list[str]], Callable[[str], list[list[str]]]]] = {
        "jieba, Traditional text": (jieba_trad, q_trad),
        "jieba, OpenCC-Simplified text": (jieba_simp, q_simp),
        "CJK bigrams + words (chosen)": (bigrams, q_bigrams),
    }
    questions = [q for q in _golden() if "syntax" not in q["tags"]]
    print(f"{len(questions)} golden questions, {len(passages)} passages of the 2018 report\n")
    print(f"{'tokeniser':34} {'index ms':>9} {'top-1':>6} {'top-5':>6} {'MRR':>6}")
    for name, (tok, qtok) in strategies.items():
        t = time.process_time()
        docs = [(pid, tok(text), tok(head)) for pid, text, head in passages]
        ms = (time.process_time() - t) * 1000
        ranks = [_rank_simple(docs, passages, qtok(q["q"]), q["expect"]) for q in questions]
        _print_row(name, ms, ranks)
    # The trigram tokenizer SQLite ships (no segmentation): two-character words fail.
    ranks = [_rank_trigram(passages, q["q"], q["expect"]) for q in questions]
    t = time.process_time()
    _trigram_table(passages)
    _print_row("FTS5 trigram tokenizer", (time.process_time() - t) * 1000, ranks)
    ranks = []
    for q in questions:
        hits = search(conn, q["q"], limit=20).hits
        want = _squash(q["expect"])
        ranks.append(next((i for i, h in enumerate(hits, 1) if want in _squash(h.text)), None))
    _print_row("policyledger.search (+synonyms)", float("nan"), ranks)


def _print_row(name: str, ms: float, ranks: Sequence[int | None]) -> None:
    n = len(ranks)
    top1 = sum(1 for r in ranks if r == 1) / n
    top5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r) / n
    ms_text = "—" if ms != ms else f"{ms:.0f}"
    print(f"{name:34} {ms_text:>9} {top1:6.0%} {top5:6.0%} {mrr:6.2f}")


def _rank_simple(
    docs: list[tuple[int, list[str], list[str]]],
    passages: list[tuple[int, str, str]],
    units: list[list[str]],
    expect: str,
) -> int | None:
    """Same ranking for every tokeniser: FTS5 BM25 over an OR of phrases, × coverage²."""
    units = [u for u in units if u]
    if not units:
        return None
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE f USING fts5(body, heading, tokenize = \"unicode61 tokenchars '.'\")"
    )
    db.executemany(
        "INSERT INTO f (rowid, body, heading) VALUES (?, ?, ?)",
        [(pid, " ".join(b), " ".join(h)) for pid, b, h in docs],
    )
    phrases = ['"' + " ".join(t.replace('"', "") for t in u) + '"' for u in units]
    rows = db.execute(
        "SELECT rowid, bm25(f, 1.0, 0.3) FROM f WHERE f MATCH ? ORDER BY 2 LIMIT 200",
        (" OR ".join(phrases),),
    ).fetchall()
    tokens = {pid: " " + " ".join(b) + " " for pid, b, _ in docs}
    scored = []
    for pid, bm in rows:
        share = sum(1 for u in units if " " + " ".join(u) + " " in tokens[pid]) / len(units)
        scored.append((-bm * (0.25 + 0.75 * share * share), pid))
    scored.sort(reverse=True)
    text = {pid: t for pid, t, _ in passages}
    want = _squash(expect)
    for i, (_, pid) in enumerate(scored, 1):
        if want in _squash(text[pid]):
            return i
    return None


def _trigram_table(passages: list[tuple[int, str, str]]) -> sqlite3.Connection:
    from policyledger.search.text import fold

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'trigram')")
    db.executemany(
        "INSERT INTO t (rowid, body) VALUES (?, ?)", [(p, fold(t)) for p, t, _ in passages]
    )
    return db


def _rank_trigram(passages: list[tuple[int, str, str]], q: str, expect: str) -> int | None:
    from policyledger.search import segment
    from policyledger.search.text import fold

    db = _trigram_table(passages)
    units = [w for w in segment.segment(fold(q)) if w not in segment.STOPWORDS]
    phrases = ['"' + w.replace('"', "") + '"' for w in units if len(w) >= 3]
    if not phrases:
        return None  # a trigram index cannot match words shorter than three characters
    rows = db.execute(
        "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 200", (" OR ".join(phrases),)
    ).fetchall()
    text = {pid: t for pid, t, _ in passages}
    want = _squash(expect)
    return next((i for i, (pid,) in enumerate(rows, 1) if want in _squash(text[pid])), None)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--reports", type=int, default=1000, help="ledger size (default 1000)")
    ap.add_argument("--db", type=Path, help="keep the ledger here (default: a temporary file)")
    ap.add_argument("--rounds", type=int, default=5, help="timed passes over the query list")
    ap.add_argument("--compare", action="store_true", help="compare tokenisers on the golden set")
    args = ap.parse_args(argv)
    if args.compare:
        compare()
        return 0
    with tempfile.TemporaryDirectory(prefix="policyledger-bench-") as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if path.exists():
            print(f"{path} exists; give a new --db path", file=sys.stderr)
            return 2
        build = build_ledger(path, args.reports)
        size = _size(path)
        q = measure_queries(path, args.rounds)
    print(
        f"reports              {build['reports']:,.0f} ({build['passages']:,.0f} passages, {build['indexed_chars'] / 1e6:.1f} M characters)"
    )
    print(
        f"index build          {build['index_build_s']:.1f} s (per report p50 {build['index_per_report_ms_p50']:.0f} ms, max {build['index_per_report_ms_max']:.0f} ms)"
    )
    print(
        f"database size        {size['db_mb']:,.0f} MB"
        + (
            f" (search tables {size['search_tables_mb']:,.0f} MB)"
            if "search_tables_mb" in size
            else ""
        )
    )
    print(
        f"query latency        p50 {q['p50_ms']:.1f} ms, p95 {q['p95_ms']:.1f} ms, max {q['max_ms']:.1f} ms over {q['runs']} runs of {q['queries']} queries"
    )
    print("slowest (median ms)  " + "; ".join(f"{q_!r} {ms:.1f}" for ms, q_ in q["slowest"]))  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
