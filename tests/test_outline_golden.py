"""Golden outlines of the seven corpus reports.

The golden files (tests/golden/outline-*.json) hold every heading's path, level and title
(titles only for the upper levels of the long Executive Yuan reports), chapter titles and
counts per level and per chapter. They were written by the program, then checked by
hand against the reports; the test below re-checks them against an *independent* scan of
the raw lines (a plain regular expression per marker kind, no cleaning, no outline
logic), so a golden file cannot silently drift into agreeing with a bug.

Regenerate with ``POLICYLEDGER_REGEN=1 pytest tests/test_outline_golden.py`` (refused
when ``CI=true``), then review the diff.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from policyledger.ingest import load_document
from policyledger.models import Document

GOLDEN = Path(__file__).parent / "golden"
REPORTS = [
    "moea-report-2018-03.txt",
    "moea-2012-03-report.txt",
    "moea-2012-09-report.txt",
    "ey-2006h2-report.txt",
    "ey-2009h1-report.txt",
    "ey-2010h1-report.txt",
    "ey-2012h2-report.txt",
]

# Chapter titles as printed (read from the files; full-width spaces inside 內　　政 dropped).
CHAPTERS: dict[str, list[str]] = {
    "moea-report-2018-03.txt": [
        "工業",
        "商業",
        "中小企業",
        "國營事業",
        "投資",
        "貿易",
        "加工出口區",
        "檢驗及標準",
        "智慧財產權",
        "能源",
        "水利",
        "礦業及地質調查",
    ],
    "moea-2012-03-report.txt": ["當前經濟環境", "經濟施政方向", "具體施政作為", "結語"],
    "moea-2012-09-report.txt": ["當前經濟環境", "經濟施政方向", "具體施政作為", "結語"],
    "ey-2006h2-report.txt": [
        "內政",
        "外交",
        "國防",
        "財政金融",
        "教育",
        "科技發展",
        "文化建設",
        "法務",
        "經濟建設",
    ],
    "ey-2009h1-report.txt": [
        "莫拉克颱風災害救災與重建",
        "內政",
        "外交",
        "國防",
        "財政金融",
        "教育",
        "法務",
        "經濟發展",
    ],
    "ey-2010h1-report.txt": ["內政", "外交", "國防", "財政金融", "教育", "法務", "經濟發展"],
    "ey-2012h2-report.txt": ["內政", "外交", "國防", "財政金融", "教育", "法務", "經濟及能源"],
}

# The independent scan: one pattern per marker kind, at a raw line start (the 2018 PDF
# text starts a page's first line with one space).
_RAW_MARKERS = [
    (1, re.compile(r"^ ?[壹貳參肆伍陸柒捌玖拾]+、")),
    (2, re.compile(r"^ ?[一二三四五六七八九十○]+、")),
    (3, re.compile(r"^ ?[(（][一二三四五六七八九十○]+[)）]")),
    (4, re.compile(r"^ ?(?:[0-9]+|[０-９]+)(?:、|\.[^0-9])")),
    (5, re.compile(r"^ ?[(（](?:[0-9]+|[０-９]+)[)）]")),
    (6, re.compile(r"^ ?[Ａ-Ｚ]、")),
    (7, re.compile(r"^ ?[ａ-ｚ]、")),
]
# Where the plain scan is knowingly wrong (each checked by reading the line):
# (file, 1-based raw line) -> level the outline must give it, or None for "not a heading".
_SCAN_CORRECTIONS: dict[tuple[str, int], int | None] = {
    # 積極辦理（1）…；（2）…；\n（3）東港溪… — an inline enumeration broken at a line start.
    ("moea-report-2018-03.txt", 1842): None,
    # ( 6 )本年6月23日函頒… — spaces inside the brackets.
    ("ey-2010h1-report.txt", 31): 5,
    # ９ 、進行LED照明… — a space before 、.
    ("ey-2010h1-report.txt", 1346): 4,
}
# Titles are kept for every heading of these reports, for levels <= 2 of the others.
_FULL_TITLES = {"moea-report-2018-03.txt", "moea-2012-03-report.txt", "moea-2012-09-report.txt"}


def summarise(name: str, doc: Document) -> dict[str, Any]:
    sections = doc.all_sections()
    per_chapter: dict[str, dict[str, int]] = {}
    for chapter in doc.sections:
        counts = Counter(s.level for s in chapter.walk())
        per_chapter[chapter.path] = {str(k): v for k, v in sorted(counts.items())}
    full = name in _FULL_TITLES
    return {
        "report": name,
        "chapters": [[s.path, s.title] for s in doc.sections],
        "counts": {str(k): v for k, v in sorted(Counter(s.level for s in sections).items())},
        "per_chapter": per_chapter,
        "headings": [
            [s.path, s.level, s.title] if full or s.level <= 2 else [s.path, s.level]
            for s in sections
        ],
        "warnings": list(doc.warnings),
    }


def raw_scan(path: Path) -> tuple[list[int], dict[str, Counter[int]], list[str]]:
    """Heading levels in order, counts per chapter and chapter titles, from raw lines alone."""
    order: list[int] = []
    per_chapter: dict[str, Counter[int]] = {}
    titles: list[str] = []
    chapter = None
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if " | " in line:  # a flattened table row
            continue
        level = next((lv for lv, p in _RAW_MARKERS if p.match(line)), None)
        level = _SCAN_CORRECTIONS.get((path.name, number), level)
        if level is None:
            continue
        if level == 1:
            marker, _, title = line.strip().partition("、")
            chapter = marker
            titles.append(re.sub(r"[\s\u3000]+", "", title))
            per_chapter[chapter] = Counter()
        order.append(level)
        assert chapter is not None, f"{path.name}:{number}: heading before the first chapter"
        per_chapter[chapter][level] += 1
    return order, per_chapter, titles


@pytest.mark.parametrize("name", REPORTS)
def test_outline_matches_golden(name: str, corpus_dir: Path) -> None:
    doc = load_document(corpus_dir / name)
    got = summarise(name, doc)
    golden_path = GOLDEN / f"outline-{name.removesuffix('.txt')}.json"
    maybe_regenerate(golden_path, got)
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    assert got == golden


def maybe_regenerate(path: Path, data: dict[str, Any]) -> None:
    if os.environ.get("POLICYLEDGER_REGEN") != "1":
        return
    if os.environ.get("CI") == "true":
        pytest.fail("POLICYLEDGER_REGEN is refused under CI: golden files are reviewed by people")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_regeneration_is_refused_under_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYLEDGER_REGEN", "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="refused under CI"):
        maybe_regenerate(tmp_path / "x.json", {})
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("name", REPORTS)
def test_golden_agrees_with_an_independent_scan(name: str, corpus_dir: Path) -> None:
    golden = json.loads(
        (GOLDEN / f"outline-{name.removesuffix('.txt')}.json").read_text(encoding="utf-8")
    )
    order, per_chapter, titles = raw_scan(corpus_dir / name)
    assert [t for _, t in golden["chapters"]] == CHAPTERS[name] == titles
    assert [h[1] for h in golden["headings"]] == order
    assert golden["counts"] == {str(k): v for k, v in sorted(Counter(order).items())}
    assert golden["per_chapter"] == {
        ch: {str(k): v for k, v in sorted(c.items())} for ch, c in per_chapter.items()
    }


@pytest.mark.parametrize("name", REPORTS)
def test_every_heading_sits_under_the_right_parent(name: str, corpus_dir: Path) -> None:
    """Parents have a lower level, siblings are numbered 1, 2, 3… (gaps are warned)."""
    doc = load_document(corpus_dir / name)
    gaps = 0

    def check(children: tuple[Any, ...], parent_level: int) -> None:
        nonlocal gaps
        by_level: dict[int, list[int]] = {}
        for c in children:
            assert c.level > parent_level, c.path
            by_level.setdefault(c.level, []).append(c.number)
            check(c.children, c.level)
        for numbers in by_level.values():
            gaps += numbers != list(range(numbers[0], numbers[0] + len(numbers)))

    check(doc.sections, 0)
    assert gaps == len(doc.warnings)


def test_2018_has_no_furniture_in_any_title_or_paragraph(report_2018: Path) -> None:
    doc = load_document(report_2018)
    furniture = re.compile(r"^\s*\d{1,3}\s*$|https?://|[\u4e00-\u9fff] {2,}[\u4e00-\u9fff]")
    for s in doc.all_sections():
        assert not furniture.search(s.title), s.path
        for p in s.paragraphs:
            assert not furniture.search(p.text), (s.path, p.text)
            # In the PDF-extracted text a paragraph is whole: it ends a sentence.
            assert p.text[-1] in "。：；", (s.path, p.text[-30:])


def test_2018_heading_with_body_on_the_same_line(report_2018: Path) -> None:
    doc = load_document(report_2018)
    sections = {s.path: s for s in doc.all_sections()}
    sand = sections["拾貳/三"]  # 三、 106 年砂石需求量為 6,573 萬公噸，107 年規劃供應量 9,289 萬公…
    assert sand.title == "106 年砂石需求量為 6,573 萬公噸"
    assert sand.paragraphs[0].text.startswith(
        "106 年砂石需求量為 6,573 萬公噸，107 年規劃供應量 9,289 萬公噸（內含庫存）"
    )
    assert sand.paragraphs[0].text.endswith("平抑砂石價格。")
    label = sections["壹/一/（一）/1"]  # 1、 連結在地：臺中市政府規劃…
    assert label.title == "連結在地"
    assert label.paragraphs[0].text.startswith(
        "臺中市政府規劃神岡豐洲科技工業園區第二期為智慧機械園區"
    )
