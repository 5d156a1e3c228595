"""Format readers: one module per format, all ``(path, data) -> RawText``."""

from __future__ import annotations

from policyledger.ingest.formats import SourceFormat
from policyledger.ingest.readers.base import RawLine, RawText, Reader
from policyledger.ingest.readers.docx import read_docx
from policyledger.ingest.readers.odt import read_odt
from policyledger.ingest.readers.pdf import read_pdf
from policyledger.ingest.readers.text import read_text

READERS: dict[SourceFormat, Reader] = {
    SourceFormat.TEXT: read_text,
    SourceFormat.PDF: read_pdf,
    SourceFormat.ODT: read_odt,
    SourceFormat.DOCX: read_docx,
}

__all__ = ["READERS", "RawLine", "RawText", "Reader"]
