"""Relevance on the 2018 report: the expected paragraph must be in the top 5.

The questions and their expected paragraphs (named by a distinctive substring read from
the report, never by an id) are in tests/golden/search-questions.json.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyledger.search import SearchResults, search
from test_search_corpus import ledger_with

GOLDEN = Path(__file__).parent / "golden" / "search-questions.json"
TOP = 5
REQUIRED = 0.95


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def rank_of(results: SearchResults, expect: str) -> int | None:
    """1-based rank of the first hit containing ``expect`` (whitespace-insensitive)."""
    want = _squash(expect)
    for i, h in enumerate(results.hits, 1):
        if want in _squash(h.text):
            return i
    return None


def load_golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def ledger_2018(report_2018: Path) -> Iterator[sqlite3.Connection]:
    conn = ledger_with([report_2018])
    yield conn
    conn.close()


def test_golden_set_is_well_formed(report_2018: Path) -> None:
    g = load_golden()
    raw = report_2018.read_text(encoding="utf-8")
    qs = g["questions"] + g["figure_questions"]
    assert len(g["questions"]) >= 40
    tags = {t for q in qs for t in q["tags"]}
    assert {"simp", "two-char", "english", "figure", "question"} <= tags
    for q in qs:
        # Each expected paragraph is named by text that occurs exactly once in the report.
        assert raw.count(q["expect"]) == 1, q


def test_expected_paragraph_in_top_5(ledger_2018: sqlite3.Connection) -> None:
    questions = load_golden()["questions"]
    misses = []
    for q in questions:
        rank = rank_of(search(ledger_2018, q["q"], limit=TOP), q["expect"])
        if rank is None:
            misses.append(q["q"])
    share = 1 - len(misses) / len(questions)
    assert share >= REQUIRED, f"top-{TOP} {share:.0%}; missed: {misses}"


def test_figure_questions(ledger_2018: sqlite3.Connection) -> None:
    if not ledger_2018.execute("SELECT count(*) FROM quantities").fetchone()[0]:
        pytest.skip("no quantities stored: the extractor is not available in this checkout")
    for q in load_golden()["figure_questions"]:
        results = search(ledger_2018, q["q"], limit=TOP)
        assert rank_of(results, q["expect"]) is not None, q["q"]
        top = results.hits[0]
        assert any(f.matched for f in top.figures), q["q"]


def test_a_labelled_item_is_one_passage_with_its_label(ledger_2018: sqlite3.Connection) -> None:
    # 「4、 大潭電廠增建…機組：裝置容量 60 萬瓩…」: the outline keeps the label as the
    # section title; the index keeps it in the paragraph's own text as well.
    rows = ledger_2018.execute(
        "SELECT p.text FROM search_fts f JOIN search_passages s ON s.id = f.rowid "
        "JOIN paragraphs p ON p.id = s.paragraph_id WHERE search_fts MATCH ?",
        ('body : "产创 创修 修法 法增 增订"',),
    ).fetchall()
    assert len(rows) == 1
    assert rows[0][0].startswith("增訂產業創新條例第")


def test_a_word_the_report_writes_whole_stays_whole(ledger_2018: sqlite3.Connection) -> None:
    # jieba cuts 達成率 into 达成 / 率 and 信保基金 into 信保 / 基金; the report writes both.
    assert search(ledger_2018, "達成率").terms == ("达成率",)
    assert search(ledger_2018, "信保基金 新南向").terms == ("信保基金", "新南向")
    # Not written as typed: the pieces.
    assert search(ledger_2018, "電價漲").terms == ("电价",)
