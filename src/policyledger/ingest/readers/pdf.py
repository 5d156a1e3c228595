"""PDF text layer through pypdf, one page at a time so page numbers survive.

pypdf is used rather than pdfplumber because it applies the predefined CJK CMaps
(``UniCNS-UCS2-H`` and friends): text set in a non-embedded CID font such as
MSung-Light, common in government PDFs, comes out as Chinese instead of ``(cid:97)``.
There is no OCR: a PDF whose pages carry no text is refused with ``NoTextLayer``.
"""

from __future__ import annotations

import io
from pathlib import Path

from policyledger.errors import CorruptFile, NoTextLayer
from policyledger.ingest.readers.base import RawText


def read_pdf(path: Path, data: bytes) -> RawText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    if b"%%EOF" not in data[-2048:]:
        # pypdf can recover a document with a missing trailer and silently return some
        # of its pages; a report with pages missing is worse than an error.
        raise CorruptFile(
            path, "PDF 檔不完整（缺少檔尾），可能下載中斷 (truncated PDF: no %%EOF trailer)"
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CorruptFile(path, "PDF 檔已加密，請先解除密碼保護 (the PDF is encrypted)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, PdfStreamError) as exc:
        raise CorruptFile(path, f"PDF 檔已損毀，無法解析 (damaged PDF: {exc})") from exc
    if not pages:
        raise CorruptFile(path, "PDF 檔沒有任何頁面 (the PDF has no pages)")
    if not any(p.strip() for p in pages):
        raise NoTextLayer(
            path,
            f"PDF 共 {len(pages)} 頁但沒有文字層（可能是掃描影像），本系統不支援 OCR "
            f"({len(pages)} pages without a text layer, probably scanned; OCR is not supported)",
        )
    return RawText.from_pages([p.replace("\r\n", "\n") for p in pages], "pdf")
