"""Cleaning: page furniture, re-joined lines and figures, spaces, and the offset map."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from policyledger.ingest import document_from_text, fold, load_document
from policyledger.ingest.clean import clean, normalise_line
from policyledger.ingest.readers.base import RawText


def cleaned(lines: list[str]) -> str:
    return clean(RawText.from_lines(lines, "text")).text


def test_figure_split_by_blank_lines_is_whole() -> None:
    d = document_from_text("預計 3 年內帶動投資 22.3\n\n億元；另投資 11.9\n億元。", report_id="t")
    assert d.text == "預計 3 年內帶動投資 22.3 億元；另投資 11.9 億元。"


def test_spaces_inside_lines() -> None:
    assert normalise_line("壹、內　　政 ") == "壹、內政"
    assert normalise_line("開放式創新系統平台（Open   Innovation System\tPlatform）") == (
        "開放式創新系統平台（Open Innovation System Platform）"
    )
    assert normalise_line("投資 22.3 億元") == "投資 22.3 億元"
    assert normalise_line("本部於 大院所作承諾") == "本部於大院所作承諾"


def test_fold_keeps_length_and_maps_widths() -> None:
    s = "（１）ＡＢ　１２３．５％、「內政」"
    assert fold(s) == "(1)AB 123.5%、「內政」"
    assert len(fold(s)) == len(s)


# A page of PDF-extracted text in the style of the 2018 report: blank line between lines,
# each page's text starting with one space, a trailing space after the last character of
# a paragraph or title, and page furniture (running header, page number, stray URL).
WRAPPED = [
    " 壹、工業 ",
    "",
    "一、 推動重點產業創新發展 ",
    "",
    "1、 連結在地：臺中市政府規劃神岡豐洲科技工業園區第二期為智",
    "",
    "慧機械園區，預期可容納 100 家廠商，總投資額可達 155 億元，",
    "",
    "就業人口數可達 6,438 人。 ",
    "",
    "2、 連結未來：推動開放式創新系統平台（Open Innovation ",
    "",
    "System Platform），預計 3 年內帶動投資 22.3",
    "",
    "https://example.com/search/tagging/2/APP",
    "",
    "",
    "工  業 ",
    "",
    " 2 ",
    "",
    "億元，增加產業銷售額 62.04 億元。 ",
    "",
    "3、 連結國際：辦理臺日、臺歐盟國際智慧機械論壇，促成與歐洲、美國",
    "",
    "（DELL、Rockwell 等）及泰國（BDI 等）簽署 14 件合",
    "",
    "作備忘錄。 ",
    "",
    "二、 推動產業結構優化 ",
]


def test_wrapped_pdf_text() -> None:
    c = clean(RawText.from_lines(WRAPPED, "text"))
    assert c.wrapped and c.paged
    assert c.text.split("\n") == [
        "壹、工業",
        "一、 推動重點產業創新發展",
        "1、 連結在地：臺中市政府規劃神岡豐洲科技工業園區第二期為智慧機械園區，"
        "預期可容納 100 家廠商，總投資額可達 155 億元，就業人口數可達 6,438 人。",
        "2、 連結未來：推動開放式創新系統平台（Open Innovation System Platform），"
        "預計 3 年內帶動投資 22.3 億元，增加產業銷售額 62.04 億元。",
        "3、 連結國際：辦理臺日、臺歐盟國際智慧機械論壇，促成與歐洲、美國"
        "（DELL、Rockwell 等）及泰國（BDI 等）簽署 14 件合作備忘錄。",
        "二、 推動產業結構優化",
    ]
    # Every piece of cleaned text maps back to its page and source line.
    d = document_from_text("\n".join(WRAPPED), report_id="t")
    at = d.source_at(d.text.index("億元，增加產業"))
    assert at is not None and (at.page, at.line) == (2, 22)
    at = d.source_at(d.text.index("慧機械園區"))
    assert at is not None and (at.page, at.line) == (1, 7)


def test_pages_are_not_invented_without_matching_page_numbers() -> None:
    lines = [ln.replace(" 2 ", " 7 ") for ln in WRAPPED]
    c = clean(RawText.from_lines(lines, "text"))
    assert not c.paged
    assert all(span.page is None for _, span in c.spans)
    assert len(c.warnings) == 1 and "page numbers disagree" in c.warnings[0]


def test_form_feeds_are_page_breaks() -> None:
    c = clean(RawText.from_lines(["壹、工業", "一、甲。\f二、乙。", "三、丙。"], "text"))
    assert c.paged
    pages = [span.page for _, span in c.spans]
    assert pages == [1, 1, 2, 2]


def test_one_paragraph_per_line_text_is_not_joined() -> None:
    lines = ["壹、內　　政", "一、民政業務", "(一)推動地方制度：健全地方制度。", "本期完成修法。"]
    assert cleaned(lines).split("\n") == [
        "壹、內政",
        "一、民政業務",
        "(一)推動地方制度：健全地方制度。",
        "本期完成修法。",
    ]


def test_report_2018_has_no_page_furniture(report_2018: Path) -> None:
    d = load_document(report_2018)
    for furniture in ("工  業", "投    資", "貿  易", "水  利", "https://", "\n14\n", "\n29\n"):
        assert furniture not in d.text
    for line in d.text.split("\n"):
        assert not line.strip().isdigit()
        assert line == line.strip()
    # Text on both sides of the removed furniture joins up.
    assert "完成使用後可申請無息退還完成使用保證金；倘申請人 2 年內" in d.text
    assert "產學合作發掘廠商實際需求。" in d.text
    assert "107 年規劃供應量 9,289 萬公噸（內含庫存）" in d.text
    assert "預計 3 年內帶動投資 22.3 億元；" in d.text
    assert "開放式創新系統平台（Open Innovation System Platform，簡稱 OISP）" in d.text
    # Page numbers in the map agree with the numbers printed in the report.
    at = d.source_at(d.text.index("金；倘申請人"))
    assert at is not None and at.page == 14
    sections = {s.path: s for s in d.all_sections()}
    assert sections["貳"].page == 17
    assert sections["拾貳"].page == 91  # printed 94 three pages later, at line 4480


def test_running_header_repeated_on_pdf_pages_is_dropped() -> None:
    pages = [
        f"經濟部業務報告\n{body}\n經濟部 107 年 3 月"
        for body in ("壹、工業", "一、推動產業創新。", "二、推動產業升級。", "三、活化產業用地。")
    ]
    c = clean(RawText.from_pages(pages, "pdf"))
    assert c.text == "壹、工業\n一、推動產業創新。\n二、推動產業升級。\n三、活化產業用地。"
    assert [span.page for _, span in c.spans] == [1, 2, 3, 4]


@given(st.text(max_size=200))
def test_fold_is_length_preserving_and_idempotent(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@given(
    st.lists(st.text(alphabet="壹一（）1、。，；甲乙 22.3億元\u3000Ab", max_size=40), max_size=30)
)
def test_cleaning_never_crashes_and_spans_are_ordered(lines: list[str]) -> None:
    c = clean(RawText.from_lines(lines, "text"))
    keys = [k for k, _ in c.spans]
    assert keys == sorted(keys)
    assert all(0 <= k < max(1, len(c.text)) for k in keys)
    assert "\n\n" not in c.text
