"""The read side (store/queries.py) on a tiny hand-built ledger whose figures we can see."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TINY_REPORT_ID
from policyledger.errors import NotFound, QueryError
from policyledger.store import connect
from policyledger.store.queries import (
    FactFilter,
    count_facts,
    fact_facets,
    facts_summary,
    get_report,
    get_section,
    list_facts,
    list_reports,
    outline,
)


@pytest.fixture()
def conn(tiny_db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(tiny_db)
    yield c
    c.close()


def test_list_reports_counts(conn: sqlite3.Connection) -> None:
    (r,) = list_reports(conn)
    assert r.id == TINY_REPORT_ID
    assert (r.sections, r.paragraphs, r.quantities, r.dates, r.targets) == (5, 3, 7, 2, 4)
    assert r.to_dict()["short_id"] == TINY_REPORT_ID[:12]


def test_get_report_by_id_prefix_and_file_name(conn: sqlite3.Connection) -> None:
    assert get_report(conn, TINY_REPORT_ID).id == TINY_REPORT_ID
    assert get_report(conn, "ab12").id == TINY_REPORT_ID
    assert get_report(conn, "AB12").id == TINY_REPORT_ID
    assert get_report(conn, "tiny.txt").id == TINY_REPORT_ID
    for bad in ("ffff", "", "%", "ab12_"):
        with pytest.raises(NotFound):
            get_report(conn, bad)


def test_ambiguous_prefix_is_not_found(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO reports (id, source_format, text, ingested_at) VALUES (?, 'text', '', 'x')",
        ("ab13" + "0" * 60,),
    )
    with pytest.raises(NotFound, match="不唯一"):
        get_report(conn, "ab1")
    assert get_report(conn, "ab13").id.startswith("ab13")


def test_list_facts_filters(conn: sqlite3.Connection) -> None:
    every = list_facts(conn, FactFilter(report_id=TINY_REPORT_ID))
    assert [f.text for f in every] == [
        "54.4 億元",
        "82％",
        "3 年",
        "22.3 億元",
        "2,000 萬瓩",
        "9,000 億元",
        "52.3 萬瓩",
    ]
    # Each fact cites itself: the report text at its offsets is its text.
    text = conn.execute("SELECT text FROM reports").fetchone()[0]
    assert all(text[f.start : f.end] == f.text for f in every)
    assert all(f.text in f.sentence for f in every)

    energy_twd_targets = list_facts(
        conn, FactFilter(report_id=TINY_REPORT_ID, chapter="拾", unit="TWD", modality="target")
    )
    assert [(f.text, f.chapter, f.chapter_title, f.section_path) for f in energy_twd_targets] == [
        ("9,000 億元", "拾", "能源", "拾/一")
    ]
    assert [f.text for f in list_facts(conn, FactFilter(role="change"))] == ["82％"]
    assert [f.text for f in list_facts(conn, FactFilter(year=106))] == [
        "54.4 億元",
        "82％",
        "52.3 萬瓩",
    ]
    assert list_facts(conn, FactFilter(year=2017)) == list_facts(conn, FactFilter(year=106))
    assert [f.text for f in list_facts(conn, FactFilter(q="太陽光電"))] == ["52.3 萬瓩"]
    # A chapter prefix that is not a whole path component matches nothing.
    assert list_facts(conn, FactFilter(chapter="拾/")) == []
    assert list_facts(conn, FactFilter(chapter="壹/一")) != []


def test_list_facts_sorting_and_paging(conn: sqlite3.Connection) -> None:
    by_value = list_facts(conn, FactFilter(unit="TWD", sort="value", order="desc"))
    assert [f.value for f in by_value] == sorted((f.value for f in by_value), reverse=True)
    page = list_facts(conn, FactFilter(limit=2, offset=2))
    assert [f.text for f in page] == ["3 年", "22.3 億元"]
    assert count_facts(conn, FactFilter(limit=2, offset=2)) == 7
    assert count_facts(conn, FactFilter(unit="kW")) == 2
    assert len(list_facts(conn, FactFilter(limit=None))) == 7
    assert page[0].anchor == "p-0"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"modality": "maybe"},
        {"role": "x"},
        {"sort": "id; DROP TABLE reports"},
        {"order": "up"},
        {"limit": 0},
        {"limit": 10_000},
        {"offset": -1},
        {"year": 0},
    ],
)
def test_fact_filter_rejects_nonsense(kwargs: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        FactFilter(**kwargs)  # type: ignore[arg-type]


def test_outline_counts_roll_up(conn: sqlite3.Connection) -> None:
    roots = outline(conn, TINY_REPORT_ID)
    assert [r.path for r in roots] == ["壹", "拾"]
    industry, energy = roots
    assert [n.path for n in industry.walk()] == ["壹", "壹/一", "壹/一/（一）"]
    assert (industry.paragraphs, industry.figures, industry.targets) == (1, 4, 2)
    assert (energy.paragraphs, energy.figures, energy.targets) == (2, 3, 2)
    assert energy.children[0].to_dict()["figures"] == 3


def test_get_section_breadcrumbs_neighbours_and_text(conn: sqlite3.Connection) -> None:
    view = get_section(conn, "ab12", "壹/一/（一）")
    assert [b.path for b in view.breadcrumbs] == ["壹", "壹/一"]
    assert view.parent is not None and view.parent.path == "壹/一"
    assert view.prev is not None and view.prev.path == "壹/一"
    assert view.next is not None and view.next.path == "拾"
    assert view.children == ()
    (block,) = view.blocks
    (para,) = block.paragraphs
    assert para.anchor == "p-0"
    assert [s.text for s in para.sentences][1] == "預計 3 年內帶動投資 22.3 億元。"
    assert [q.text for q in para.quantities] == ["54.4 億元", "82％", "3 年", "22.3 億元"]
    assert [d.text for d in para.sentences[0].dates] == ["106 年"]

    chapter = get_section(conn, TINY_REPORT_ID, "拾")
    assert chapter.breadcrumbs == () and chapter.prev is not None
    assert [b.section.path for b in chapter.blocks] == ["拾", "拾/一"]
    assert [b.depth for b in chapter.blocks] == [0, 1]
    assert [c.path for c in chapter.children] == ["拾/一"]
    assert get_section(conn, TINY_REPORT_ID, "拾/一").next is None
    with pytest.raises(NotFound):
        get_section(conn, TINY_REPORT_ID, "參")


def test_facts_summary_and_facets(conn: sqlite3.Connection) -> None:
    s = facts_summary(conn, TINY_REPORT_ID)
    assert [(c.chapter, c.actual_total, c.target_total) for c in s.money] == [
        ("壹", 5.44e9, 2.23e9),
        ("拾", 0.0, 9.0e11),
    ]
    assert [(c.chapter, c.actual_total, c.target_total) for c in s.capacity] == [
        ("拾", 5.23e5, 2.0e7)
    ]
    assert [(c.chapter, c.actual_count, c.target_count) for c in s.modality] == [
        ("壹", 2, 2),
        ("拾", 1, 2),
    ]
    facets = fact_facets(conn, TINY_REPORT_ID)
    assert [(v.value, v.count) for v in facets["unit"]] == [
        ("TWD", 3),
        ("kW", 2),
        ("%", 1),
        ("year", 1),
    ]
    assert [v.label for v in facets["chapter"]] == ["壹、工業", "拾、能源"]
    assert [v.value for v in facets["year"]] == ["2017", "2025"]
