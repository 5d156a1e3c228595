"""ODT (OpenDocument Text, Taiwan's government standard format) through odfpy.

Every paragraph and heading, including those inside lists and table cells, becomes one
line in document order; a table row becomes one line with cells joined by `` | ``, the
same convention as the corpus's flattened tables.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from policyledger.ingest.readers.base import RawText

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def read_odt(path: Path, data: bytes) -> RawText:
    from odf import teletype
    from odf.opendocument import load

    doc = load(io.BytesIO(data))
    lines: list[str] = []

    def walk(node: Any) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname in ((_TEXT_NS, "p"), (_TEXT_NS, "h")):
                lines.append(teletype.extractText(child))
            elif qname == (_TABLE_NS, "table-row"):
                cells = [
                    " ".join(
                        teletype.extractText(p)
                        for p in cell.childNodes
                        if getattr(p, "qname", None) in ((_TEXT_NS, "p"), (_TEXT_NS, "h"))
                    )
                    for cell in child.childNodes
                    if getattr(cell, "qname", None) == (_TABLE_NS, "table-cell")
                ]
                lines.append(" | ".join(cells))
            else:
                walk(child)

    walk(doc.text)
    return RawText.from_lines(lines, "odt")
