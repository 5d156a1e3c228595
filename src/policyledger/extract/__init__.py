"""The quantity and calendar grammar of ``shared/spec/facts.md``.

``extract(text)`` returns every quantity and calendar expression in a piece of report
text, with offsets into ``text`` exactly as given. Pure and linear-time; the words it
knows live in :mod:`policyledger.extract.lexicon`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Final

from policyledger.extract.dates import scan_dates
from policyledger.extract.lexicon import (
    COMPAT_IDEOGRAPH_BLOCKS,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    ROC_OFFSET,
    ROC_YEAR_RANGE,
)
from policyledger.extract.numbers import parse_number
from policyledger.extract.quantities import scan_quantities
from policyledger.models import Extraction

__all__ = ["extract", "parse_number"]


def _compat_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in COMPAT_IDEOGRAPH_BLOCKS:
        for cp in range(lo, hi + 1):
            unified = unicodedata.normalize("NFKC", chr(cp))
            if len(unified) == 1 and unified != chr(cp):
                table[cp] = unified
    return table


_COMPAT: Final = _compat_table()
_COMPAT_RE: Final = re.compile(
    "[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in COMPAT_IDEOGRAPH_BLOCKS) + "]"
)


_QUOTE_RE = re.compile(f"[{QUOTE_OPEN}{QUOTE_CLOSE}]")
# An unclosed quote must not swallow the rest of the report.
_MAX_QUOTE_CHARS = 200


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 「」/『』: names of plans and events, whose numbers are not facts."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _QUOTE_RE.finditer(text):
        i, ch = m.start(), m.group()
        if depth and i - start > _MAX_QUOTE_CHARS:
            depth = 0
        if ch in QUOTE_OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def _western_year(year: int | None) -> int | None:
    if year is None:
        return None
    return year + ROC_OFFSET if year <= ROC_YEAR_RANGE[1] else year


def extract(text: str, *, default_year: int | None = None) -> Extraction:
    """Every quantity and calendar expression in ``text``.

    ``default_year`` (ROC or Western) dates expressions written without a year when no
    explicit year precedes them in ``text``.
    """
    # 98年 printed with a compatibility 年: read the unified character, report the text as given.
    read = text.translate(_COMPAT) if _COMPAT_RE.search(text) else text
    quoted = _quoted_spans(read)
    dates = scan_dates(read, _western_year(default_year), quoted)
    blocked = sorted([(d.start, d.end) for d in dates] + quoted)
    quantities = scan_quantities(read, _merge(blocked))
    if read is not text:
        dates = [replace(d, text=text[d.start : d.end]) for d in dates]
        quantities = [replace(q, text=text[q.start : q.end]) for q in quantities]
    return Extraction(tuple(quantities), tuple(dates))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
