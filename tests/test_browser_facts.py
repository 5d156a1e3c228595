"""The Facts page in Debian's chromium: filter with the plain form, export CSV, and check
that the downloaded file holds exactly the figures the page shows (issue 3's "done when")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, locale="zh-TW", accept_downloads=True
    )
    p = context.new_page()
    yield p
    context.close()


def _report_id(base: str, page: Any, file_name: str) -> str:
    (r,) = [
        r for r in page.request.get(f"{base}/api/reports").json() if r["file_name"] == file_name
    ]
    return str(r["id"])


def _filter_and_export(
    page: Any, chapter_label: str, unit: str, modality: str
) -> list[dict[str, str]]:
    page.select_option("#f-chapter", label=_option_label(page, "#f-chapter", chapter_label))
    page.select_option("#f-unit", value=unit)
    page.select_option("#f-modality", value=modality)
    page.get_by_role("button", name="篩選").click()
    page.wait_for_load_state()
    with page.expect_download() as info:
        page.locator("a.export-csv").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _option_label(page: Any, select: str, starts_with: str) -> str:
    labels: list[str] = page.locator(f"{select} option").all_inner_texts()
    (label,) = [x for x in labels if x.startswith(starts_with)]
    return label


def _shown(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("tr.fact-row th.fact-text").all_inner_texts()]


def test_energy_money_targets_filter_and_csv(
    live_server: str, page: Any, artifacts_dir: Path
) -> None:
    rid = _report_id(live_server, page, "moea-report-2018-03.txt")
    page.goto(f"{live_server}/reports/{rid}/facts")
    total_before = int(page.locator("#facts-total").inner_text().replace(",", ""))
    assert total_before > 1000

    rows = _filter_and_export(page, "拾、能源", "TWD", "target")
    assert "chapter=%E6%8B%BE" in page.url and "unit=TWD" in page.url
    page.screenshot(path=str(artifacts_dir / "facts-energy-twd-targets.png"), full_page=True)
    shown = _shown(page)
    total = int(page.locator("#facts-total").inner_text().replace(",", ""))
    # The CSV is exactly what the page lists — same figures, same order — with citations.
    assert [r["text"] for r in rows] == shown
    assert len(rows) == total
    for r in rows:
        assert (r["chapter"], r["unit"], r["modality"], r["report_id"]) == (
            "拾",
            "TWD",
            "target",
            rid,
        )
        assert r["text"] in r["sentence"] and r["section_path"].startswith("拾/")
    # Read from the report: 拾、能源 (lines 3659–3936) states its money only as 公升油當量/千元,
    # an intensity, so it has no 億元 target at all; the export must not invent one.
    assert rows == [] and "沒有符合條件的數據" in page.content()

    # Its capacity targets do exist: 「預計在 107 年 6 月底前達成 1,520 MW，為 114 年 20 GW
    # 之設置目標」 (拾/一/（四）/4/（1）).
    page.goto(f"{live_server}/reports/{rid}/facts")
    kw = _filter_and_export(page, "拾、能源", "kW", "target")
    by_text = {r["text"]: r for r in kw}
    assert float(by_text["1,520 MW"]["value"]) == 1_520_000
    assert float(by_text["20 GW"]["value"]) == 20_000_000
    assert by_text["20 GW"]["section_path"] == "拾/一/（四）/4/（1）"
    assert [r["text"] for r in kw] == _shown(page)


def test_demo_energy_money_targets_link_to_their_paragraph(
    live_server: str, page: Any, artifacts_dir: Path
) -> None:
    rid = _report_id(live_server, page, "demo-report.txt")
    page.goto(f"{live_server}/reports/{rid}/facts")
    rows = _filter_and_export(page, "陸、能源轉型", "TWD", "target")
    assert [r["text"] for r in rows] == _shown(page)
    # The demo report's 陸/一/（二）/2: 「預計帶動投資 9,800 億元」.
    (row,) = [r for r in rows if r["text"] == "9,800 億元"]
    assert float(row["value"]) == 9_800e8 and row["modality"] == "target"
    page.screenshot(path=str(artifacts_dir / "facts-demo-energy.png"), full_page=True)

    link = page.locator("tr.fact-row", has_text="9,800 億元").locator("a.source")
    link.click()
    page.wait_for_url("**/sections/**")
    anchor = page.url.split("#")[1]
    assert page.locator(f"#{anchor}").inner_text().count("9,800 億元") == 1
    assert page.locator(f"#{anchor} mark.fact", has_text="9,800 億元").count() == 1
