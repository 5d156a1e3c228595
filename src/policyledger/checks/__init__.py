"""Arithmetic verification: does a report's own arithmetic add up?

For each paragraph (with its lead paragraph as context for totals) the checker finds the
relations a careful reader would check — sums (a total and its parts), shares (a part's
％ of a total, a sum of shares), ratios (達成率, 合格率, 再利用率, 完成率), products
(per-unit × count) and growth (both periods given) — recomputes each with interval
arithmetic on the precision the printed digits allow, and gives a verdict:
``consistent``, ``inconsistent`` (with the recomputed value and the miss) or
``impossible`` (a share over 100 %, a negative count).

The relation logic is pure and works on :class:`~policyledger.models.Quantity` records:
:mod:`.relations` (totals, shares, named rates, products), :mod:`.comparisons` (a figure
against the one it is compared with, rates of two counts, two-way totals), run over each
paragraph by :mod:`.passages`; :mod:`.store` is the SQLite glue.
"""

from __future__ import annotations

from policyledger.checks.model import KINDS, VERDICTS, Check, Fact, Interval, Passage
from policyledger.checks.passages import check_passage, check_passages
from policyledger.checks.store import (
    CheckFilter,
    CheckRow,
    analyse_report,
    find_report_checks,
    list_checks,
    verdict_counts,
)

__all__ = [
    "KINDS",
    "VERDICTS",
    "Check",
    "CheckFilter",
    "CheckRow",
    "Fact",
    "Interval",
    "Passage",
    "analyse_report",
    "check_passage",
    "check_passages",
    "find_report_checks",
    "list_checks",
    "verdict_counts",
]
