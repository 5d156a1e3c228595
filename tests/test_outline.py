"""The heading grammar, titles, paragraphs and sentences on small texts written here."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyledger.ingest import document_from_text
from policyledger.models import Document
from policyledger.outline import (
    build_outline,
    canonical_marker,
    chinese_number,
    match_marker,
    split_sentences,
)


def doc(text: str) -> Document:
    return document_from_text(text, report_id="test")


def paths(text: str) -> list[str]:
    return [s.path for s in doc(text).all_sections()]


@pytest.mark.parametrize(
    ("line", "level", "number", "canonical"),
    [
        ("壹、工業", 1, 1, "壹"),
        ("拾貳、礦業及地質調查", 1, 12, "拾貳"),
        ("一、 推動", 2, 1, "一"),
        ("十一、推動", 2, 11, "十一"),
        ("（一） 推動", 3, 1, "（一）"),
        ("(一)推動", 3, 1, "（一）"),
        ("(一○)金融監理", 3, 10, "（十）"),
        ("（十二）推動", 3, 12, "（十二）"),
        ("1、 連結", 4, 1, "1"),
        ("１、連結", 4, 1, "1"),
        ("10、連結", 4, 10, "1" + "0"),
        ("1. 為推動", 4, 1, "1"),
        ("９ 、進行", 4, 9, "9"),
        ("（1） 國內", 5, 1, "（1）"),
        ("(１)國內", 5, 1, "（1）"),
        ("( 6 )本年", 5, 6, "（6）"),
        ("Ａ、三軍", 6, 1, "A"),
        ("ａ、三軍", 7, 1, "a"),
    ],
)
def test_markers(line: str, level: int, number: int, canonical: str) -> None:
    m = match_marker(line)
    assert m is not None
    assert (m.level, m.number, m.canonical) == (level, number, canonical)


@pytest.mark.parametrize(
    "line",
    ["15.49％。", "2017 臺灣航太產業", "106 年推動", "一般而言", "（含中南東部47家）", "本部", ""],
)
def test_not_markers(line: str) -> None:
    assert match_marker(line) is None


def test_chinese_numbers() -> None:
    assert [chinese_number(x) for x in ("一", "十", "十一", "二十三", "一○", "一二")] == [
        1,
        10,
        11,
        23,
        10,
        12,
    ]
    assert chinese_number("拾貳") == 12
    assert chinese_number("○一") is None
    assert canonical_marker(1, 12) == "拾貳"
    assert canonical_marker(2, 20) == "二十"


def test_full_and_half_width_markers_build_one_tree() -> None:
    text = "壹、工業\n一、推動\n(一)甲\n１、乙\n(１)丙\n(２)丁\n２、戊\n（二）己\n1. 庚"
    assert paths(text) == [
        "壹",
        "壹/一",
        "壹/一/（一）",
        "壹/一/（一）/1",
        "壹/一/（一）/1/（1）",
        "壹/一/（一）/1/（2）",
        "壹/一/（一）/2",
        "壹/一/（二）",
        "壹/一/（二）/1",
    ]
    sections = doc(text).all_sections()
    assert [s.level for s in sections] == [1, 2, 3, 4, 5, 5, 4, 3, 4]
    assert sections[4].marker == "(１)"


def test_inline_enumeration_at_a_line_start_is_not_a_heading() -> None:
    text = (
        "壹、水利\n"
        "（一）開發水源。\n"
        "（二）節約用水。\n"
        "（三）穩定南部供水：積極辦理（1）水庫設施更新改善；（2）調度及備援系統提升；\n"
        "（3）原水前處理工程。\n"
        "（四）充實備援備載能量。"
    )
    d = doc(text)
    assert [s.path for s in d.all_sections()] == [
        "壹",
        "壹/（一）",
        "壹/（二）",
        "壹/（三）",
        "壹/（四）",
    ]
    third = d.all_sections()[3]
    assert third.paragraphs[-1].text == "（3）原水前處理工程。"
    assert d.warnings == ()


def test_a_new_level_must_start_at_one() -> None:
    # Only chapters (壹、) may start anywhere: an excerpt can begin at 參、.
    assert paths("參、國防\n（三）甲。\n一、乙") == ["參", "參/一"]
    # An excerpt without chapters may begin mid-list.
    assert paths("前言。\n三、丙\n四、丁") == ["三", "四"]


def test_numbering_gap_is_a_warning() -> None:
    d = doc("壹、工業\n一、甲\n二、乙\n四、丁\n參、商業")
    assert paths("壹、工業\n一、甲\n二、乙\n四、丁\n參、商業") == [
        "壹",
        "壹/一",
        "壹/二",
        "壹/四",
        "參",
    ]
    assert len(d.warnings) == 2
    assert "三" in d.warnings[0] and "gap" in d.warnings[0]
    assert "貳" in d.warnings[1]


def test_repeated_marker_gets_a_suffix() -> None:
    d = doc("壹、工業\n（一）甲\n（二）乙\n（二）丙")
    assert [s.path for s in d.all_sections()] == ["壹", "壹/（一）", "壹/（二）", "壹/（二）~2"]
    assert any("repeat" in w for w in d.warnings)


def test_numbering_restarts_under_a_new_parent() -> None:
    assert paths("壹、甲\n一、乙\n二、丙\n貳、丁\n一、戊") == [
        "壹",
        "壹/一",
        "壹/二",
        "貳",
        "貳/一",
    ]


def test_table_rows_are_not_headings() -> None:
    d = doc(
        "壹、財政\n（一）稅收：\n一、稅捐 | 673,305 | 672,478\n（一）關稅 | 39,220 | 42,858\n（二）國債。"
    )
    assert [s.path for s in d.all_sections()] == ["壹", "壹/（一）", "壹/（二）"]
    assert len(d.all_sections()[1].paragraphs) == 2


def test_title_rules() -> None:
    d = doc(
        "壹、工業\n"
        "一、 推動重點產業創新發展\n"
        "1、 連結在地：臺中市規劃園區，可容納 100 家廠商。\n"
        "2、 106 年推動風力發電產業投資 54.4 億元，較上年成長 82％。提供產業鏈技術診斷輔導。\n"
        "3、 推動產品取得國內外上市許可：\n"
        "4、 推動「全國循環專區：試點」計畫：落實計畫。\n"
        "5、 協助地方政府發展城鄉特色產業，針對具有群聚現象、扮演區域樞紐角色、並具有帶動周邊"
        "產業發展的城鄉特色產業，補助縣市政府建置園區。\n"
        "6、 上午8:30舉行記者會。"
    )
    s = {x.path: x for x in d.all_sections()}
    title_only = s["壹/一"]
    assert title_only.title == "推動重點產業創新發展"
    assert title_only.paragraphs == ()
    assert d.text[title_only.start : title_only.heading_end] == "一、 推動重點產業創新發展"

    label = s["壹/一/1"]
    assert label.title == "連結在地"
    assert d.text[label.heading_end - 1] == "："
    assert label.paragraphs[0].text == "臺中市規劃園區，可容納 100 家廠商。"

    sentence = s["壹/一/2"]
    assert sentence.title == "106 年推動風力發電產業投資 54.4 億元，較上年成長 82％"
    # The title sentence stays in the paragraph: its figures must be extracted.
    assert sentence.paragraphs[0].text.startswith("106 年推動風力發電產業投資 54.4 億元")
    assert [x.text for x in sentence.paragraphs[0].sentences] == [
        "106 年推動風力發電產業投資 54.4 億元，較上年成長 82％。",
        "提供產業鏈技術診斷輔導。",
    ]

    long_sentence = s["壹/一/5"]
    assert long_sentence.title == "協助地方政府發展城鄉特色產業"
    assert d.text[long_sentence.heading_end] == "，"
    assert long_sentence.paragraphs[0].text.startswith("協助地方政府發展城鄉特色產業，針對")

    assert s["壹/一/3"].title == "推動產品取得國內外上市許可"
    assert s["壹/一/6"].title == "上午8:30舉行記者會"
    assert s["壹/一/3"].paragraphs == ()
    # A colon inside quotes does not end the label.
    assert s["壹/一/4"].title == "推動「全國循環專區：試點」計畫"


def test_offsets_point_into_the_text() -> None:
    text = "前言一段。\n壹、工業\n一、甲：內容一。內容二；內容三。\n本段。\n貳、商業"
    d = doc(text)
    assert [p.text for p in d.preamble] == ["前言一段。"]
    for s in d.all_sections():
        assert d.text[s.start :].startswith(s.marker)
        assert s.start < s.heading_end <= s.end <= len(d.text)
        for p in s.paragraphs:
            assert d.text[p.start : p.end] == p.text
            for sent in p.sentences:
                assert d.text[sent.start : sent.end] == sent.text
    first = d.all_sections()[0]
    assert first.end == d.text.index("本段。") + len("本段。")
    assert first.children[0].paragraphs[0].text == "內容一。內容二；內容三。"
    assert first.children[0].paragraphs[1].text == "本段。"


def test_sentences_respect_quotes_and_brackets() -> None:
    sents = split_sentences("甲。乙「丙。」丁；戊（己。）庚")
    assert [s.text for s in sents] == ["甲。", "乙「丙。」丁；", "戊（己。）庚"]
    # An unbalanced bracket does not swallow the rest of the paragraph.
    assert len(split_sentences("甲（乙。丙。丁。")) == 3


def test_build_outline_on_empty_text() -> None:
    out = build_outline("")
    assert out.sections == () and out.preamble == ()


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="壹一（）()1１、。；：「」 \n甲乙.", max_size=300))
def test_never_crashes_and_offsets_hold(text: str) -> None:
    d = doc(text)
    for s in d.all_sections():
        for p in s.paragraphs:
            assert d.text[p.start : p.end] == p.text
    assert len({s.path for s in d.all_sections()}) == len(d.all_sections())


@pytest.mark.parametrize(
    "text",
    [
        "（" * 100_000,
        "1、" * 50_000,
        "壹、" + "一" * 100_000,
        ("（一）" + "「" * 10 + "。") * 10_000,
        "甲" * 100_000,
    ],
)
def test_regexes_never_hang_on_long_input(text: str) -> None:
    start = time.perf_counter()
    doc(text)
    assert time.perf_counter() - start < 2.0
