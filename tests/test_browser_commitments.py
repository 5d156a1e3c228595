"""The commitments pages in Debian's chromium: the list with its filters and timeline,
then confirming a proposed link on a commitment page with a plain form (no JavaScript
needed), which must change the evidence status and add to the history."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_commitments_golden import build_ledger

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, report_2018: Path) -> Iterator[str]:
    """Its own ledger and server: the test confirms a link, which changes the ledger."""
    import uvicorn

    from policyledger.web.app import create_app

    db = tmp_path_factory.mktemp("commitments-web") / "ledger.db"
    build_ledger(db, report_2018)
    port = _free_port()
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="off"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(locale="zh-TW", java_script_enabled=False)
    p = ctx.new_page()
    try:
        yield p
    finally:
        ctx.close()


def test_list_filters_and_timeline(page: Any, server: str, artifacts_dir: Path) -> None:
    page.goto(f"{server}/commitments?as_of=2018-07-01")
    assert page.locator("h1").inner_text().startswith("承諾追蹤")
    rows = page.locator("tr.commitment-row")
    total = rows.count()
    assert total > 80
    # The timeline is inline SVG with one linked dot per dated commitment.
    dots = page.locator("svg.timeline circle")
    assert dots.count() >= 80
    assert page.locator("svg.timeline line.as-of").count() == 1
    page.screenshot(path=str(artifacts_dir / "commitments-list.png"), full_page=False)

    # Filter through the form (a GET form, works without scripts).
    page.select_option("#f-status", "overdue")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**status=overdue**")
    overdue = page.locator("tr.commitment-row")
    assert 0 < overdue.count() < total
    schedules = overdue.evaluate_all("rows => rows.map(r => r.dataset.schedule)")
    assert set(schedules) == {"overdue"}
    assert page.locator("#f-as-of").input_value() == "2018-07-01"


def test_confirm_a_link_without_javascript(page: Any, server: str, artifacts_dir: Path) -> None:
    page.goto(f"{server}/commitments?as_of=2019-04-01&domain=能源")
    row = page.locator("tr.commitment-row", has_text="1,520 MW").first
    row.locator("a").first.click()
    page.wait_for_url("**/commitments/*")
    assert "1,520 MW" in page.locator("blockquote.source-quote mark").inner_text()
    source = page.locator("#source-link").get_attribute("href")
    assert source is not None and "/sections/" in source and "#p-" in source
    assert (
        page.locator("#status-evidence [data-status]").get_attribute("data-status") == "no_figure"
    )

    card = page.locator(".link-card", has_text="1,680 MW").first
    assert card.get_attribute("data-status") == "proposed"
    card.locator("input[name=reason]").fill("同一太陽光電推動計畫，截至 107 年 6 月底")
    card.locator("button[value=confirmed]").click()
    page.wait_for_selector("#decision-notice")

    assert page.locator("#status-evidence [data-status]").get_attribute("data-status") == "met"
    assert page.locator("#status-official [data-status]").get_attribute("data-status") == "reported"
    card = page.locator(".link-card", has_text="1,680 MW").first
    assert card.get_attribute("data-status") == "confirmed"
    history = page.locator("ol.history").inner_text()
    assert "同一太陽光電推動計畫" in history and "已確認" in history
    page.screenshot(path=str(artifacts_dir / "commitment-confirmed.png"), full_page=True)

    # The source link lands on the paragraph that holds the sentence.
    page.goto(server + source)
    anchor = source.rsplit("#", 1)[1]
    assert "1,520 MW" in page.locator(f"[id='{anchor}']").inner_text()

    # The list now shows the evidence too.
    page.goto(f"{server}/commitments?as_of=2019-04-01&status=met")
    assert page.locator("tr.commitment-row", has_text="1,520 MW").count() == 1
