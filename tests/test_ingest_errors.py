"""Bad input: every way a file can fail raises the right IngestError, naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from policyledger.errors import (
    CorruptFile,
    EmptyInput,
    EncodingError,
    FileTooLarge,
    IngestError,
    NoTextLayer,
    UnsupportedFormat,
)
from policyledger.ingest import DEFAULT_MAX_BYTES, load_document
from policyledger.ingest import readers as readers_module
from policyledger.ingest.formats import SourceFormat
from test_readers import PDF_PAGES, make_pdf


def _raises(exc: type[IngestError], path: Path, **kwargs: int) -> IngestError:
    with pytest.raises(exc) as info:
        load_document(path, **kwargs)
    err = info.value
    assert err.path == str(path)
    assert str(path) in str(err)
    return err


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "空" in _raises(EmptyInput, path).reason


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\u3000\n", encoding="utf-8")
    _raises(EmptyInput, path)


def test_only_page_furniture_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text(" 14 \n\n工  業\n", encoding="utf-8")
    _raises(EmptyInput, path)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 64)
    err = _raises(UnsupportedFormat, path)
    assert "binary" in err.reason


def test_unknown_format_is_named(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert "PNG" in _raises(UnsupportedFormat, path).reason


def test_zip_that_is_not_a_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("data.csv", "a,b\n")
    path = tmp_path / "archive.zip"
    path.write_bytes(buf.getvalue())
    assert "ZIP" in _raises(UnsupportedFormat, path).reason


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scanned.pdf"
    make_pdf(path, [[], []], text=False)
    err = _raises(NoTextLayer, path)
    assert "OCR" in err.reason
    assert "2" in err.reason


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = tmp_path / "whole.pdf"
    make_pdf(whole, PDF_PAGES)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    _raises(CorruptFile, path)


def test_pdf_with_broken_body_wraps_the_parser_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    err = _raises(CorruptFile, path)
    assert err.__cause__ is not None


def test_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("壹、工業\n", encoding="utf-8")
    _raises(CorruptFile, path)


def test_damaged_docx_wraps_the_parser_error(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not xml")
    path = tmp_path / "damaged.docx"
    path.write_bytes(buf.getvalue())
    err = _raises(CorruptFile, path)
    assert err.__cause__ is not None


def test_truncated_odt(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    doc.text.addElement(P(text="壹、工業"))
    whole = tmp_path / "whole.odt"
    doc.save(str(whole))
    path = tmp_path / "truncated.odt"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _raises(CorruptFile, path)


def test_fifty_megabyte_text_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write("壹、工業\n".encode())
        fh.truncate(50 * 2**20)  # sparse: the size check must not read it
    err = _raises(FileTooLarge, path)
    assert f"{DEFAULT_MAX_BYTES:,}" in err.reason


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("壹、工業\n一、推動產業創新。\n", encoding="utf-8")
    _raises(FileTooLarge, path, max_bytes=10)
    assert load_document(path, max_bytes=1000).sections[0].title == "工業"


def test_undetectable_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mystery.txt"
    # High bytes without NULs or control characters: not binary, but no codec we know
    # turns them into plausible report text.
    path.write_bytes(
        bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 40
    )
    err = _raises(EncodingError, path)
    assert "UTF-8" in err.reason


def test_missing_file(tmp_path: Path) -> None:
    _raises(IngestError, tmp_path / "nowhere.txt")


def test_every_parser_error_is_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that throws something unexpected still surfaces as an IngestError."""

    def explode(path: Path, data: bytes) -> object:
        raise KeyError("styles.xml")

    monkeypatch.setitem(readers_module.READERS, SourceFormat.TEXT, explode)
    path = tmp_path / "report.txt"
    path.write_text("壹、工業\n", encoding="utf-8")
    err = _raises(CorruptFile, path)
    assert isinstance(err.__cause__, KeyError)
