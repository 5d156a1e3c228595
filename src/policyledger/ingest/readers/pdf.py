"""PDF text layer through pdfplumber, one page at a time so page numbers survive.

There is no OCR: a PDF whose pages carry no text is refused with ``NoTextLayer``.
"""

from __future__ import annotations

import io
from pathlib import Path

from policyledger.errors import CorruptFile, NoTextLayer
from policyledger.ingest.readers.base import RawText


def read_pdf(path: Path, data: bytes) -> RawText:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if b"%%EOF" not in data[-2048:]:
        # pdfminer tries to recover from a missing trailer and may return a partial
        # document silently; a report with pages missing is worse than an error.
        raise CorruptFile(
            path, "PDF 檔不完整（缺少檔尾），可能下載中斷 (truncated PDF: no %%EOF trailer)"
        )
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptFile(path, f"PDF 檔已損毀，無法解析 (damaged PDF: {exc})") from exc
    if not pages:
        raise CorruptFile(path, "PDF 檔沒有任何頁面 (the PDF has no pages)")
    if not any(p.strip() for p in pages):
        raise NoTextLayer(
            path,
            f"PDF 共 {len(pages)} 頁但沒有文字層（可能是掃描影像），本系統不支援 OCR "
            f"({len(pages)} pages without a text layer, probably scanned; OCR is not supported)",
        )
    return RawText.from_pages(pages, "pdf")
