"""Commitments: targets with deadlines a report sets itself, their statuses, and the
links later reports' actual figures give them.

``analyse_report(conn, report_id)`` is the pipeline's analyser; the faces read through
:func:`list_commitments`, :func:`get_commitment`, :func:`list_links` and decide with
:func:`decide_link`.
"""

from __future__ import annotations

from policyledger.commitments.models import (
    Commitment,
    Deadline,
    Figure,
    Link,
    StatusEvent,
)
from policyledger.commitments.status import evidence_status, schedule_status
from policyledger.commitments.store import (
    CommitmentDetail,
    CommitmentFilter,
    CommitmentState,
    LinkView,
    analyse_report,
    decide_link,
    get_commitment,
    list_commitments,
    list_links,
    status_counts,
)

__all__ = [
    "Commitment",
    "CommitmentDetail",
    "CommitmentFilter",
    "CommitmentState",
    "Deadline",
    "Figure",
    "Link",
    "LinkView",
    "StatusEvent",
    "analyse_report",
    "decide_link",
    "evidence_status",
    "get_commitment",
    "list_commitments",
    "list_links",
    "schedule_status",
    "status_counts",
]
