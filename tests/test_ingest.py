"""load_document and document_from_text on the real reports and on small texts."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
