"""The Checks page in Debian's chromium: inconsistent first, highlighted excerpts, the
arithmetic written out, the verdict filter, and the way there from the report page."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _has_fixture(request: pytest.FixtureRequest, name: str) -> bool:
    return bool(request._fixturemanager.getfixturedefs(name, request.node))


@pytest.fixture(scope="module")
def checks_server(
    request: pytest.FixtureRequest, report_2018: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The shared ``live_server`` when conftest has one, else our own on the 2018 report."""
    if _has_fixture(request, "live_server"):
        server = request.getfixturevalue("live_server")
        yield str(getattr(server, "url", server)).rstrip("/")
        return
    import uvicorn

    from policyledger.pipeline import ingest_path
    from policyledger.store import connect
    from policyledger.web.app import create_app

    db = tmp_path_factory.mktemp("checks-browser") / "ledger.db"
    conn = connect(db)
    ingest_path(conn, report_2018)
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


@pytest.fixture(scope="module")
def report_id(checks_server: str) -> str:
    with urllib.request.urlopen(f"{checks_server}/api/reports") as resp:
        reports = json.load(resp)
    return next(r["id"] for r in reports if "2018" in (r.get("file_name") or ""))


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    p = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        yield p
    finally:
        p.close()


def test_inconsistent_first_with_highlights_and_arithmetic(
    page: Any, checks_server: str, report_id: str, artifacts_dir: Path
) -> None:
    page.goto(f"{checks_server}/reports/{report_id}/checks")
    assert "算術查核" in page.title()
    counts = page.locator("#check-counts li[data-verdict='inconsistent'] .n")
    assert counts.inner_text() == "10"
    items = page.locator("li.check")
    total = items.count()
    assert total == int(page.locator("#checks-shown").inner_text()) and total > 60
    verdicts = [items.nth(i).get_attribute("data-verdict") for i in range(total)]
    assert verdicts[:10] == ["inconsistent"] * 10 and "inconsistent" not in verdicts[10:]

    first = items.first
    assert first.locator(".verdict-badge").inner_text() == "不符"
    assert first.locator(".excerpt mark.stated").inner_text() == "25.1％"
    assert first.locator(".excerpt mark.input").first.inner_text() == "23.3 億美元"
    assert "23.3 億美元 ÷ 87.4 億美元 = 26.66％" in first.locator(".arith").inner_text()
    assert "92.8" in first.locator(".note").inner_text()
    # The stated figure of a failing check is marked in red, not in the consistent yellow.
    bg = first.locator(".excerpt mark.stated").evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg == "rgb(254, 202, 202)"
    page.screenshot(path=str(artifacts_dir / "checks-page.png"), full_page=False)


def test_verdict_filter_and_source_link(page: Any, checks_server: str, report_id: str) -> None:
    page.goto(f"{checks_server}/reports/{report_id}/checks")
    page.select_option("#f-verdict", "consistent")
    page.select_option("#f-kind", "ratio")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "verdict=consistent" in page.url and "kind=ratio" in page.url
    items = page.locator("li.check")
    assert items.count() >= 9
    assert {items.nth(i).get_attribute("data-kind") for i in range(items.count())} == {"ratio"}
    pass_rate = page.locator("li.check", has_text="合格率 = (1 − 4,623 具").first
    assert "99.86％" in pass_rate.locator(".excerpt mark.stated").inner_text()
    with page.expect_navigation():
        pass_rate.locator("a.source").click()
    assert "/sections/" in page.url and "#p-" in page.url


def test_report_page_shows_counts_and_leads_to_checks(
    page: Any, checks_server: str, report_id: str
) -> None:
    page.goto(f"{checks_server}/reports/{report_id}")
    link = page.locator(f"a[href$='/reports/{report_id}/checks']").first
    assert link.count() == 1
    body = page.locator("main").inner_text()
    assert "算術查核" in body
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/checks")
    assert page.locator("h1").inner_text().startswith("算術查核")


def test_json_twin_matches_the_page(page: Any, checks_server: str, report_id: str) -> None:
    resp = page.request.get(f"{checks_server}/reports/{report_id}/checks.json?verdict=inconsistent")
    data = resp.json()
    assert resp.status == 200 and data["counts"]["inconsistent"] == 10
    assert len(data["checks"]) == 10 and {c["verdict"] for c in data["checks"]} == {"inconsistent"}
    api = page.request.get(f"{checks_server}/api/checks?verdict=nonsense")
    assert api.status == 400 and api.json()["error"]["status"] == 400
