"""Commitments pages: overall and per report (filters: status, domain, as-of date), one
commitment with its source, links and history, the link decision forms, the JSON API and
exports. Decisions are plain POST forms, so confirming works without JavaScript."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import date
from html import escape
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.background import BackgroundTask

from policyledger.commitments import (
    CommitmentFilter,
    CommitmentState,
    decide_link,
    get_commitment,
    list_commitments,
    list_links,
)
from policyledger.commitments.export import export_commitments
from policyledger.commitments.models import (
    EVIDENCE_STATUSES,
    SCHEDULE_STATUSES,
    STATUS_LABELS,
)
from policyledger.errors import QueryError
from policyledger.store.queries import get_report
from policyledger.web.common import get_conn, json_response, page, query_with, report_url

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
FILTER_KEYS = ("status", "domain", "as_of")
EXPORTS: dict[str, tuple[str, str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8", "CSV"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "json": ("json", "application/json; charset=utf-8", "JSON"),
}
STATUS_COLOURS = {
    "met": "#2e7d32",
    "partly_met": "#f9a825",
    "missed": "#c62828",
    "overdue": "#8e24aa",
    "due": "#ef6c00",
    "not_due": "#1f4e79",
    "no_deadline": "#9e9e9e",
}


def _blank(v: str | None) -> str | None:
    v = v.strip() if v is not None else None
    return v or None


def _filter(request: Request, report_id: str | None) -> tuple[CommitmentFilter, str | None]:
    q = request.query_params
    as_of = _blank(q.get("as_of"))
    if as_of is not None:
        try:
            as_of = date.fromisoformat(as_of).isoformat()
        except ValueError:
            raise QueryError(f"as_of 需為 YYYY-MM-DD，收到 {as_of!r}") from None
    f = CommitmentFilter(
        report_id=report_id, status=_blank(q.get("status")), domain=_blank(q.get("domain"))
    )
    return f, as_of


def _colour(st: CommitmentState) -> str:
    if st.evidence.status != "no_figure":
        return STATUS_COLOURS[st.evidence.status]
    return STATUS_COLOURS.get(st.schedule.status, "#9e9e9e")


def timeline_svg(states: list[CommitmentState], as_of: str) -> str:
    """Deadlines on a time axis, one row per domain, coloured by status; server-rendered
    so the page needs no script and no CDN. Each dot links to its commitment."""
    dated = [st for st in states if st.commitment.deadline is not None]
    if not dated:
        return ""
    years = [int(st.commitment.deadline.date[:4]) for st in dated if st.commitment.deadline]
    first, last = min(min(years), int(as_of[:4])), max(max(years), int(as_of[:4]))
    last += 1
    domains = sorted({st.commitment.domain or "其他" for st in dated})
    left, top, row_h, width = 110, 24, 28, 760
    height = top + row_h * len(domains) + 30
    span = (last - first) * 365.25

    def x(iso: str) -> float:
        d = date.fromisoformat(iso)
        days = (d - date(first, 1, 1)).days
        return left + (width - left - 10) * days / span

    parts = [
        f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">承諾期限時間軸（{len(dated)} 項，基準日 {as_of}）</title>',
    ]
    for y in range(first, last + 1):
        xx = x(f"{y}-01-01")
        parts.append(
            f'<line x1="{xx:.1f}" y1="{top - 6}" x2="{xx:.1f}" y2="{height - 24}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{xx + 2:.1f}" y="{height - 10}" font-size="11" fill="#555">'
            f"{y}（{y - 1911}）</text>"
        )
    for i, dom in enumerate(domains):
        yy = top + row_h * i + row_h / 2
        parts.append(f'<text x="4" y="{yy + 4:.1f}" font-size="12">{escape(dom)}</text>')
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{width - 10}" y2="{yy:.1f}" stroke="#eee"/>'
        )
    ax = x(as_of)
    parts.append(
        f'<line class="as-of" x1="{ax:.1f}" y1="{top - 10}" x2="{ax:.1f}" '
        f'y2="{height - 24}" stroke="#c62828" stroke-dasharray="4 3"/>'
    )
    parts.append(
        f'<text x="{ax + 3:.1f}" y="{top - 12}" font-size="11" fill="#c62828">基準日 {as_of}</text>'
    )
    seen: dict[tuple[str, str], int] = {}
    for st in dated:
        c = st.commitment
        assert c.deadline is not None
        dom = c.domain or "其他"
        key = (dom, c.deadline.date)
        n = seen[key] = seen.get(key, -1) + 1
        cx = x(c.deadline.date)
        cy = top + row_h * domains.index(dom) + row_h / 2 + ((n % 3) - 1) * 6
        label = (
            f"{c.deadline.date} {c.figure.text if c.figure else ''} {c.subject[:30]} — "
            f"{STATUS_LABELS[st.schedule.status]}／{STATUS_LABELS[st.evidence.status]}"
        )
        parts.append(
            f'<a href="/commitments/{c.id}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" '
            f'fill="{_colour(st)}" fill-opacity="0.8" data-status="{st.schedule.status}">'
            f"<title>{escape(label)}</title></circle></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _rows(states: list[CommitmentState]) -> list[dict[str, Any]]:
    return [st.to_dict() for st in states]


def commitments_data(
    request: Request, conn: sqlite3.Connection, report_ref: str | None
) -> dict[str, Any]:
    report = get_report(conn, report_ref) if report_ref else None
    f, as_of = _filter(request, report.id if report else None)
    states = list_commitments(conn, f, as_of=as_of)
    day = states[0].as_of if states else (as_of or date.today().isoformat())
    everything = list_commitments(conn, CommitmentFilter(report_id=f.report_id), as_of=day)
    counts: dict[str, int] = {}
    for st in everything:
        for k in (st.schedule.status, st.evidence.status):
            counts[k] = counts.get(k, 0) + 1
    params = {
        k: request.query_params.get(k) for k in FILTER_KEYS if _blank(request.query_params.get(k))
    }
    base = report_url(report.id, "/commitments") if report else "/commitments"
    return {
        "report": report.to_dict() if report else None,
        "as_of": day,
        "filter": {"status": f.status, "domain": f.domain, "as_of": as_of},
        "params": params,
        "total": len(states),
        "commitments": _rows(states),
        "counts": [
            {"status": s, "label": STATUS_LABELS[s], "count": counts.get(s, 0)}
            for s in (*SCHEDULE_STATUSES, *EVIDENCE_STATUSES)
        ],
        "domains": sorted({st.commitment.domain for st in everything if st.commitment.domain}),
        "statuses": [
            {"value": s, "label": STATUS_LABELS[s]}
            for s in (*SCHEDULE_STATUSES, *EVIDENCE_STATUSES)
        ],
        "timeline_svg": timeline_svg(states, day),
        "pending_links": sum(
            1
            for lv in list_links(conn, status="proposed")
            if report is None or any(st.commitment.id == lv.link.commitment_id for st in everything)
        ),
        "exports": [
            {"format": k, "label": label, "href": f"{base}.{k}?{query_with(params)}".rstrip("?")}
            for k, (_, _, label) in EXPORTS.items()
            if k != "json"
        ],
        "base": base,
    }


@router.get("/commitments", include_in_schema=False)
@router.get("/commitments.json", include_in_schema=False)
def commitments_page(request: Request, conn: Conn) -> Response:
    fmt = "json" if request.url.path.endswith(".json") else None
    return page(request, "commitments/index.html", commitments_data(request, conn, None), fmt)


@router.get("/reports/{report_id}/commitments", include_in_schema=False)
@router.get("/reports/{report_id}/commitments.json", include_in_schema=False)
def report_commitments_page(request: Request, report_id: str, conn: Conn) -> Response:
    fmt = "json" if request.url.path.endswith(".json") else None
    data = commitments_data(request, conn, report_id)
    return page(request, "commitments/index.html", data, fmt)


def _export(
    request: Request, conn: sqlite3.Connection, report_ref: str | None, suffix: str
) -> Response:
    fmt, media, _ = EXPORTS[suffix]
    report = get_report(conn, report_ref) if report_ref else None
    f, as_of = _filter(request, report.id if report else None)
    tmpdir = Path(tempfile.mkdtemp(prefix="pl-commitments-"))
    dest = tmpdir / f"commitments.{suffix}"
    export_commitments(conn, f, fmt, dest, as_of=as_of)
    return FileResponse(
        dest,
        media_type=media,
        filename=dest.name,
        background=BackgroundTask(shutil.rmtree, tmpdir, ignore_errors=True),
    )


@router.get("/commitments.csv", include_in_schema=False)
@router.get("/commitments.xlsx", include_in_schema=False)
def commitments_export(request: Request, conn: Conn) -> Response:
    return _export(request, conn, None, request.url.path.rsplit(".", 1)[1])


@router.get("/reports/{report_id}/commitments.csv", include_in_schema=False)
@router.get("/reports/{report_id}/commitments.xlsx", include_in_schema=False)
def report_commitments_export(request: Request, report_id: str, conn: Conn) -> Response:
    return _export(request, conn, report_id, request.url.path.rsplit(".", 1)[1])


def detail_data(request: Request, conn: sqlite3.Connection, cid: int) -> dict[str, Any]:
    _, as_of = _filter(request, None)
    detail = get_commitment(conn, cid, as_of=as_of)
    report = get_report(conn, detail.state.commitment.report_id)
    return {
        "report": report.to_dict(),
        "commitment": detail.to_dict(),
        "as_of": detail.state.as_of,
        "decided": request.query_params.get("decided"),
    }


@router.get("/commitments/{cid}", include_in_schema=False)
@router.get("/commitments/{cid}.json", include_in_schema=False)
def commitment_page(request: Request, cid: int, conn: Conn) -> Response:
    fmt = "json" if request.url.path.endswith(".json") else None
    return page(request, "commitments/detail.html", detail_data(request, conn, cid), fmt)


@router.post("/commitments/links/{link_id}", include_in_schema=False)
def decide_form(
    link_id: int,
    conn: Conn,
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """The no-JavaScript decision form: decide, then go back to the commitment page."""
    view = decide_link(conn, link_id, decision, reason)
    return RedirectResponse(
        f"/commitments/{view.link.commitment_id}?decided={decision}#link-{link_id}",
        status_code=303,
    )


# --- API -------------------------------------------------------------------------------------


class Decision(BaseModel):
    decision: str
    reason: str = ""


@router.get("/api/commitments", tags=["commitments"])
def api_commitments(request: Request, conn: Conn) -> Response:
    """Commitments with their statuses (filters: report, status, domain, as_of)."""
    ref = _blank(request.query_params.get("report"))
    report = get_report(conn, ref) if ref else None
    f, as_of = _filter(request, report.id if report else None)
    return json_response(_rows(list_commitments(conn, f, as_of=as_of)))


@router.get("/api/commitments/{cid}", tags=["commitments"])
def api_commitment(request: Request, cid: int, conn: Conn) -> Response:
    _, as_of = _filter(request, None)
    return json_response(get_commitment(conn, cid, as_of=as_of).to_dict())


@router.get("/api/commitment-links", tags=["commitments"])
def api_links(request: Request, conn: Conn) -> Response:
    status = _blank(request.query_params.get("status"))
    return json_response([lv.to_dict() for lv in list_links(conn, status=status)])


@router.post("/api/commitment-links/{link_id}", tags=["commitments"])
def api_decide(link_id: int, body: Decision, conn: Conn) -> Response:
    """Confirm or reject a link: ``{"decision": "confirmed" | "rejected", "reason": "…"}``."""
    view = decide_link(conn, link_id, body.decision, body.reason)
    return json_response(view.to_dict())
