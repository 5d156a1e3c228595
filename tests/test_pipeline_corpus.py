"""The pipeline end to end on real input: the 2018 MOEA report and the bundled demo report.

Expected figures are read off the reports themselves (the line is quoted beside each).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from policyledger.data import demo_report_path
from policyledger.models import ReportMeta
from policyledger.pipeline import IngestResult, ingest_path
from policyledger.store import connect


@pytest.fixture(scope="module")
def ledger_2018(report_2018: Path) -> Iterator[tuple[sqlite3.Connection, IngestResult]]:
    conn = connect(":memory:")
    result = ingest_path(conn, report_2018)
    yield conn, result
    conn.close()


@pytest.fixture(scope="module")
def ledger_demo() -> Iterator[tuple[sqlite3.Connection, IngestResult]]:
    conn = connect(":memory:")
    result = ingest_path(conn, demo_report_path())
    yield conn, result
    conn.close()


def facts(conn: sqlite3.Connection, path: str) -> dict[str, sqlite3.Row]:
    rows = conn.execute(
        "SELECT q.* FROM quantities q JOIN sections s ON s.id = q.section_id"
        " WHERE s.path = ? ORDER BY q.start",
        (path,),
    ).fetchall()
    return {r["text"]: r for r in rows}


def assert_citations_exact(conn: sqlite3.Connection) -> None:
    text = conn.execute("SELECT text FROM reports").fetchone()[0]
    for table in ("quantities", "dates", "sentences", "paragraphs"):
        for r in conn.execute(f'SELECT text, start, "end" FROM {table}'):
            assert text[r[1] : r[2]] == r[0], (table, r[0])
    bad = conn.execute(
        "SELECT count(*) FROM quantities q JOIN sentences s ON s.id = q.sentence_id"
        " WHERE NOT (s.start <= q.start AND q.start < s.end)"
    ).fetchone()[0]
    assert bad == 0


def test_2018_report_lands_whole(ledger_2018: tuple[sqlite3.Connection, IngestResult]) -> None:
    conn, result = ledger_2018
    assert result.created and result.file_name == "moea-report-2018-03.txt"
    chapters = [
        r[0]
        for r in conn.execute(
            "SELECT title FROM sections WHERE parent_id IS NULL ORDER BY ord"
        ).fetchall()
    ]
    # The ten chapters 壹、工業 … 拾、能源 and the trailing 拾壹/拾貳 of the report.
    assert chapters[:10] == [
        "工業", "商業", "中小企業", "國營事業", "投資", "貿易",
        "加工出口區", "檢驗及標準", "智慧財產權", "能源",
    ]  # fmt: skip
    assert result.quantities > 800 and result.dates > 300
    assert_citations_exact(conn)


def test_2018_figures_and_their_periods(
    ledger_2018: tuple[sqlite3.Connection, IngestResult],
) -> None:
    conn, _ = ledger_2018
    # 壹/一/（二）/2 "106 年推動風力發電產業投資 54.4 億元，較上年成長 82％。"
    wind = facts(conn, "壹/一/（二）/2")
    assert wind["54.4 億元"]["value"] == pytest.approx(5.44e9)
    assert (wind["54.4 億元"]["period_start"], wind["54.4 億元"]["period_end"]) == (
        "2017-01-01",
        "2017-12-31",
    )
    assert wind["82％"]["role"] == "change" and wind["82％"]["period_end"] == "2017-12-31"
    # 壹/一/（三）/4 "…迄 106 年底促進研發投資 3 億元、設備投資 8 億元…"
    green = facts(conn, "壹/一/（三）/4")
    assert green["3 億元"]["period_start"] == green["3 億元"]["period_end"] == "2017-12-31"
    # 壹/一/（一）/1: plans with no date anywhere above them stay undated.
    smart = facts(conn, "壹/一/（一）/1")
    assert smart["155 億元"]["modality"] == "target"
    assert smart["155 億元"]["period_start"] is None


def test_2018_reingest_is_a_no_op(
    ledger_2018: tuple[sqlite3.Connection, IngestResult], report_2018: Path
) -> None:
    conn, first = ledger_2018
    changes = conn.total_changes
    again = ingest_path(conn, report_2018, meta=ReportMeta(title="改過的標題"))
    assert not again.created and conn.total_changes == changes
    assert (again.report_id, again.quantities, again.sections) == (
        first.report_id,
        first.quantities,
        first.sections,
    )
    assert conn.execute("SELECT title FROM reports").fetchone()[0] != "改過的標題"


def test_demo_report_outline(ledger_demo: tuple[sqlite3.Connection, IngestResult]) -> None:
    conn, result = ledger_demo
    source = demo_report_path().read_text(encoding="utf-8")
    chapters = conn.execute(
        "SELECT marker, title FROM sections WHERE level = 1 ORDER BY ord"
    ).fetchall()
    # Every "壹、產業創新"-style line of the demo is a chapter, every "1、" line an item.
    assert [f"{m}{t}" for m, t in chapters] == re.findall(
        r"^ ?([壹貳參肆伍陸柒捌]、\S+) $", source, re.M
    )
    items = conn.execute("SELECT count(*) FROM sections WHERE level = 4").fetchone()[0]
    assert items == len(re.findall(r"^ ?\d、 ", source, re.M)) == 62
    # The demo has printed page numbers; every section knows its page.
    pages = conn.execute("SELECT min(page), max(page) FROM sections").fetchone()
    printed = [int(n) for n in re.findall(r"^ (\d+) $", source, re.M)]
    assert pages[0] == 1 and pages[1] >= max(printed)
    assert result.title == "產業創新部 115 年 3 月業務報告"
    assert_citations_exact(conn)


def test_demo_report_figures(ledger_demo: tuple[sqlite3.Connection, IngestResult]) -> None:
    conn, _ = ledger_demo
    # 壹/一/（一）/1 "114 年度…計畫總經費 48.6 億元，其中中央補助 31.2 億元、地方政府配合款
    # 9.8 億元、業者自籌 7.6 億元" — a sum that adds up.
    budget = facts(conn, "壹/一/（一）/1")
    parts = [budget[t]["value"] for t in ("31.2 億元", "9.8 億元", "7.6 億元")]
    assert sum(parts) == pytest.approx(budget["48.6 億元"]["value"])
    assert budget["48.6 億元"]["period_start"] == "2025-01-01"
    # 貳/二/2 "受理…申請案件 3,480 件，其中核准 2,915 件、駁回 402 件、撤回 171 件" — one
    # of the two sums that deliberately do not add up (they make 3,488).
    cases = facts(conn, "貳/二/2")
    parts = [cases[t]["value"] for t in ("2,915 件", "402 件", "171 件")]
    assert sum(parts) == 3488 != cases["3,480 件"]["value"]
    # 陸/一/（一）/1 "合計 185.4 萬瓩，其中太陽光電 142.6 萬瓩、離岸風電 38.5 萬瓩、其他 2.1 萬瓩"
    solar = facts(conn, "陸/一/（一）/1")
    assert solar["185.4 萬瓩"]["unit"] == "kW"
    parts = [solar[t]["value"] for t in ("142.6 萬瓩", "38.5 萬瓩", "2.1 萬瓩")]
    assert sum(parts) == pytest.approx(1_832_000)
    # 壹/一/（一）/3 "預計 115 年 6 月底前完成 50 家示範工廠認證，並於 116 年底前擴大至 150 家"
    plan = facts(conn, "壹/一/（一）/3")
    assert plan["50 家"]["modality"] == "target"
    assert (plan["50 家"]["period_start"], plan["50 家"]["period_end"]) == (None, "2026-06-30")
    assert plan["150 家"]["period_end"] == "2027-12-31"
    # 壹/二/（三）/2 "協助 18 家…，其中 5 家已規劃於 116 年申請上櫃": the year after a
    # figure is not its period, even when the item's heading holds it.
    listing = facts(conn, "壹/二/（三）/2")
    assert listing["18 家"]["period_start"] is None and listing["5 家"]["period_start"] is None


def test_demo_report_gives_every_analyser_something(
    ledger_demo: tuple[sqlite3.Connection, IngestResult],
) -> None:
    """The demo exists to show the whole ledger: its two deliberate mistakes are what the
    checks flag, and its dated targets become commitments."""
    conn, result = ledger_demo
    assert result.analysers == (
        "policyledger.checks:analyse_report",
        "policyledger.search:index_report",
        "policyledger.commitments:analyse_report",
    )
    flagged = conn.execute(
        "SELECT s.path FROM checks c JOIN sections s ON s.id = c.section_id"
        " WHERE c.verdict != 'consistent' ORDER BY c.start"
    ).fetchall()
    assert [r[0] for r in flagged] == ["貳/二/2", "陸/一/（一）/1"]
    consistent = conn.execute("SELECT count(*) FROM checks WHERE verdict = 'consistent'")
    assert consistent.fetchone()[0] >= 8
    deadlines = conn.execute("SELECT count(*) FROM commitments").fetchone()[0]
    assert deadlines >= 10
