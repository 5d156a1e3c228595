"""Reports: the list, a report's page (metadata, outline, charts) and section pages.

Each page's data is one dict built from ``store.queries``; ``page()`` renders it or returns
it as the ``.json`` twin. The ``/api`` routes return the same core rows with OpenAPI
schemas (the dataclasses themselves).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from policyledger.checks import verdict_counts
from policyledger.commitments import status_counts
from policyledger.commitments.models import STATUS_LABELS
from policyledger.store.queries import (
    PREAMBLE_PATH,
    OutlineNode,
    ReportRow,
    SectionView,
    facts_summary,
    get_report,
    get_section,
    has_preamble,
    list_reports,
    outline,
)
from policyledger.web.common import get_conn, page, report_url
from policyledger.web.routes.checks import VERDICT_LABELS

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(get_conn)]

# Other features' counts for the report page: (key, heading, counting function, page
# suffix, zh-TW names of the counted statuses).
FEATURE_COUNTS: tuple[
    tuple[str, str, Callable[[sqlite3.Connection, str], dict[str, int]], str, dict[str, str]],
    ...,
] = (
    ("checks", "算術查核", verdict_counts, "/checks", VERDICT_LABELS),
    ("commitments", "承諾追蹤", status_counts, "/commitments", dict(STATUS_LABELS)),
)


def feature_counts(conn: sqlite3.Connection, report_id: str) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "heading": heading,
            "suffix": suffix,
            "counts": [
                {"key": k, "label": labels.get(k, k), "count": int(v)}
                for k, v in count(conn, report_id).items()
            ],
        }
        for key, heading, count, suffix, labels in FEATURE_COUNTS
    ]


# --- pages -----------------------------------------------------------------------------


@router.get("/index.json", include_in_schema=False)
@router.get("/reports", include_in_schema=False)
@router.get("/reports.json", include_in_schema=False)
@router.get("/", include_in_schema=False)
def index_page(request: Request, conn: Conn) -> Response:
    reports = [r.to_dict() for r in list_reports(conn)]
    return page(request, "reports/index.html", {"reports": reports})


def report_data(
    conn: sqlite3.Connection, ref: str, route_paths: frozenset[str] = frozenset()
) -> dict[str, Any]:
    report = get_report(conn, ref)
    features = feature_counts(conn, report.id)
    for f in features:
        # Link a feature's page only when that page is served.
        f["href"] = (
            report_url(report.id, f["suffix"])
            if f"/reports/{{report_id}}{f['suffix']}" in route_paths
            else None
        )
    return {
        "report": report.to_dict(),
        "outline": [n.to_dict() for n in outline(conn, report.id)],
        "preamble_path": PREAMBLE_PATH if has_preamble(conn, report.id) else None,
        "summary": facts_summary(conn, report.id).to_dict(),
        "features": features,
    }


@router.get("/reports/{report_id}", include_in_schema=False)
@router.get("/reports/{report_id}.json", include_in_schema=False)
def report_page(request: Request, report_id: str, conn: Conn) -> Response:
    paths: frozenset[str] = getattr(request.app.state, "route_paths", frozenset())
    return page(request, "reports/report.html", report_data(conn, report_id, paths))


@router.get("/reports/{report_id}/sections/{path:path}", include_in_schema=False)
@router.get("/reports/{report_id}/sections/{path:path}.json", include_in_schema=False)
def section_page(request: Request, report_id: str, path: str, conn: Conn) -> Response:
    view = get_section(conn, report_id, path)
    return page(request, "reports/section.html", view.to_dict())


# --- API -------------------------------------------------------------------------------


@router.get("/api/reports", response_model=list[ReportRow], tags=["reports"])
def api_reports(conn: Conn) -> list[ReportRow]:
    """Every stored report with its counts."""
    return list_reports(conn)


@router.get("/api/reports/{report_id}", response_model=ReportRow, tags=["reports"])
def api_report(report_id: str, conn: Conn) -> ReportRow:
    """One report, by id, unique id prefix or file name."""
    return get_report(conn, report_id)


@router.get("/api/reports/{report_id}/outline", response_model=list[OutlineNode], tags=["reports"])
def api_outline(report_id: str, conn: Conn) -> list[OutlineNode]:
    """The outline as a tree, each section with the counts of its subtree."""
    return outline(conn, get_report(conn, report_id).id)


@router.get(
    "/api/reports/{report_id}/sections/{path:path}", response_model=SectionView, tags=["reports"]
)
def api_section(report_id: str, path: str, conn: Conn) -> SectionView:
    """A section: breadcrumbs, neighbours, and its subtree's paragraphs, sentences and facts."""
    return get_section(conn, report_id, path)
