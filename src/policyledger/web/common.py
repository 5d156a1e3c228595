"""Glue every web route uses, so pages and their ``.json`` twins cannot disagree.

A route builds one ``data`` dict from core functions and hands it to :func:`page`;
``page`` renders the template for HTML or returns the same dict as JSON when the URL
ends in ``.json`` (or ``?format=json``). Errors use one JSON body everywhere:
``{"error": {"status": 404, "message": "…"}}``.

Templates see the same plain dicts the JSON twin returns, plus a few helpers registered
here (``section_url``, ``num``, ``nav_items``, …) that every feature's templates may use.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

PRODUCT_NAME = "施政帳本"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    """FastAPI dependency: a connection to the ledger for this request."""
    from policyledger.store import connect

    conn = connect(request.app.state.db_path)
    try:
        yield conn
    finally:
        conn.close()


def wants_json(request: Request, fmt: str | None = None) -> bool:
    return (
        fmt == "json"
        or request.query_params.get("format") == "json"
        or request.url.path.endswith(".json")
    )


def is_api_request(request: Request) -> bool:
    """Whether an error on this request must be the JSON error body rather than a page."""
    return request.url.path.startswith("/api/") or wants_json(request)


def json_response(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(
        content=json.loads(json.dumps(data, ensure_ascii=False, default=str)),
        status_code=status_code,
        media_type="application/json; charset=utf-8",
    )


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    fmt: str | None = None,
    *,
    status_code: int = 200,
) -> Response:
    """Render ``template`` with ``data``, or return ``data`` itself as JSON."""
    if wants_json(request, fmt):
        return json_response(data, status_code)
    resp: HTMLResponse = templates.TemplateResponse(
        request, template, {**data, "request": request}, status_code=status_code
    )
    return resp


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


# --- helpers for templates ---------------------------------------------------------------


def report_url(report_id: str, suffix: str = "") -> str:
    return f"/reports/{quote(report_id, safe='')}{suffix}"


def section_url(report_id: str, path: str, anchor: int | str | None = None) -> str:
    """Link to a section page; paths hold full-width brackets and Chinese numerals."""
    url = report_url(report_id, f"/sections/{quote(path, safe='/')}")
    if anchor is not None:
        url += f"#p-{anchor}" if isinstance(anchor, int) else f"#{anchor}"
    return url


def query_with(params: Mapping[str, Any], **changes: Any) -> str:
    """The query string of ``params`` with ``changes`` applied; empty values are dropped."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


# How each canonical unit reads in zh-TW, and the scale a person expects to see.
UNIT_DISPLAY: dict[str, tuple[str, float]] = {
    "TWD": ("億元", 1e8),
    "USD": ("億美元", 1e8),
    "EUR": ("億歐元", 1e8),
    "JPY": ("億日圓", 1e8),
    "CNY": ("億人民幣", 1e8),
    "kW": ("萬瓩", 1e4),
    "kWh": ("億度", 1e8),
    "t": ("萬公噸", 1e4),
    "%": ("％", 1),
    "pp": ("個百分點", 1),
    "permille": ("‰", 1),
    "ha": ("公頃", 1),
    "km": ("公里", 1),
    "m": ("公尺", 1),
    "m2": ("平方公尺", 1),
    "km2": ("平方公里", 1),
    "m3": ("立方公尺", 1),
    "kL": ("公秉", 1),
    "day": ("天", 1),
    "month": ("個月", 1),
    "year": ("年", 1),
    "hour": ("小時", 1),
}
UNIT_NAMES: dict[str, str] = {
    "TWD": "新臺幣",
    "USD": "美元",
    "EUR": "歐元",
    "JPY": "日圓",
    "CNY": "人民幣",
    "kW": "功率／裝置容量",
    "kWh": "電量",
    "t": "重量",
    "t/day": "每日噸數",
    "t/h": "每時噸數",
    "t/year": "每年噸數",
    "kL": "容量（公秉）",
    "m3": "體積",
    "ha": "面積（公頃）",
    "m2": "面積（平方公尺）",
    "km2": "面積（平方公里）",
    "km": "長度（公里）",
    "m": "長度（公尺）",
    "%": "百分比",
    "pp": "百分點",
    "permille": "千分比",
    "day": "天數",
    "month": "月數",
    "year": "年數",
    "hour": "時數",
    "count": "件數／人數等",
    "other": "其他",
}
MODALITY_NAMES = {"actual": "實績", "target": "目標"}
ROLE_NAMES = {"level": "數值", "change": "增減"}
QUALIFIER_NAMES = {
    "exact": "",
    "approx": "約",
    "over": "逾",
    "under": "未滿",
    "at_most": "至多",
    "at_least": "至少",
}


def num(value: float | int | None, digits: int = 2) -> str:
    """A number with thousands separators and no needless trailing zeros."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def value_display(value: float | None, unit: str, raw_unit: str = "") -> str:
    """``5.44e9, "TWD"`` -> ``54.4 億元``: the canonical value in the scale people read."""
    if value is None:
        return "—"
    label, scale = UNIT_DISPLAY.get(unit, (raw_unit if unit in ("count", "other") else unit, 1))
    return f"{num(value / scale)} {label}".strip()


def period_display(start: str | None, end: str | None) -> str:
    if not start and not end:
        return "未標示"
    if start and end and start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
        year = int(start[:4])
        return f"{year} 年（民國 {year - 1911} 年）"
    if not start:
        return f"{end} 前"
    if not end or start == end:
        return start
    return f"{start} 至 {end}"


def nav_items(request: Request, report_id: str | None = None) -> list[dict[str, Any]]:
    """The header's navigation. A feature's link appears only when its route exists, so the
    nav never points at a page that is not there (features plug in their own routers)."""
    paths: frozenset[str] = getattr(request.app.state, "route_paths", frozenset())
    here = request.url.path
    items: list[dict[str, Any]] = [{"label": "報告", "href": "/", "key": "reports"}]
    if "/facts" in paths:
        facts_href = report_url(report_id, "/facts") if report_id else "/facts"
        items.append({"label": "數據", "href": facts_href, "key": "facts"})
    for label, key in (("查核", "checks"), ("承諾", "commitments")):
        href: str | None = None
        per_report = any(re.fullmatch(rf"/reports/\{{[^}}/]+\}}/{key}", p) for p in paths)
        if report_id and per_report:
            href = report_url(report_id, f"/{key}")
        elif f"/{key}" in paths:
            href = f"/{key}"
        items.append({"label": label, "href": href, "key": key})
    items.append(
        {"label": "搜尋", "href": "/search" if "/search" in paths else None, "key": "search"}
    )
    for item in items:
        href = item["href"]
        item["current"] = bool(href) and (
            here == href or (href != "/" and here.startswith(href.split("?")[0]))
        )
    return items


templates.env.globals.update(
    product_name=PRODUCT_NAME,
    report_url=report_url,
    section_url=section_url,
    query_with=query_with,
    nav_items=nav_items,
    value_display=value_display,
    period_display=period_display,
    unit_names=UNIT_NAMES,
    modality_names=MODALITY_NAMES,
    role_names=ROLE_NAMES,
    qualifier_names=QUALIFIER_NAMES,
)
templates.env.filters["num"] = num
