"""load_document and document_from_text on the real reports and on small texts."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from policyledger.ingest import document_from_text, load_document
from policyledger.models import ReportMeta


def test_report_2018_loads_with_twelve_chapters(report_2018: Path) -> None:
    doc = load_document(report_2018)
    assert doc.report_id == hashlib.sha256(report_2018.read_bytes()).hexdigest()
    assert [s.path for s in doc.sections][:3] == ["壹", "貳", "參"]
    assert len(doc.sections) == 12
    assert doc.encoding == "utf-8"
    assert doc.meta.file_name == "moea-report-2018-03.txt"


def test_meta_passed_in_wins(report_2018: Path) -> None:
    doc = load_document(report_2018, meta=ReportMeta(ministry="經濟部", period="107年3月"))
    assert doc.meta.ministry == "經濟部"
    assert doc.meta.period == "107年3月"
    assert doc.meta.file_name == "moea-report-2018-03.txt"


def test_document_from_text_builds_a_tree() -> None:
    doc = document_from_text(
        "壹、工業\n一、推動\n（一）智慧機械\n1、連結在地：內容。", report_id="x"
    )
    paths = [s.path for s in doc.all_sections()]
    assert paths == ["壹", "壹/一", "壹/一/（一）", "壹/一/（一）/1"]


@pytest.mark.parametrize(
    ("name", "title", "period"),
    [
        ("ey-2006h2-report.txt", "行政院施政報告", "95年7月至12月"),
        ("ey-2009h1-report.txt", "行政院施政報告", "98年1月至6月"),
        ("ey-2010h1-report.txt", "行政院施政報告", "99年1月至6月"),
        ("ey-2012h2-report.txt", "行政院施政書面報告", "101年7月至12月"),
    ],
)
def test_meta_from_the_text(corpus_dir: Path, name: str, title: str, period: str) -> None:
    meta = load_document(corpus_dir / name).meta
    assert (meta.title, meta.ministry, meta.period) == (title, "行政院", period)


def test_ministry_speaking_as_benbu(corpus_dir: Path, report_2018: Path) -> None:
    assert load_document(corpus_dir / "moea-2012-03-report.txt").meta.ministry == "經濟部"
    assert load_document(report_2018).meta.ministry == "經濟部"
    assert document_from_text("壹、工業\n一、推動。", report_id="x").meta == ReportMeta()


def test_spans_map_every_line_back(report_2018: Path) -> None:
    doc = load_document(report_2018)
    keys = [k for k, _ in doc.spans]
    assert keys == sorted(keys) and keys[0] == 0
    lines = report_2018.read_text(encoding="utf-8").split("\n")
    for offset, span in doc.spans[::25]:
        # The cleaned text at each span starts with what the source line says.
        source = lines[span.line - 1].strip().replace(" ", "")
        assert doc.text[offset:].replace(" ", "").startswith(source[:5])
    assert doc.source_at(0) == doc.spans[0][1]


def test_document_from_text_keeps_its_arguments() -> None:
    doc = document_from_text(
        "壹、工業", report_id="abc", meta=ReportMeta(ministry="經濟部"), source_format="odt"
    )
    assert (doc.report_id, doc.meta.ministry, doc.source_format) == ("abc", "經濟部", "odt")


def test_load_and_outline_is_fast(report_2018: Path) -> None:
    # The benchmark asks for well under 0.2 s; this only guards against a regression
    # to super-linear behaviour on a loaded CI machine.
    best = min(_timed(report_2018) for _ in range(3))
    assert best < 0.6


def _timed(path: Path) -> float:
    start = time.perf_counter()
    load_document(path)
    return time.perf_counter() - start


def test_meta_date_from_the_signature_line() -> None:
    text = (
        "經濟部業務報告\n主席、各位委員：本部報告如下。\n壹、工業\n一、推動。\n"
        "本部於中華民國107年3月5日完成審查。\n經濟部部長\n中華民國 107 年 3 月 12 日"
    )
    meta = document_from_text(text, report_id="x").meta
    assert meta.title == "經濟部業務報告"
    assert meta.ministry == "經濟部"
    assert meta.date == "2018-03-12"


def test_period_from_a_title_that_names_its_month(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text("產業創新部 115 年 3 月業務報告\n壹、產業\n一、推動 3 案。\n", encoding="utf-8")
    meta = load_document(src).meta
    assert (meta.title, meta.period) == ("產業創新部 115 年 3 月業務報告", "115年3月")
