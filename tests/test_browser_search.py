"""The search page in Debian's chromium: the header box, highlights, links, hostile input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_server(live_server: str) -> str:
    """The shared live server (the 2018 report and the demo report, ingested for real)."""
    return live_server.rstrip("/")


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
