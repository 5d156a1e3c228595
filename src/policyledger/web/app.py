"""The web face: ``create_app(db_path)`` builds the FastAPI application.

Each feature contributes ``web/routes/<feature>.py`` exposing ``router``; a feature that
is not installed yet is skipped, but any other import failure is a bug and surfaces.
Every error — from a route, a validation, or a core ``PolicyLedgerError`` — leaves as
one JSON body ``{"error": {"status", "message"}}`` on ``/api/…`` and ``….json`` URLs, and
as a zh-TW error page everywhere else.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from policyledger.errors import NotFound, PolicyLedgerError, QueryError, StoreError
from policyledger.web.charts import bar_chart
from policyledger.web.common import (
    PRODUCT_NAME,
    STATIC_DIR,
    error_body,
    is_api_request,
    json_response,
    templates,
)
from policyledger.web.highlight import segments

FEATURES = ("reports", "facts", "checks", "search", "commitments")

log = logging.getLogger(__name__)

STATUS_TEXT = {
    400: "請求內容有誤",
    404: "找不到這個頁面",
    405: "不支援這個請求方法",
    422: "請求參數不正確",
    500: "伺服器發生錯誤",
    503: "帳本暫時無法使用",
}


def create_app(db_path: str | Path) -> FastAPI:
    app = FastAPI(
        title=f"{PRODUCT_NAME} policyledger",
        description="施政報告的可查證帳本：報告、章節、數據（含出處）的 JSON API。",
        version="0.1.0",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db_path = str(db_path)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    templates.env.globals.update(bar_chart=bar_chart, segments=segments)
    _install_error_handlers(app)
    # The nav links a feature only when its page exists; included routers no longer show
    # up in ``app.routes`` one by one, so remember their paths here.
    paths: set[str] = set()
    for name in FEATURES:
        module = importlib.import_module(f"policyledger.web.routes.{name}")
        app.include_router(module.router)
        paths.update(str(getattr(route, "path", "")) for route in module.router.routes)
    app.state.route_paths = frozenset(paths)
    return app


def error_response(request: Request, status: int, message: str) -> Response:
    if is_api_request(request):
        return json_response(error_body(status, message), status)
    try:
        resp: HTMLResponse = templates.TemplateResponse(
            request,
            "error.html",
            {
                "request": request,
                "status": status,
                "heading": STATUS_TEXT.get(status, "發生錯誤"),
                "message": message,
            },
            status_code=status,
        )
        return resp
    except Exception:
        log.exception("error page failed to render")
        return HTMLResponse(
            f"<!doctype html><html lang='zh-Hant-TW'><title>{status}</title>"
            f"<p>{status} {STATUS_TEXT.get(status, '發生錯誤')}</p></html>",
            status_code=status,
        )


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else STATUS_TEXT.get(exc.status_code)
        if exc.status_code == 404 and message == "Not Found":
            message = f"找不到 {request.url.path} (no such page)"
        return error_response(request, exc.status_code, message or str(exc.status_code))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or '?'}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return error_response(request, 400, f"請求參數不正確 (invalid parameters): {problems}")

    async def ledger_error(request: Request, exc: Exception) -> Response:
        status = 400
        if isinstance(exc, NotFound):
            status = 404
        elif isinstance(exc, StoreError):
            status = 503
        elif isinstance(exc, QueryError):
            status = 400
        return error_response(request, status, str(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "伺服器發生未預期的錯誤 (internal error)")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(PolicyLedgerError, ledger_error)
    app.add_exception_handler(Exception, server_error)
