"""The data model shared by every part of policyledger.

Small frozen dataclasses, no framework types. Offsets are always Python slice offsets
into the *cleaned* text of a report (``Document.text``), so ``text[start:end]`` is the
thing a record describes; that is what makes every figure citable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Qualifier = Literal["exact", "approx", "over", "under", "at_most", "at_least"]
Role = Literal["level", "change"]
Modality = Literal["actual", "target"]
DateType = Literal["date", "range", "by"]
Granularity = Literal["day", "month", "year"]

QUALIFIERS: tuple[str, ...] = ("exact", "approx", "over", "under", "at_most", "at_least")
ROLES: tuple[str, ...] = ("level", "change")
MODALITIES: tuple[str, ...] = ("actual", "target")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention, as ``shared/spec/facts.md`` defines it."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    raw_unit: str
    qualifier: str = "exact"
    role: str = "level"
    modality: str = "actual"
    value_max: float | None = None
    # Half-width of the interval the printed digits allow, in the canonical unit:
    # ``75.1 億美元`` -> 0.05e8. Zero for exact counts written in full.
    precision: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["value_max"] is None:
            del d["value_max"]
        return d


@dataclass(frozen=True, slots=True)
class CalendarExpr:
    """One calendar expression (ROC or Western), normalised to ISO bounds."""

    text: str
    start: int
    end: int
    type: str  # DateType
    start_date: str | None
    end_date: str | None
    granularity: str  # Granularity

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Extraction:
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[CalendarExpr, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantities": [q.to_dict() for q in self.quantities],
            "dates": [d.to_dict() for d in self.dates],
        }

    def shifted(self, delta: int) -> Extraction:
        """The same facts with offsets moved by ``delta`` (paragraph -> document offsets)."""
        if not delta:
            return self
        # Built field by field: dataclasses.replace costs several times more, and the
        # pipeline shifts every fact of every paragraph.
        return Extraction(
            tuple(
                Quantity(
                    q.text,
                    q.start + delta,
                    q.end + delta,
                    q.value,
                    q.unit,
                    q.raw_unit,
                    q.qualifier,
                    q.role,
                    q.modality,
                    q.value_max,
                    q.precision,
                )
                for q in self.quantities
            ),
            tuple(
                CalendarExpr(
                    d.text,
                    d.start + delta,
                    d.end + delta,
                    d.type,
                    d.start_date,
                    d.end_date,
                    d.granularity,
                )
                for d in self.dates
            ),
        )


# --- documents -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a stretch of cleaned text came from in the source file."""

    page: int | None  # 1-based page number when the format has pages (PDF) or they were detected
    line: int  # 1-based line number in the reader's raw text


@dataclass(frozen=True, slots=True)
class ReportMeta:
    title: str | None = None
    ministry: str | None = None
    period: str | None = None  # as written, e.g. "107年3月" or "98年1月至6月"
    date: str | None = None  # ISO date of the report or its session, when known
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # 0-based within its paragraph
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int  # 0-based within its section
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading and what stands under it, up to the next heading."""

    path: str  # e.g. "壹/一/（一）/1"; markers normalised (see outline.py)
    level: int  # 1 = 壹, 2 = 一, 3 = （一）, 4 = 1, 5 = （1）, …
    marker: str  # as written, e.g. "（一）", "１、", "(1)"
    number: int  # the marker's ordinal value (壹 -> 1, （三） -> 3)
    title: str  # the heading line's text after the marker (may be a whole sentence)
    start: int  # offset of the marker in Document.text
    heading_end: int  # end of the heading's first sentence/title
    end: int  # end of the section (exclusive), children included
    page: int | None
    paragraphs: tuple[Paragraph, ...]  # body directly under this heading, not in children
    children: tuple[Section, ...] = ()

    def walk(self) -> list[Section]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned, outlined report, ready to store. Built by ``policyledger.ingest``."""

    report_id: str  # sha256 hex of the source bytes
    meta: ReportMeta
    text: str  # cleaned text; all offsets point here
    sections: tuple[Section, ...]  # roots (level 1), in order
    preamble: tuple[Paragraph, ...] = ()  # text before the first heading
    spans: tuple[tuple[int, SourceSpan], ...] = ()  # (cleaned offset, source) at each line start
    warnings: tuple[str, ...] = ()
    source_format: str = "text"
    encoding: str | None = None

    def all_sections(self) -> list[Section]:
        out: list[Section] = []
        for s in self.sections:
            out.extend(s.walk())
        return out

    def source_at(self, offset: int) -> SourceSpan | None:
        from bisect import bisect_right

        keys = [k for k, _ in self.spans]
        i = bisect_right(keys, offset) - 1
        return self.spans[i][1] if i >= 0 else None
