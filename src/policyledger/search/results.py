"""What a search returns: small frozen dataclasses, JSON-ready through ``to_dict``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from policyledger.search.query import ParsedQuery
from policyledger.store.queries import PREAMBLE_PATH


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # offsets into the hit's ``text``
    end: int
    kind: str  # "term" (a query word) or "figure" (a quantity)


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a snippet; ``mark`` is None for plain text, else "term" or "figure"."""

    text: str
    mark: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    id: int
    text: str
    start: int  # offsets into the hit's ``text``
    end: int
    value: float
    unit: str
    modality: str
    qualifier: str
    role: str
    matched: bool  # satisfies the query's unit/modality/comparison filters


@dataclass(frozen=True, slots=True)
class Hit:
    report_id: str
    report_title: str | None
    section_id: int | None
    section_path: str | None
    section_title: str | None
    chapter_title: str | None
    paragraph_id: int | None  # None when the passage is a section heading
    ord: int | None  # paragraphs.ord: the page anchor is p-<ord>
    kind: str  # "paragraph" or "heading"
    text: str  # the whole passage as stored
    start: int  # offsets of ``text`` in reports.text
    end: int
    score: float
    snippet: tuple[Fragment, ...]
    highlights: tuple[Span, ...]
    figures: tuple[Figure, ...]

    @property
    def url(self) -> str:
        return passage_url(self.report_id, self.section_path, self.ord)

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "report_title": self.report_title,
            "section_id": self.section_id,
            "section_path": self.section_path,
            "section_title": self.section_title,
            "chapter_title": self.chapter_title,
            "paragraph_id": self.paragraph_id,
            "ord": self.ord,
            "kind": self.kind,
            "url": self.url,
            "score": round(self.score, 4),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "snippet": "".join(f.text for f in self.snippet),
            "snippet_fragments": [{"text": f.text, "mark": f.mark} for f in self.snippet],
            "highlights": [
                {"start": s.start, "end": s.end, "kind": s.kind} for s in self.highlights
            ],
            "figures": [
                {
                    "id": f.id,
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "value": f.value,
                    "unit": f.unit,
                    "modality": f.modality,
                    "qualifier": f.qualifier,
                    "role": f.role,
                    "matched": f.matched,
                }
                for f in self.figures
            ],
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: ParsedQuery
    terms: tuple[str, ...]  # what was looked for, folded (Simplified, half-width)
    hits: tuple[Hit, ...]

    def groups(self) -> list[tuple[str, str | None, list[Hit]]]:
        """Hits grouped by report, reports in order of their best hit."""
        order: dict[str, tuple[str | None, list[Hit]]] = {}
        for h in self.hits:
            order.setdefault(h.report_id, (h.report_title, []))[1].append(h)
        return [(rid, title, hits) for rid, (title, hits) in order.items()]

    def to_dict(self) -> dict[str, Any]:
        f = self.query.filters
        return {
            "query": self.query.raw,
            "terms": list(self.terms),
            "phrases": list(self.query.phrases),
            "filters": {
                "report": f.report,
                "chapter": f.chapter,
                "year": f.year,
                "unit": f.unit,
                "modality": f.modality,
                "figure": (
                    {"op": self.query.figure.op, "value": self.query.figure.value}
                    if self.query.figure
                    else None
                ),
            },
            "count": len(self.hits),
            "hits": [h.to_dict() for h in self.hits],
        }


def passage_url(report_id: str, section_path: str | None, ord_: int | None) -> str:
    """Where the section page shows this passage (anchors are ``p-<paragraphs.ord>``)."""
    path = section_path or PREAMBLE_PATH
    base = f"/reports/{quote(report_id, safe='')}/sections/{quote(path, safe='/')}"
    return base + (f"#p-{ord_}" if ord_ is not None and ord_ >= 0 else "")
