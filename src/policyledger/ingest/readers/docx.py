"""DOCX through python-docx: body paragraphs and table rows in document order."""

from __future__ import annotations

import io
from pathlib import Path

from policyledger.ingest.readers.base import RawText


def read_docx(path: Path, data: bytes) -> RawText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append(" | ".join(cell.text.replace("\n", " ") for cell in row.cells))
    return RawText.from_lines(lines, "docx")
