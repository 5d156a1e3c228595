"""The Facts page: every figure, filtered and sorted, each linked to its paragraph, with
exports (CSV, Excel, Frictionless data package) of exactly what the filters select.

Filters arrive as query strings from a plain GET form, so an empty field means "any";
they are parsed once here into a ``FactFilter`` that validates itself.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from policyledger.errors import QueryError
from policyledger.store.queries import (
    FactFilter,
    FactRow,
    count_facts,
    fact_facets,
    get_report,
    list_facts,
    list_reports,
)
from policyledger.web.common import get_conn, page, query_with, report_url

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
PAGE_SIZE = 50

# suffix -> (export format, media type, label)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8", "CSV"),
    "xlsx": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
    "zip": ("datapackage", "application/zip", "Frictionless 資料包"),
}
FILTER_KEYS = ("report", "chapter", "unit", "modality", "role", "year", "q", "sort", "order")


def _blank(v: str | None) -> str | None:
    v = v.strip() if v is not None else None
    return v or None


def parse_filter(
    params: dict[str, str | None],
    *,
    report_id: str | None,
    limit: int | None = PAGE_SIZE,
    offset: int = 0,
) -> FactFilter:
    year_text = _blank(params.get("year"))
    try:
        year = int(year_text) if year_text is not None else None
    except ValueError:
        raise QueryError(f"year 必須是年份數字，收到 {year_text!r}") from None
    return FactFilter(
        report_id=report_id,
        chapter=_blank(params.get("chapter")),
        unit=_blank(params.get("unit")),
        modality=_blank(params.get("modality")),
        role=_blank(params.get("role")),
        year=year,
        q=_blank(params.get("q")),
        sort=_blank(params.get("sort")) or "position",
        order=_blank(params.get("order")) or "asc",
        limit=limit,
        offset=offset,
    )


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset", "0") or "0"
    try:
        return max(0, int(raw))
    except ValueError:
        raise QueryError(f"offset 必須是整數，收到 {raw!r}") from None


def facts_data(
    request: Request, conn: sqlite3.Connection, report_ref: str | None
) -> dict[str, Any]:
    params = {k: request.query_params.get(k) for k in FILTER_KEYS}
    if report_ref is None and _blank(params.get("report")):
        report_ref = _blank(params["report"])
    report = get_report(conn, report_ref) if report_ref else None
    f = parse_filter(params, report_id=report.id if report else None, offset=_offset(request))
    total = count_facts(conn, f)
    facts = list_facts(conn, f)
    base = report_url(report.id, "/facts") if report else "/facts"
    kept = {k: v for k, v in params.items() if _blank(v) and k != "report"}
    if report is None and report_ref is None and _blank(params.get("report")):
        kept["report"] = params["report"]
    limit = f.limit or PAGE_SIZE
    return {
        "report": report.to_dict() if report else None,
        "reports": [] if report else [r.to_dict() for r in list_reports(conn)],
        "filter": {k: v for k, v in f.to_dict().items()},
        "params": kept,
        "total": total,
        "facts": [x.to_dict() for x in facts],
        "facets": {
            k: [{"value": v.value, "label": v.label, "count": v.count} for v in vs]
            for k, vs in fact_facets(conn, report.id if report else None).items()
        },
        "pages": {
            "offset": f.offset,
            "limit": limit,
            "first": f.offset + 1 if facts else 0,
            "last": f.offset + len(facts),
            "prev": f"{base}?{query_with(kept, offset=max(0, f.offset - limit) or None)}"
            if f.offset > 0
            else None,
            "next": f"{base}?{query_with(kept, offset=f.offset + limit)}"
            if f.offset + limit < total
            else None,
        },
        "exports": [
            {"label": label, "format": fmt, "href": f"{base}.{suffix}?{query_with(kept)}"}
            for suffix, (fmt, _media, label) in EXPORTS.items()
        ],
    }


@router.get("/facts", include_in_schema=False)
@router.get("/facts.json", include_in_schema=False)
def all_facts_page(request: Request, conn: Conn) -> Response:
    return page(request, "facts/facts.html", facts_data(request, conn, None))


@router.get("/reports/{report_id}/facts", include_in_schema=False)
@router.get("/reports/{report_id}/facts.json", include_in_schema=False)
def report_facts_page(request: Request, report_id: str, conn: Conn) -> Response:
    return page(request, "facts/facts.html", facts_data(request, conn, report_id))


def _export(
    request: Request, conn: sqlite3.Connection, report_ref: str | None, suffix: str
) -> Response:
    from policyledger.export import export_facts

    fmt, media_type, _label = EXPORTS[suffix]
    params = {k: request.query_params.get(k) for k in FILTER_KEYS}
    report_ref = report_ref or _blank(params.get("report"))
    report = get_report(conn, report_ref) if report_ref else None
    f = parse_filter(params, report_id=report.id if report else None, limit=None)
    workdir = Path(tempfile.mkdtemp(prefix="policyledger-export-"))
    name = f"policyledger-facts-{report.short_id}" if report else "policyledger-facts"
    dest = workdir / f"{name}.{suffix}"
    try:
        export_facts(conn, replace(f, limit=None, offset=0), fmt, dest)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return FileResponse(
        dest,
        media_type=media_type,
        filename=dest.name,
        background=BackgroundTask(shutil.rmtree, workdir, ignore_errors=True),
    )


@router.get("/facts.{suffix}", include_in_schema=False)
def all_facts_export(request: Request, suffix: str, conn: Conn) -> Response:
    if suffix not in EXPORTS:
        raise QueryError(f"不支援的匯出格式 .{suffix}（可用：{', '.join(EXPORTS)}）")
    return _export(request, conn, None, suffix)


@router.get("/reports/{report_id}/facts.{suffix}", include_in_schema=False)
def report_facts_export(request: Request, report_id: str, suffix: str, conn: Conn) -> Response:
    if suffix not in EXPORTS:
        raise QueryError(f"不支援的匯出格式 .{suffix}（可用：{', '.join(EXPORTS)}）")
    return _export(request, conn, report_id, suffix)


@router.get("/api/facts", response_model=list[FactRow], tags=["facts"])
def api_facts(
    conn: Conn,
    response: Response,
    report: Annotated[str | None, Query(description="報告代號或其唯一前綴")] = None,
    chapter: Annotated[str | None, Query(description="章（第一層路徑），例如 拾")] = None,
    unit: Annotated[str | None, Query(description="標準單位代碼：TWD、kW、%…")] = None,
    modality: Annotated[str | None, Query(description="actual 或 target")] = None,
    role: Annotated[str | None, Query(description="level 或 change")] = None,
    year: Annotated[str | None, Query(description="西元或民國年；數據期間與之重疊")] = None,
    q: Annotated[str | None, Query(description="數字或其句子中的文字")] = None,
    sort: Annotated[str, Query(description="position、value、unit、period、section")] = "position",
    order: Annotated[str, Query(description="asc 或 desc")] = "asc",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[FactRow]:
    """Facts with their sentence and section, filtered; an array of objects. The header
    ``X-Total-Count`` gives the number of matches without ``limit``/``offset``."""
    ref = _blank(report)
    report_id = get_report(conn, ref).id if ref else None
    f = parse_filter(
        {
            "chapter": chapter,
            "unit": unit,
            "modality": modality,
            "role": role,
            "year": year,
            "q": q,
            "sort": sort,
            "order": order,
        },
        report_id=report_id,
        limit=limit,
        offset=offset,
    )
    response.headers["X-Total-Count"] = str(count_facts(conn, f))
    return list_facts(conn, f)
