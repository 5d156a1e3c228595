"""Proposing which later actual figures report on which earlier commitments.

A link needs the same unit family (kW with kW, 戶 with 戶), a figure whose period ends
no earlier than the deadline's window, and wording about the same thing. The score says
how sure the match is; nothing is decided here — a person confirms or rejects.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from policyledger.commitments.models import ActualFigure, Commitment, Link

MIN_SIMILARITY = 0.2
MIN_SCORE = 0.35
MAX_LINKS_PER_COMMITMENT = 3
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z]+")
_MAGNITUDE_PREFIX = "萬千百億兆"


def unit_family(unit: str, raw_unit: str) -> str:
    """What can be compared: the canonical unit, or for counts the measure word itself
    (戶 and 萬戶 are one family, 戶 and 家 are not)."""
    if unit == "count":
        return "count:" + raw_unit.lstrip(_MAGNITUDE_PREFIX)[-1:]
    if unit == "other":
        return "other:" + raw_unit
    return unit


@lru_cache(maxsize=16384)
def bigrams(text: str) -> frozenset[str]:
    # Cached: a report's contexts are compared with every earlier commitment.
    out: set[str] = set()
    for run in _KEEP.findall(text):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(out)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: crude, but Chinese needs no segmenter for it."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _magnitude(target: float, actual: float) -> float:
    if target <= 0 or actual <= 0:
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(actual / target)))


def _timing(deadline: str, period_end: str) -> float:
    # A figure for the deadline's own period is best; one years later says less.
    gap_days = (int(period_end[:4]) - int(deadline[:4])) * 365 + (
        int(period_end[5:7]) - int(deadline[5:7])
    ) * 30
    return max(0.0, 1.0 - max(gap_days, 0) / 730)


def commitment_text(c: Commitment) -> str:
    return f"{c.section_title or ''} {c.subject}"


def score_pair(c: Commitment, a: ActualFigure) -> tuple[float, tuple[str, ...]] | None:
    """The score of linking ``a`` to ``c`` with the reasons, or None when they cannot match."""
    if c.figure is None or c.deadline is None:
        return None
    fam = unit_family(c.figure.unit, c.figure.raw_unit)
    if fam != unit_family(a.unit, a.raw_unit):
        return None
    if a.period_end is None or a.period_end < c.deadline.window_start:
        return None
    sim = similarity(commitment_text(c), a.context)
    if sim < MIN_SIMILARITY:
        return None
    mag = _magnitude(c.figure.value, a.value)
    timing = _timing(c.deadline.date, a.period_end)
    score = round(0.7 * sim + 0.15 * mag + 0.15 * timing, 3)
    if score < MIN_SCORE:
        return None
    reasons = (
        f"同單位 unit {fam}",
        f"文字相似 wording {sim:.2f}",
        f"期間 period {a.period_end} ≥ {c.deadline.window_start}",
        f"數量級 magnitude {mag:.2f}",
    )
    return score, reasons


def propose_links(commitments: Iterable[Commitment], actuals: Sequence[ActualFigure]) -> list[Link]:
    """The best few candidate links per commitment, highest score first."""
    by_family: dict[str, list[ActualFigure]] = {}
    for a in actuals:
        by_family.setdefault(unit_family(a.unit, a.raw_unit), []).append(a)
    out: list[Link] = []
    for c in commitments:
        if c.id is None or c.figure is None or c.deadline is None:
            continue
        found: list[Link] = []
        for a in by_family.get(unit_family(c.figure.unit, c.figure.raw_unit), ()):
            if a.report_id == c.report_id:
                continue
            scored = score_pair(c, a)
            if scored is None:
                continue
            score, reasons = scored
            found.append(
                Link(
                    commitment_id=c.id,
                    quantity_id=a.quantity_id,
                    report_id=a.report_id,
                    score=score,
                    reasons=reasons,
                    actual_text=a.text,
                    actual_value=a.value,
                    actual_unit=a.unit,
                    period_end=a.period_end,
                )
            )
        found.sort(key=lambda lk: -lk.score)
        out.extend(found[:MAX_LINKS_PER_COMMITMENT])
    return out
