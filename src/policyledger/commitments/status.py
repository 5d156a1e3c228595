"""The three statuses of a commitment, as pure functions of dated facts.

* schedule — against an as-of date: not yet due, due (inside the deadline's own day,
  month or year), overdue; ``no_deadline`` when the report set none.
* evidence — from the actual figure a person confirmed: met, partly met, missed;
  ``no_figure`` until there is one.
* official — what a report says: ``announced`` by the report that made it, ``reported``
  once a later report's figure about it is confirmed.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyledger.commitments.models import Commitment, Deadline, Figure, Link, StatusEvent

# Below this share of the target a figure counts as missed rather than partly met.
PARTLY_MET_FLOOR = 0.5
_UPPER_BOUNDS = ("at_most", "under")


def schedule_status(deadline: Deadline | None, as_of: str) -> str:
    """``not_due`` before the deadline's window, ``due`` inside it, ``overdue`` after."""
    if deadline is None:
        return "no_deadline"
    if as_of < deadline.window_start:
        return "not_due"
    if as_of <= deadline.date:
        return "due"
    return "overdue"


def evidence_status(target: Figure | None, actual: float | None) -> str:
    """How an actual figure compares with the target.

    A range target (10~12 場) is met at its lower end; an upper bound (1.15‰以下) is met
    at or below it. The printed precision of the target is allowed for, so ``約 11 萬瓩``
    is met by 109,600 kW.
    """
    if target is None or actual is None:
        return "no_figure"
    goal = target.value
    if target.qualifier in _UPPER_BOUNDS:
        if actual <= goal + target.precision:
            return "met"
        share = goal / actual if actual else 0.0
    else:
        if actual >= goal - target.precision:
            return "met"
        share = actual / goal if goal else 0.0
    return "partly_met" if share >= PARTLY_MET_FLOOR else "missed"


def schedule_event(c: Commitment, as_of: str) -> StatusEvent:
    status = schedule_status(c.deadline, as_of)
    date = None
    if c.deadline is not None:
        date = {"not_due": None, "due": c.deadline.window_start}.get(status, c.deadline.date)
    evidence = c.deadline.text if c.deadline else ""
    return StatusEvent(
        "schedule", status, date, evidence, reason=f"as of {as_of}", commitment_id=c.id
    )


def current_evidence(c: Commitment, links: Sequence[Link]) -> StatusEvent:
    """The evidence status from the latest confirmed link (by the figure's period)."""
    confirmed = [lk for lk in links if lk.status == "confirmed"]
    if not confirmed:
        return StatusEvent("evidence", "no_figure", None, "", commitment_id=c.id)
    best = max(confirmed, key=lambda lk: (lk.period_end or "", lk.id or 0))
    status = evidence_status(c.figure, best.actual_value)
    return StatusEvent(
        "evidence",
        status,
        best.period_end,
        best.actual_text,
        reason=best.reason,
        link_id=best.id,
        commitment_id=c.id,
    )
