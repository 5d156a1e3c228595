"""The checker's data model: facts it reads, the intervals it computes with, the checks it
writes. Small frozen dataclasses, no framework types, so the relation logic can be tested
on hand-built :class:`~policyledger.models.Quantity` lists without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policyledger.models import Quantity

KINDS: tuple[str, ...] = ("sum", "share", "ratio", "product", "growth")
VERDICTS: tuple[str, ...] = ("inconsistent", "impossible", "consistent")


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of reals: what a printed figure can stand for.

    ``75.1`` printed with one decimal stands for anything in [75.05, 75.15]; arithmetic on
    intervals then says which results the printed inputs can reach (XBRL Calculations 1.1
    uses the same rule to decide whether a total "adds up").
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    @classmethod
    def around(cls, value: float, half_width: float) -> Interval:
        return cls(value - abs(half_width), value + abs(half_width))

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Interval) -> Interval:
        ends = (
            self.low * other.low,
            self.low * other.high,
            self.high * other.low,
            self.high * other.high,
        )
        return Interval(min(ends), max(ends))

    def __truediv__(self, other: Interval) -> Interval:
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError("divisor interval contains zero")
        return self * Interval(1 / other.high, 1 / other.low)

    def scale(self, k: float) -> Interval:
        a, b = self.low * k, self.high * k
        return Interval(min(a, b), max(a, b))

    def shift(self, k: float) -> Interval:
        return Interval(self.low + k, self.high + k)

    def gap(self, other: Interval) -> float:
        """Distance between the two intervals; 0 when they overlap."""
        if self.high < other.low:
            return other.low - self.high
        if other.high < self.low:
            return self.low - other.high
        return 0.0


@dataclass(frozen=True, slots=True)
class Fact:
    """One stored quantity as the checker sees it: its ledger id and the record itself.

    Offsets in ``quantity`` are document offsets (the same space as ``Passage.start``).
    """

    id: int
    quantity: Quantity

    @property
    def value(self) -> float:
        return self.quantity.value

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph and the facts found in it; ``start`` is its offset in the document."""

    id: int
    start: int
    text: str
    facts: tuple[Fact, ...] = ()

    def __post_init__(self) -> None:
        for f in self.facts:
            if not (self.start <= f.start <= f.end <= self.start + len(self.text)):
                raise ValueError(f"fact {f.id} ({f.quantity.text}) lies outside passage {self.id}")

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def between(self, a: int, b: int) -> str:
        """The passage text between two document offsets."""
        return self.text[max(a - self.start, 0) : max(b - self.start, 0)]


@dataclass(frozen=True, slots=True)
class Check:
    """One recomputed relation and its verdict.

    ``inputs`` are the facts the computation used, ``stated`` the figure it is compared
    with. ``computed`` is the interval the inputs can reach, ``expected`` the interval the
    stated figure stands for (widened for 約); the verdict is ``consistent`` when they
    overlap. ``miss`` is the gap between them (0 when consistent) and ``difference`` the
    plain ``computed.mid - stated`` a reader would quote.
    """

    kind: str
    verdict: str
    formula: str
    arithmetic: str
    inputs: tuple[Fact, ...]
    stated: Fact
    computed: Interval
    expected: Interval
    unit: str
    passage_id: int
    start: int
    end: int
    note: str = ""
    context_ids: tuple[int, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown check kind {self.kind!r}")
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")

    @property
    def tolerance(self) -> float:
        """How far the stated value may sit from the computed midpoint and still agree."""
        return self.computed.half_width + self.expected.half_width

    @property
    def difference(self) -> float:
        return self.computed.mid - self.stated.value

    @property
    def miss(self) -> float:
        return self.computed.gap(self.expected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "verdict": self.verdict,
            "formula": self.formula,
            "arithmetic": self.arithmetic,
            "inputs": [_fact_dict(f) for f in self.inputs],
            "stated": _fact_dict(self.stated),
            "computed": self.computed.mid,
            "computed_low": self.computed.low,
            "computed_high": self.computed.high,
            "stated_value": self.stated.value,
            "stated_low": self.expected.low,
            "stated_high": self.expected.high,
            "tolerance": self.tolerance,
            "difference": self.difference,
            "miss": self.miss,
            "unit": self.unit,
            "paragraph_id": self.passage_id,
            "start": self.start,
            "end": self.end,
            "note": self.note,
        }


def _fact_dict(f: Fact) -> dict[str, Any]:
    q = f.quantity
    return {
        "id": f.id,
        "text": q.text,
        "value": q.value,
        "unit": q.unit,
        "start": q.start,
        "end": q.end,
    }
