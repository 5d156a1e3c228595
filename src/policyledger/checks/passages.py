"""The checker's entry point: every finder run over each paragraph, one check per stated
figure and kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from policyledger.checks.comparisons import (
    compared_changes,
    count_rates,
    implied_base_changes,
    two_way_totals,
)
from policyledger.checks.model import Check, Passage
from policyledger.checks.relations import (
    _Geometry,
    bracket_share_checks,
    bracket_sums,
    differences,
    each_totals,
    growths,
    later_breakdowns,
    named_shares,
    parts_after_total,
    products,
    rates,
    share_sums,
    totals_after_parts,
)

Finder = Callable[[Passage, _Geometry], list[Check]]
# Order matters only for ties: when two finders state the same figure from the same
# place, the earlier one's reading is kept.
_LOCAL: tuple[Finder, ...] = (
    bracket_sums,
    totals_after_parts,
    later_breakdowns,
    differences,
    share_sums,
    rates,
    products,
    each_totals,
    growths,
    two_way_totals,
    compared_changes,
    implied_base_changes,
    count_rates,
)


def check_passage(p: Passage, context: Sequence[Passage] = ()) -> list[Check]:
    """Every relation found in ``p``; ``context`` is its lead (passages before it under the
    same heading, nearest first), where totals for shares may be stated."""
    if not p.facts:
        return []  # every check states one of the passage's own figures
    g = _Geometry.of(p)
    found: list[Check] = []
    for finder in _LOCAL:
        found.extend(finder(p, g))
    found.extend(parts_after_total(p, g, context))
    found.extend(bracket_share_checks(p, g, context))
    found.extend(named_shares(p, g, context))
    # One stated figure, one check of a kind: the first finder in the list wins.
    seen: set[tuple[str, int]] = set()
    out: list[Check] = []
    for c in sorted(found, key=lambda c: (c.start, c.stated.start)):
        key = (c.kind, c.stated.id)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def check_passages(
    passages: Sequence[Passage], leads: dict[int, Sequence[int]] | None = None
) -> list[Check]:
    """Check every passage; ``leads`` maps a passage id to the ids of its lead passages."""
    by_id = {q.id: q for q in passages}
    out: list[Check] = []
    for q in passages:
        ctx = [by_id[i] for i in (leads or {}).get(q.id, ()) if i in by_id]
        out.extend(check_passage(q, ctx))
    return out
