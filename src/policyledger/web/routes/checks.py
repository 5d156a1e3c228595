"""The Checks page of a report (inconsistent first, each with its excerpt highlighted and
the arithmetic written out), its ``.json`` twin, and ``/api/checks``.

Filters arrive as plain query strings; an empty one means "any". The page and the API
read the same ``checks.list_checks`` rows, so they cannot disagree.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from policyledger.checks import KINDS, VERDICTS, CheckFilter, list_checks, verdict_counts
from policyledger.store.queries import get_report
from policyledger.web.common import get_conn, json_response, page

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(get_conn)]

VERDICT_LABELS = {"inconsistent": "不符", "impossible": "不可能的數值", "consistent": "相符"}
KIND_LABELS = {
    "sum": "加總",
    "share": "占比",
    "ratio": "比率",
    "product": "乘積",
    "growth": "成長率",
}


def _blank(v: str | None) -> str | None:
    v = v.strip() if v is not None else None
    return v or None


def checks_data(
    conn: sqlite3.Connection, ref: str, verdict: str | None, kind: str | None
) -> dict[str, Any]:
    report = get_report(conn, ref)
    f = CheckFilter(report_id=report.id, verdict=_blank(verdict), kind=_blank(kind))
    rows = list_checks(conn, f)
    return {
        "report": report.to_dict(),
        "counts": verdict_counts(conn, report.id),
        "filters": {"verdict": f.verdict or "", "kind": f.kind or ""},
        "verdicts": [{"value": v, "label": VERDICT_LABELS[v]} for v in VERDICTS],
        "kinds": [{"value": k, "label": KIND_LABELS[k]} for k in KINDS],
        "checks": [r.to_dict() for r in rows],
    }


@router.get("/reports/{report_id}/checks", include_in_schema=False)
def checks_page(
    request: Request,
    report_id: str,
    conn: Conn,
    verdict: str | None = None,
    kind: str | None = None,
) -> Response:
    data = checks_data(conn, report_id, verdict, kind)
    return page(
        request,
        "checks/checks.html",
        {**data, "verdict_labels": VERDICT_LABELS, "kind_labels": KIND_LABELS},
    )


@router.get("/reports/{report_id}/checks.json", include_in_schema=False)
def checks_json(
    report_id: str, conn: Conn, verdict: str | None = None, kind: str | None = None
) -> Response:
    return json_response(checks_data(conn, report_id, verdict, kind))


@router.get("/api/checks", tags=["checks"])
def api_checks(
    conn: Conn,
    report: Annotated[str | None, Query(description="報告代號、前綴或檔名 report id")] = None,
    verdict: Annotated[
        str | None, Query(description="consistent, inconsistent 或 impossible")
    ] = None,
    kind: Annotated[str | None, Query(description="sum, share, ratio, product 或 growth")] = None,
) -> Response:
    """Every stored check (inconsistent first): its inputs, formula, computed and stated
    values, tolerance and verdict."""
    ref = _blank(report)
    report_id = get_report(conn, ref).id if ref is not None else None
    f = CheckFilter(report_id=report_id, verdict=_blank(verdict), kind=_blank(kind))
    return json_response([r.to_dict() for r in list_checks(conn, f)])
