"""The one interface every format reader implements."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line as the reader produced it, before any cleaning."""

    text: str
    line: int  # 1-based, counted over the reader's whole output
    page: int | None = None  # 1-based physical page when the format has pages


@dataclass(frozen=True, slots=True)
class RawText:
    lines: tuple[RawLine, ...]
    source_format: str
    encoding: str | None = None
    # True when the reader knows page boundaries (PDF); text files may still have them
    # detected by cleaning from printed page numbers.
    paged: bool = False

    @classmethod
    def from_pages(cls, pages: list[str], source_format: str) -> RawText:
        out: list[RawLine] = []
        n = 0
        for page_no, page in enumerate(pages, start=1):
            for text in page.split("\n"):
                n += 1
                out.append(RawLine(text, n, page_no))
        return cls(tuple(out), source_format, None, paged=True)

    @classmethod
    def from_lines(
        cls, lines: list[str], source_format: str, encoding: str | None = None
    ) -> RawText:
        return cls(
            tuple(RawLine(t, i) for i, t in enumerate(lines, start=1)), source_format, encoding
        )

    def is_blank(self) -> bool:
        return not any(line.text.strip() for line in self.lines)


class Reader(Protocol):
    """Turn a file's bytes into raw lines. Raises only ``IngestError`` subclasses;
    ``load_document`` wraps anything else a third-party parser throws."""

    def __call__(self, path: Path, data: bytes) -> RawText: ...
