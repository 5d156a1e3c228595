"""The commitment data model: what a report promised, and what later became of it.

A :class:`Commitment` keeps its source sentence exactly as written; everything else
(deadline, figure, flags) is derived. Statuses are not columns on the commitment but
dated :class:`StatusEvent` records, so the ledger can say *when* and *on what evidence*
a promise was called met, and a person's decision never overwrites the machine's history.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ScheduleStatus = Literal["not_due", "due", "overdue", "no_deadline"]
EvidenceStatus = Literal["met", "partly_met", "missed", "no_figure"]
OfficialStatus = Literal["announced", "reported"]
LinkStatus = Literal["proposed", "confirmed", "rejected"]

SCHEDULE_STATUSES: tuple[str, ...] = ("not_due", "due", "overdue", "no_deadline")
EVIDENCE_STATUSES: tuple[str, ...] = ("met", "partly_met", "missed", "no_figure")
LINK_STATUSES: tuple[str, ...] = ("proposed", "confirmed", "rejected")

# zh-TW labels the faces show; kept beside the codes so no face invents its own wording.
STATUS_LABELS: dict[str, str] = {
    "not_due": "未到期",
    "due": "到期中",
    "overdue": "已逾期",
    "no_deadline": "無期限",
    "met": "達成",
    "partly_met": "部分達成",
    "missed": "未達成",
    "no_figure": "尚無數據",
    "announced": "已宣布",
    "reported": "已報告",
    "proposed": "待確認",
    "confirmed": "已確認",
    "rejected": "已否決",
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a commitment falls due.

    ``date`` is the last day it may be met; ``window_start`` is the first day of the
    deadline's own period (``107 年 6 月底前`` -> the whole of June 2018), which is when
    it counts as *due* rather than *not yet due*.
    """

    date: str
    window_start: str
    text: str  # as written: 107 年 6 月底前, 3 年內, 95 年 1 月至 111 年 12月
    kind: str  # by | date | range_end | from | horizon
    granularity: str  # day | month | year
    start: int  # offsets of ``text`` in the report text
    end: int

    def __post_init__(self) -> None:
        if self.window_start > self.date:
            raise ValueError(f"deadline window {self.window_start}..{self.date} is reversed")


@dataclass(frozen=True, slots=True)
class Figure:
    """The target figure of a commitment, copied from the stored quantity."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    raw_unit: str
    qualifier: str = "exact"
    value_max: float | None = None
    precision: float = 0.0
    quantity_id: int | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    report_id: str
    source: str  # the source sentence, unchanged
    start: int  # the sentence's offsets in reports.text
    end: int
    subject: str  # the clause the figure (or the deadline) sits in
    domain: str  # the chapter (level-1 section) title, e.g. 能源
    section_path: str | None
    section_title: str | None
    figure: Figure | None
    deadline: Deadline | None
    flags: tuple[str, ...] = ()  # no_figure, no_deadline
    sentence_id: int | None = None
    paragraph_id: int | None = None
    paragraph_ord: int | None = None
    section_id: int | None = None
    id: int | None = None

    @property
    def measurable(self) -> bool:
        return self.figure is not None and self.deadline is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["flags"] = list(self.flags)
        d["measurable"] = self.measurable
        return d


@dataclass(frozen=True, slots=True)
class ActualFigure:
    """A figure a later report gives as done or measured, as the linker sees it."""

    quantity_id: int
    report_id: str
    text: str
    value: float
    unit: str
    raw_unit: str
    context: str  # its sentence (and section title): what it is a figure *of*
    period_end: str | None
    sentence_id: int | None = None
    value_max: float | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A proposed (or decided) match between a later actual figure and a commitment."""

    commitment_id: int
    quantity_id: int
    report_id: str
    score: float
    reasons: tuple[str, ...]
    status: str = "proposed"  # LinkStatus
    actual_text: str = ""
    actual_value: float | None = None
    actual_unit: str | None = None
    period_end: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["reasons"] = list(self.reasons)
        return d


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One dated status of one kind (official / evidence / schedule), with its evidence."""

    kind: str  # official | evidence | schedule | link
    status: str
    date: str | None  # when it became true (report date, figure period, deadline)
    evidence: str  # the sentence or figure that shows it
    reason: str | None = None
    link_id: int | None = None
    recorded_at: str | None = None
    commitment_id: int | None = None
    id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["label"] = STATUS_LABELS.get(self.status, self.status)
        return d
