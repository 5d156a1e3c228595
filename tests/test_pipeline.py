"""The pipeline: one transaction from Document to facts and analysers, idempotent, atomic."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyledger import pipeline
from policyledger.errors import IngestError
from policyledger.models import Document, Paragraph, ReportMeta, Section, Sentence
from policyledger.pipeline import (
    ANALYSERS,
    IngestResult,
    default_year,
    ingest_document,
    ingest_path,
)
from policyledger.store import connect

TABLES = ("reports", "sections", "paragraphs", "sentences", "quantities", "dates")

# A small report written for these tests; the Document below is built by hand from it so
# the pipeline is tested independently of the outline grammar.
TEXT = (
    "經濟部施政報告\n"
    "壹、工業\n"
    "一、推動綠能產業\n"
    "106 年推動風力發電投資 54.4 億元，較上年成長 82％。"
    "預計 115 年 6 月底前完成 3 座示範場域。\n"
    "（一）106 年循環經濟成果\n"
    "再利用量達 1,420 萬公噸。\n"
    "二、中小企業\n"
    "輔導 217 家企業。\n"
)


def _sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    s = start
    for i, ch in enumerate(text[start:end], start):
        if ch == "。":
            out.append(Sentence(len(out), s, i + 1, text[s : i + 1]))
            s = i + 1
    return tuple(out)


def _para(text: str, body: str, index: int = 0) -> Paragraph:
    start = text.index(body)
    end = start + len(body)
    return Paragraph(index, start, end, body, _sentences(text, start, end))


def _section(
    text: str,
    path: str,
    level: int,
    marker: str,
    title: str,
    end_marker: str | None,
    paragraphs: tuple[Paragraph, ...],
    children: tuple[Section, ...] = (),
    number: int = 1,
) -> Section:
    start = text.index(marker + title)
    end = text.index(end_marker) if end_marker else len(text)
    return Section(
        path=path,
        level=level,
        marker=marker,
        number=number,
        title=title,
        start=start,
        heading_end=start + len(marker + title),
        end=end,
        page=1,
        paragraphs=paragraphs,
        children=children,
    )


def make_doc(text: str = TEXT, report_id: str | None = None) -> Document:
    rid = report_id or hashlib.sha256(text.encode()).hexdigest()
    p1 = _para(
        text,
        "106 年推動風力發電投資 54.4 億元，較上年成長 82％。預計 115 年 6 月底前完成 3 座示範場域。",
    )
    p2 = _para(text, "再利用量達 1,420 萬公噸。")
    p3 = _para(text, "輔導 217 家企業。")
    sub = _section(text, "壹/一/（一）", 3, "（一）", "106 年循環經濟成果", "二、", (p2,))
    one = _section(text, "壹/一", 2, "一、", "推動綠能產業", "二、", (p1,), (sub,))
    two = _section(text, "壹/二", 2, "二、", "中小企業", None, (p3,), number=2)
    root = _section(text, "壹", 1, "壹、", "工業", None, (), (one, two))
    pre = Paragraph(0, 0, 7, text[0:7], (Sentence(0, 0, 7, text[0:7]),))
    return Document(
        report_id=rid,
        meta=ReportMeta(title="測試報告", ministry="經濟部", period="107年3月"),
        text=text,
        sections=(root,),
        preamble=(pre,),
    )


@pytest.fixture()
def conn() -> sqlite3.Connection:
    return connect(":memory:")


@pytest.fixture()
def no_analysers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "ANALYSERS", ())


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def quantity(conn: sqlite3.Connection, text: str) -> sqlite3.Row:
    rows = conn.execute("SELECT * FROM quantities WHERE text = ?", (text,)).fetchall()
    assert len(rows) == 1, f"{text!r}: {[dict(r) for r in rows]}"
    return rows[0]


def test_document_lands_with_outline_sentences_and_facts(
    conn: sqlite3.Connection, no_analysers: None
) -> None:
    doc = make_doc()
    result = ingest_document(conn, doc)
    assert isinstance(result, IngestResult)
    assert result.created and result.report_id == doc.report_id
    assert (result.sections, result.paragraphs, result.sentences) == (4, 4, 5)
    assert counts(conn)["sections"] == 4 and counts(conn)["sentences"] == 5
    assert result.quantities == counts(conn)["quantities"] >= 5
    assert result.dates == counts(conn)["dates"] >= 2  # the heading's date is no paragraph's

    rows = conn.execute("SELECT id, path, parent_id, ord FROM sections ORDER BY ord").fetchall()
    assert [r["path"] for r in rows] == ["壹", "壹/一", "壹/一/（一）", "壹/二"]
    ids = {r["path"]: r["id"] for r in rows}
    assert [r["parent_id"] for r in rows] == [None, ids["壹"], ids["壹/一"], ids["壹"]]

    paras = conn.execute("SELECT section_id, ord, text FROM paragraphs ORDER BY ord").fetchall()
    assert paras[0]["section_id"] is None  # the preamble
    assert [p["ord"] for p in paras] == [0, 1, 2, 3]

    # Every fact cites the report text exactly and sits inside its sentence.
    report_text = conn.execute("SELECT text FROM reports").fetchone()[0]
    for table in ("quantities", "dates"):
        for r in conn.execute(
            f"SELECT f.text, f.start, f.end, s.start AS s0, s.end AS s1, s.paragraph_id,"
            f" f.paragraph_id AS fp, s.section_id, f.section_id AS fs"
            f" FROM {table} f JOIN sentences s ON s.id = f.sentence_id"
        ):
            assert report_text[r["start"] : r["end"]] == r["text"]
            assert r["s0"] <= r["start"] < r["s1"]
            assert r["paragraph_id"] == r["fp"] and r["section_id"] == r["fs"]

    invest = quantity(conn, "54.4 億元")
    assert invest["value"] == pytest.approx(5.44e9)
    assert invest["unit"] == "TWD" and invest["precision"] == pytest.approx(0.05e8)
    # The period comes from "106 年" earlier in the same sentence.
    assert (invest["period_start"], invest["period_end"]) == ("2017-01-01", "2017-12-31")
    # "3 座" follows the deadline 115 年 6 月底前 in its own sentence.
    sites = quantity(conn, "3 座")
    assert sites["modality"] == "target"
    assert sites["period_end"] == "2026-06-30"
    # Nothing dated in the sentence or paragraph: the heading "（一）106 年…" dates it.
    reuse = quantity(conn, "1,420 萬公噸")
    assert reuse["value"] == pytest.approx(14_200_000)
    assert (reuse["period_start"], reuse["period_end"]) == ("2017-01-01", "2017-12-31")
    assert reuse["section_id"] == ids["壹/一/（一）"]
    # No date anywhere above it.
    firms = quantity(conn, "217 家")
    assert firms["period_start"] is None and firms["period_end"] is None


def test_second_ingest_of_same_bytes_writes_nothing(
    conn: sqlite3.Connection, no_analysers: None
) -> None:
    doc = make_doc()
    first = ingest_document(conn, doc)
    before = counts(conn)
    changes = conn.total_changes
    again = ingest_document(conn, doc)
    assert not again.created
    assert conn.total_changes == changes
    assert counts(conn) == before
    assert (again.sections, again.paragraphs, again.sentences, again.quantities, again.dates) == (
        first.sections,
        first.paragraphs,
        first.sentences,
        first.quantities,
        first.dates,
    )


def test_two_reports_share_the_tables(conn: sqlite3.Connection, no_analysers: None) -> None:
    a = ingest_document(conn, make_doc())
    b = ingest_document(conn, make_doc(report_id="b" * 64))
    assert a.created and b.created
    per_report = dict(
        conn.execute("SELECT report_id, count(*) FROM quantities GROUP BY report_id").fetchall()
    )
    assert per_report == {a.report_id: a.quantities, b.report_id: b.quantities}


def _fake_module(monkeypatch: pytest.MonkeyPatch, name: str, **attrs: object) -> None:
    mod = types.ModuleType(name)
    for k, v in attrs.items():
        setattr(mod, k, v)
    monkeypatch.setitem(sys.modules, name, mod)


def test_analysers_run_inside_the_transaction_and_a_failure_leaves_nothing(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, int]] = []

    def looks(c: sqlite3.Connection, report_id: str) -> None:
        # The facts are visible to analysers before the commit.
        n = c.execute("SELECT count(*) FROM quantities WHERE report_id = ?", (report_id,))
        seen.append((report_id, n.fetchone()[0]))
        c.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
        c.execute("INSERT INTO scratch VALUES (1)")

    def boom(c: sqlite3.Connection, report_id: str) -> None:
        raise RuntimeError("analyser failed")

    _fake_module(monkeypatch, "pl_test_analysers", looks=looks, boom=boom)
    doc = make_doc()
    with pytest.raises(RuntimeError, match="analyser failed"):
        ingest_document(conn, doc, analysers=["pl_test_analysers:looks", "pl_test_analysers:boom"])
    assert seen and seen[0][0] == doc.report_id and seen[0][1] > 0
    assert counts(conn) == dict.fromkeys(TABLES, 0)
    # Even the analyser's own DDL and rows were rolled back.
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'scratch'").fetchone() is None
    # And the report can be ingested afterwards.
    ok = ingest_document(conn, doc, analysers=["pl_test_analysers:looks"])
    assert ok.created and ok.analysers == ("pl_test_analysers:looks",)


def test_failure_during_extraction_leaves_nothing(
    conn: sqlite3.Connection, no_analysers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyledger.extract

    calls = 0
    real = policyledger.extract.extract

    def flaky(text: str, *, default_year: int | None = None):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 3:  # the report and section rows are already written by then
            raise ValueError("extractor crashed")
        return real(text, default_year=default_year)

    monkeypatch.setattr(policyledger.extract, "extract", flaky)
    with pytest.raises(ValueError, match="extractor crashed"):
        ingest_document(conn, make_doc())
    assert counts(conn) == dict.fromkeys(TABLES, 0)


def test_every_analyser_runs_and_a_broken_one_writes_nothing(
    conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ingest_document(conn, make_doc())
    assert result.created and result.analysers == ANALYSERS

    (tmp_path / "pl_broken_feature.py").write_text(
        "import pl_definitely_missing_dependency\n\ndef analyse_report(conn, rid):\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="pl_definitely_missing_dependency"):
        ingest_document(
            conn, make_doc(report_id="c" * 64), analysers=["pl_broken_feature:analyse_report"]
        )
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("meta", "year"),
    [
        (ReportMeta(period="107年3月"), 107),
        (ReportMeta(period="98年1月至6月"), 98),
        (ReportMeta(period="民國 101 年下半年"), 101),
        (ReportMeta(date="2012-03-12"), 2012),
        (ReportMeta(period="上半年", date="2010-09-24"), 2010),
        (ReportMeta(), None),
    ],
)
def test_default_year_from_period_or_date(meta: ReportMeta, year: int | None) -> None:
    assert default_year(meta) == year


def test_missing_file_is_an_ingest_error(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        ingest_path(conn, tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="directory"):
        ingest_path(conn, tmp_path)
    assert counts(conn)["reports"] == 0


def test_figures_in_a_heading_without_body_are_stored(
    conn: sqlite3.Connection, no_analysers: None
) -> None:
    from policyledger.ingest import document_from_text

    text = "壹、工業\n一、輔導 217 家企業升級\n二、其他\n推動 3 案。\n"
    doc = document_from_text(text, report_id="d" * 64)
    result = ingest_document(conn, doc)
    assert result.quantities == 2
    row = conn.execute(
        "SELECT q.text, s.path FROM quantities q JOIN sections s ON s.id = q.section_id"
        " ORDER BY q.start"
    ).fetchall()
    assert [tuple(r) for r in row] == [("217 家", "壹/一"), ("3 案", "壹/二")]


PIECES = (
    "106 年推動投資 54.4 億元",
    "較上年成長 82％",
    "預計 115 年 6 月底前完成 3 座",
    "輔導 1,260 家廠商",
    "其中北區 520 家",
    "裝置容量 1 兆 2,860 億元",
    "8 月 10 日辦理說明會",
    "無數字的句子",
    "再利用率 79.7％",
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3), min_size=1, max_size=3),
        min_size=1,
        max_size=4,
    )
)
def test_any_document_cites_exactly(paragraphs: list[list[list[str]]]) -> None:
    """Whatever the paragraphs say, every stored fact is the report text at its offsets,
    inside its sentence, and nothing extract finds in a paragraph is lost or doubled."""
    from policyledger.extract import extract

    head = "壹、測試\n"
    text = head
    paras: list[Paragraph] = []
    for i, sentences in enumerate(paragraphs):
        start = len(text)
        sents: list[Sentence] = []
        for j, clauses in enumerate(sentences):
            s_text = "，".join(clauses) + "。"
            sents.append(Sentence(j, len(text), len(text) + len(s_text), s_text))
            text += s_text
        paras.append(Paragraph(i, start, len(text), text[start:], tuple(sents)))
        text += "\n"
    root = Section("壹", 1, "壹、", 1, "測試", 0, 4, len(text), None, tuple(paras))
    doc = Document(
        report_id=hashlib.sha256(text.encode()).hexdigest(),
        meta=ReportMeta(period="107年3月"),
        text=text,
        sections=(root,),
    )
    conn = connect(":memory:")
    result = ingest_document(conn, doc, analysers=())
    expected = sum(len(extract(p.text, default_year=107).quantities) for p in paras)
    assert result.quantities == expected
    rows = conn.execute(
        'SELECT q.text, q.start, q."end", s.start, s."end" FROM quantities q'
        " JOIN sentences s ON s.id = q.sentence_id"
    ).fetchall()
    assert len(rows) == expected
    for q_text, q0, q1, s0, s1 in rows:
        assert text[q0:q1] == q_text and s0 <= q0 and q1 <= s1


def test_a_report_without_headings_ingests_with_every_analyser(conn: sqlite3.Connection) -> None:
    from policyledger.ingest import document_from_text

    doc = document_from_text("沒有標題的報告，預計 115 年底前完成 3 座。\n", report_id="e" * 64)
    assert doc.sections == ()
    result = ingest_document(conn, doc)
    assert result.created and result.quantities == 1 and result.analysers == ANALYSERS
