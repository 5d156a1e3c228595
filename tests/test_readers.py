"""Each reader on fixtures built here from text we wrote (no binary fixtures checked in)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policyledger.ingest import load_document
from policyledger.models import Document

# One small report in the house outline, written for these tests.
REPORT_LINES = [
    "壹、工業",
    "一、推動重點產業創新發展",
    "（一）推動智慧機械產業發展",
    "1、連結在地：規劃智慧機械園區，預期可容納 100 家廠商，總投資額可達 155 億元。",
    "2、連結未來：解決方案 6 案，預計 3 年內帶動投資 22.3 億元。",
    "（二）推動綠能科技產業發展",
    "106 年推動風力發電產業投資 54.4 億元，較上年成長 82％。",
    "貳、商業",
    "一、塑造良好經商環境",
    "本部已完成公司法修正草案；預計 107 年施行。",
]
EXPECTED_PATHS = [
    "壹",
    "壹/一",
    "壹/一/（一）",
    "壹/一/（一）/1",
    "壹/一/（一）/2",
    "壹/一/（二）",
    "貳",
    "貳/一",
]


def _check_outline(doc: Document) -> None:
    assert [s.path for s in doc.all_sections()] == EXPECTED_PATHS
    by_path = {s.path: s for s in doc.all_sections()}
    assert by_path["壹/一/（一）/1"].title == "連結在地"
    assert by_path["壹/一/（二）"].paragraphs[0].text.startswith("106 年推動風力發電")
    assert "22.3 億元" in doc.text


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("cp950", b"", "cp950"),
        ("big5", b"", "cp950"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
    ],
)
def test_text_encodings(tmp_path: Path, encoding: str, bom: bytes, expected: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bom + "\r\n".join(REPORT_LINES).encode(encoding))
    doc = load_document(path)
    assert doc.encoding == expected
    assert doc.source_format == "text"
    assert not doc.text.startswith("\ufeff")
    _check_outline(doc)


def make_pdf(path: Path, pages: list[list[str]], *, text: bool = True) -> None:
    """A PDF set in MSung-Light (a CID font that is not embedded), one list per page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    c = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, start=1):
        if text:
            c.setFont("MSung-Light", 12)
            y = 800
            for line in lines:
                c.drawString(50, y, line)
                y -= 20
            # Page furniture: a letter-spaced running header and the page number.
            c.drawString(280, 50, "工  業")
            c.drawString(290, 30, str(number))
        else:
            c.rect(50, 50, 400, 600, fill=1)  # a "scan": shapes, no text
        c.showPage()
    c.save()


# Wrapped the way a PDF lays out a report: fixed-width lines broken mid-sentence and,
# across the page break, inside a figure (22.3 / 億元).
PDF_PAGES = [
    [
        "壹、工業",
        "一、 推動重點產業創新發展",
        "（一） 推動智慧機械產業發展",
        "1、 連結在地：臺中市政府規劃神岡豐洲科技工業園區第二期為智",
        "慧機械園區，預期可容納 100 家廠商，總投資額可達 155 億元，",
        "就業人口數可達 6,438 人；亦規劃臺中水湳國際會展中心，總面",
        "積 10.9 公頃，可達 4,630 攤。",
        "2、 連結未來：透過智慧機上盒及建立公版聯網平台等系統整體解",
        "決方案，協助中小企業導入生產數位化；預計 3 年內帶動投資 22.3",
    ],
    [
        "億元；推動智慧機械產業領航計畫，促成具指標性之需求者與國內",
        "解決方案提供者及學校合作。",
        "（二） 推動綠能科技產業發展",
        "1、 已啟動跨部會合作機制，與科技部共同設立綠能科技產業推動中",
        "心，負責綠能推動、產業發展及科技創新等策略推動與管理。",
        "貳、商業",
        "一、 塑造良好經商環境",
        "（一） 修正公司法",
        "1、 本次公司法共計修正 148 條條文，變動幅度為近 10 年之最。",
    ],
]


def test_pdf_text_layer_keeps_pages(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path, PDF_PAGES)
    doc = load_document(path)
    assert doc.source_format == "pdf"
    paths = [s.path for s in doc.all_sections()]
    assert paths == [
        "壹",
        "壹/一",
        "壹/一/（一）",
        "壹/一/（一）/1",
        "壹/一/（一）/2",
        "壹/一/（二）",
        "壹/一/（二）/1",
        "貳",
        "貳/一",
        "貳/一/（一）",
        "貳/一/（一）/1",
    ]
    by_path = {s.path: s for s in doc.all_sections()}
    assert by_path["壹"].page == 1
    assert by_path["壹/一/（二）"].page == 2
    assert by_path["貳"].page == 2
    # Lines re-joined, the figure split by the page break made whole, furniture gone.
    first = by_path["壹/一/（一）/1"].paragraphs[0].text
    assert first.startswith("臺中市政府規劃神岡豐洲科技工業園區第二期為智慧機械園區")
    assert first.endswith("可達 4,630 攤。")
    assert "帶動投資 22.3 億元；推動智慧機械" in doc.text
    assert "工  業" not in doc.text and "工業\n" not in doc.text.replace("壹、工業\n", "")
    offset = doc.text.index("億元；推動智慧機械")
    span = doc.source_at(offset)
    assert span is not None and span.page == 2


def test_odt(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import H, P

    doc = OpenDocumentText()
    for i, line in enumerate(REPORT_LINES):
        # Mix headings and paragraphs as an editor would.
        doc.text.addElement(H(outlinelevel=1, text=line) if i == 0 else P(text=line))
    table = Table()
    row = TableRow()
    for cell_text in ("項目", "金額"):
        cell = TableCell()
        cell.addElement(P(text=cell_text))
        row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    path = tmp_path / "report.odt"
    doc.save(str(path))
    loaded = load_document(path)
    assert loaded.source_format == "odt"
    _check_outline(loaded)
    assert loaded.text.endswith("項目 | 金額")


def test_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in REPORT_LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "項目"
    table.rows[0].cells[1].text = "金額"
    path = tmp_path / "report.docx"
    document.save(str(path))
    loaded = load_document(path)
    assert loaded.source_format == "docx"
    _check_outline(loaded)
    assert loaded.text.endswith("項目 | 金額")
