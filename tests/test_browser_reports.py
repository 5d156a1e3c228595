"""The report and section pages in Debian's chromium: the outline tree, a section page,
and a highlighted figure's tooltip on hover and on keyboard focus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
# The README shows a real screenshot; refresh it deliberately, never as a side effect.
UPDATE_SCREENSHOT = os.environ.get("POLICYLEDGER_UPDATE_SCREENSHOT") == "1"


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    context.close()
    assert errors == [], errors


def _report_2018_id(base: str, page: Any) -> str:
    data = page.request.get(f"{base}/api/reports").json()
    (report,) = [r for r in data if r["file_name"] == "moea-report-2018-03.txt"]
    return str(report["id"])


def test_outline_tree_expands_and_leads_to_a_section(
    live_server: str, page: Any, artifacts_dir: Path
) -> None:
    page.goto(f"{live_server}/")
    assert page.title().startswith("報告")
    page.get_by_role("link", name="moea-report-2018-03.txt").click()
    page.wait_for_url("**/reports/*")
    assert page.get_by_role("heading", name="章節大綱").is_visible()
    # The chapters sit collapsed; 一、推動重點產業創新發展 is hidden until 壹 opens.
    chapter = page.locator("li.outline-node.level-1", has_text="壹、 工業").first
    child = chapter.locator("li.level-2").first
    assert not child.is_visible()
    chapter.locator("summary").first.click(position={"x": 4, "y": 10})
    assert child.is_visible()
    assert "推動重點產業創新發展" in child.inner_text()
    # Counts ride along each node.
    assert "段" in chapter.locator(".counts").first.inner_text()
    assert page.locator("svg#svg-money").is_visible()
    page.screenshot(path=str(artifacts_dir / "report.png"), full_page=False)

    child.locator("summary").first.click(position={"x": 4, "y": 10})
    # With JavaScript, one button opens the whole tree (and another closes it).
    deep = page.locator("li.outline-node.level-4").first
    assert not deep.is_visible()
    page.get_by_role("button", name="全部展開").click()
    assert deep.is_visible()
    page.get_by_role("button", name="全部收合").click()
    assert not child.is_visible()
    chapter.locator("summary").first.click(position={"x": 4, "y": 10})
    child.locator("summary").first.click(position={"x": 4, "y": 10})
    child.get_by_role("link", name="（一） 推動智慧機械產業發展").click()
    page.wait_for_url("**/sections/**")
    assert page.locator("h1").inner_text().endswith("推動智慧機械產業發展")
    crumbs = page.locator("nav.breadcrumbs").inner_text()
    assert "壹、 工業" in crumbs and "一、 推動重點產業創新發展" in crumbs


def test_figure_tooltip_on_hover_and_focus(
    live_server: str, page: Any, artifacts_dir: Path
) -> None:
    rid = _report_2018_id(live_server, page)
    page.goto(f"{live_server}/reports/{rid}/sections/{quote('壹/一/（一）')}")
    # 壹/一/（一）/1: 「總投資額可達 155 億元」 (report line 9).
    mark = page.locator("mark.fact", has_text="155 億元").first
    tip = mark.locator(".tip")
    assert mark.get_attribute("data-unit") == "TWD"
    assert float(mark.get_attribute("data-value") or 0) == 155e8
    assert mark.get_attribute("tabindex") == "0"
    assert not tip.is_visible()

    mark.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert "155 億元" in text and "TWD" in text and "期間" in text
    modality = mark.get_attribute("data-modality")
    assert {"actual": "實績", "target": "目標"}[modality or ""] in text
    page.screenshot(path=str(artifacts_dir / "section-tooltip.png"))
    if UPDATE_SCREENSHOT:
        shutil.copy(artifacts_dir / "section-tooltip.png", REPO / "docs" / "screenshot.png")

    page.mouse.move(0, 0)
    assert not tip.is_visible()
    # Keyboard: Tab reaches the figure and its tooltip shows on focus.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.fact')"):
            break
    first = page.locator("mark.fact").first
    assert page.evaluate("document.activeElement === document.querySelector('mark.fact')")
    assert first.locator(".tip").is_visible()
    described = first.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").count() == 1

    # The paragraph permalink is a stable anchor.
    para = page.locator("p.para").first
    anchor = para.get_attribute("id")
    assert anchor and anchor.startswith("p-")
    page.goto(page.url.split("#")[0] + f"#{anchor}")
    assert page.evaluate(f"document.querySelector('#{anchor}').matches(':target')")


def test_section_neighbours_and_demo_report(
    live_server: str, page: Any, artifacts_dir: Path
) -> None:
    rid = _report_2018_id(live_server, page)
    page.goto(f"{live_server}/reports/{rid}/sections/{quote('拾')}")
    assert page.locator("h1").inner_text().endswith("能源")
    page.locator("a[rel=prev]").first.click()
    page.wait_for_url("**/sections/**")
    assert page.locator("h1").inner_text() != ""
    page.goto(f"{live_server}/")
    (demo,) = [
        r
        for r in page.request.get(f"{live_server}/api/reports").json()
        if r["file_name"] == "demo-report.txt"
    ]
    page.get_by_role("link", name=demo["title"] or demo["file_name"], exact=True).click()
    page.wait_for_url("**/reports/*")
    page.screenshot(path=str(artifacts_dir / "demo-report.png"), full_page=True)
