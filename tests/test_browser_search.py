"""The search page in Debian's chromium: the header box, highlights, links, hostile input."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def search_server(
    request: pytest.FixtureRequest, report_2018: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The shared ``live_server`` when conftest has one, else our own on the 2018 report."""
    if "live_server" in request.fixturenames or _has_fixture(request, "live_server"):
        server = request.getfixturevalue("live_server")
        yield str(getattr(server, "url", server)).rstrip("/")
        return
    import uvicorn

    from policyledger.ingest import load_document
    from policyledger.pipeline import ingest_document
    from policyledger.store import connect
    from policyledger.web.app import create_app

    db = tmp_path_factory.mktemp("search-browser") / "ledger.db"
    conn = connect(db)
    ingest_document(
        conn, load_document(report_2018), analysers=["policyledger.search:index_report"]
    )
    conn.close()
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _has_fixture(request: pytest.FixtureRequest, name: str) -> bool:
    manager = request._fixturemanager
    return bool(manager.getfixturedefs(name, request.node))


def test_header_search_finds_highlights_and_links(
    browser: Any, search_server: str, artifacts_dir: Path
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{search_server}/search")
        page.fill("#site-q", "離岸風電 目標")
        page.press("#site-q", "Enter")
        page.wait_for_selector(".search-hit")
        assert "/search?q=" in page.url
        first = page.locator(".search-hit").first
        marks = first.locator("mark.hl-term").all_inner_texts()
        assert marks and set(marks) & {"離岸", "目標", "風力"}
        href = first.locator("a.hit-link").get_attribute("href") or ""
        assert "/sections/" in href and "#p-" in href
        page.screenshot(path=str(artifacts_dir / "search-offshore-wind.png"), full_page=True)
        first.locator("a.hit-link").click()
        page.wait_for_load_state()
        assert "#p-" in page.url
    finally:
        page.close()


def test_simplified_input_and_figure_query(browser: Any, search_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{search_server}/search?q=风力发电 投资")
        text = page.locator(".search-hit").first.inner_text()
        assert "風力發電" in text
        page.goto(f"{search_server}/search?q=unit:kW >= 1000000 modality:target")
        assert page.locator(".search-hit").count() > 0
        assert page.locator(".search-hit mark.hl-figure").count() > 0
        assert page.locator(".figures .matched").count() > 0
    finally:
        page.close()


def test_quotes_and_fts_operators_typed_in_the_box(
    browser: Any, search_server: str, artifacts_dir: Path
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{search_server}/search")
        hostile = '"OR" 電價 NEAR(費率 公式)* AND ^ "unclosed'
        page.fill("#search-q", hostile)
        page.press("#search-q", "Enter")
        page.wait_for_selector("#search-count")
        assert page.locator('[role="alert"]').count() == 0
        assert page.input_value("#search-q") == hostile
        assert page.locator(".search-hit").count() > 0
        first = page.locator(".search-hit").first.inner_text()
        assert "電價" in first
        page.screenshot(path=str(artifacts_dir / "search-hostile-query.png"), full_page=True)
    finally:
        page.close()
