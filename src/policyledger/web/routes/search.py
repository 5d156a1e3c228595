"""Search pages: ``/search?q=…`` (HTML and its ``.json`` twin) and ``/api/search``.

The route only reads parameters, calls :func:`policyledger.search.search` and shapes its
frozen results into plain dicts; everything the page shows is in the JSON twin.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from policyledger.errors import QueryError
from policyledger.search import SearchResults, search
from policyledger.web.common import get_conn, json_response, page, report_url, wants_json

router = APIRouter()

Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
FILTER_KEYS = ("report", "chapter", "year", "unit", "modality")
DEFAULT_LIMIT = 20

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("離岸風電 目標", "繁體關鍵詞"),
    ("风力发电 投资", "簡體輸入也可以"),
    ("Siemens Gamesa", "英文名稱"),
    ("「綠能屋頂」", "引號內為完整詞組"),
    ("unit:kW >= 1000000 modality:target", "數字條件：目標裝置容量 ≥ 100 萬瓩"),
    ("電價 chapter:拾 year:107", "篩選章節與年份"),
)


def _blank(v: str | None) -> str | None:
    v = v.strip() if v is not None else None
    return v or None


def _limit(raw: str | None) -> int:
    if not raw:
        return DEFAULT_LIMIT
    try:
        return max(1, min(200, int(raw)))
    except ValueError:
        raise QueryError(f"limit 必須是整數，收到 {raw!r}") from None


def results_data(results: SearchResults) -> dict[str, Any]:
    data = results.to_dict()
    data["groups"] = [
        {
            "report_id": rid,
            "report_title": title or rid[:12],
            "report_url": report_url(rid),
            "hits": [h.to_dict() for h in hits],
        }
        for rid, title, hits in results.groups()
    ]
    return data


@router.get("/search", include_in_schema=False)
@router.get("/search.json", include_in_schema=False)
def search_page(request: Request, conn: Conn) -> Response:
    qp = request.query_params
    q = qp.get("q", "")
    params = {k: _blank(qp.get(k)) for k in FILTER_KEYS}
    data: dict[str, Any] = {
        "q": q,
        "params": {k: v for k, v in params.items() if v},
        "examples": [{"q": e, "note": n} for e, n in EXAMPLES],
        "error": None,
        "results": None,
    }
    if not q.strip() and not any(params.values()):
        return page(request, "search/search.html", data)
    try:
        results = search(conn, q, **params, limit=_limit(qp.get("limit")))
    except QueryError as exc:
        if wants_json(request):
            raise
        # On the page a bad filter is shown beside the form, so the query can be fixed.
        data["error"] = str(exc)
        return page(request, "search/search.html", data, status_code=400)
    data["results"] = results_data(results)
    return page(request, "search/search.html", data)


@router.get("/api/search", tags=["search"])
def api_search(
    conn: Conn,
    q: Annotated[str, Query(description="查詢文字；可含 unit:kW、>= 1000000、「詞組」等")] = "",
    report: Annotated[str | None, Query(description="報告代號或其前綴")] = None,
    chapter: Annotated[str | None, Query(description="章：路徑（拾、拾/一）或章名文字")] = None,
    year: Annotated[str | None, Query(description="報告年份，西元或民國")] = None,
    unit: Annotated[str | None, Query(description="段落中數字的標準單位：kW、TWD、%…")] = None,
    modality: Annotated[str | None, Query(description="actual（實績）或 target（目標）")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = DEFAULT_LIMIT,
) -> Response:
    """全文搜尋：回傳命中段落的陣列（依相關度排序），含摘要、標示與數字。"""
    results = search(
        conn,
        q,
        report=_blank(report),
        chapter=_blank(chapter),
        year=_blank(year),
        unit=_blank(unit),
        modality=_blank(modality),
        limit=limit,
    )
    return json_response([h.to_dict() for h in results.hits])
