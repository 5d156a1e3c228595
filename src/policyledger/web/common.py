"""Glue every web route uses, so pages and their ``.json`` twins cannot disagree.

A route builds one ``data`` dict from core functions and hands it to :func:`page`;
``page`` renders the template for HTML or returns the same dict as JSON when the URL
ends in ``.json`` (or ``?format=json``). Errors use one JSON body everywhere:
``{"error": {"status": 404, "message": "…"}}``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

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
    return fmt == "json" or request.query_params.get("format") == "json"


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
