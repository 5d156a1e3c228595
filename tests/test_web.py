"""Every route of the web face on the tiny hand-built ledger: pages, their .json twins,
the /api endpoints, filters, exports, and the one error shape."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import TINY_REPORT_ID
from policyledger.web.app import create_app

RID = TINY_REPORT_ID


@pytest.fixture()
def client(tiny_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tiny_db)) as c:
        yield c


def sec(path: str, suffix: str = "") -> str:
    return f"/reports/{RID}/sections/{quote(path)}{suffix}"


# --- pages and their twins -----------------------------------------------------------


def test_report_list_page_and_twin(client: TestClient) -> None:
    html = client.get("/")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "施政帳本" in html.text and "經濟部業務報告（測試）" in html.text
    assert 'action="/search"' in html.text  # the search box is on every page
    twin = client.get("/index.json").json()
    assert client.get("/reports.json").json() == twin
    (r,) = twin["reports"]
    assert (r["id"], r["quantities"], r["targets"], r["ministry"]) == (RID, 7, 4, "經濟部")


def test_report_page_outline_charts_and_twin(client: TestClient) -> None:
    for ref in (RID, "ab12"):
        page = client.get(f"/reports/{ref}")
        assert page.status_code == 200
    text = page.text
    assert text.count("<details") >= 2  # 壹 and 壹/一 have children: collapsible
    assert "<svg" in text and 'id="svg-money"' in text and 'id="svg-capacity"' in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing remote
    assert sec("壹/一/（一）") in text
    data = client.get(f"/reports/{RID}.json").json()
    assert data["report"]["id"] == RID
    assert [n["path"] for n in data["outline"]] == ["壹", "拾"]
    assert data["outline"][1]["figures"] == 3
    assert [(c["chapter"], c["target_total"]) for c in data["summary"]["money"]] == [
        ("壹", 2.23e9),
        ("拾", 9.0e11),
    ]
    # The chart prints what the data says, in 億元.
    assert "9,000 億元" in text and "22.3 億元" in text


def test_section_page_highlights_and_links(client: TestClient) -> None:
    page = client.get(sec("壹/一/（一）"))
    assert page.status_code == 200
    html = page.text
    assert 'id="p-0"' in html and 'href="#p-0"' in html
    assert html.count('<mark class="fact') == 4
    assert 'data-unit="TWD"' in html and 'data-modality="target"' in html
    assert 'tabindex="0"' in html and 'role="tooltip"' in html
    assert "54.4 億元" in html and "2017 年（民國 106 年）" in html
    assert f'href="{sec("壹/一")}"' in html  # parent (and previous)
    assert f'href="{sec("拾")}"' in html  # next
    twin = client.get(sec("壹/一/（一）", ".json")).json()
    assert [b["path"] for b in twin["breadcrumbs"]] == ["壹", "壹/一"]
    (block,) = twin["blocks"]
    quantities = [q for s in block["paragraphs"][0]["sentences"] for q in s["quantities"]]
    assert [q["text"] for q in quantities] == ["54.4 億元", "82％", "3 年", "22.3 億元"]
    assert twin["next"]["path"] == "拾"


def test_chapter_page_shows_its_subsections(client: TestClient) -> None:
    twin = client.get(sec("拾", ".json")).json()
    assert [b["section"]["path"] for b in twin["blocks"]] == ["拾", "拾/一"]
    assert [c["path"] for c in twin["children"]] == ["拾/一"]
    html = client.get(sec("拾")).text
    assert 'id="p-1"' in html and 'id="p-2"' in html


def test_facts_page_filters_paging_and_twin(client: TestClient) -> None:
    html = client.get(f"/reports/{RID}/facts")
    assert html.status_code == 200
    assert html.text.count('class="fact-row') == 7
    assert 'name="chapter"' in html.text and 'name="unit"' in html.text
    # Column headers sort without JavaScript, keeping the filters.
    sorted_page = client.get(f"/reports/{RID}/facts", params={"unit": "TWD", "sort": "value"})
    assert 'aria-sort="ascending"' in sorted_page.text
    assert "?unit=TWD&amp;sort=value&amp;order=desc" in sorted_page.text
    assert sec("拾/一") + "#p-1" in html.text  # each figure links to its paragraph

    data = client.get(
        f"/reports/{RID}/facts.json", params={"chapter": "拾", "unit": "TWD", "modality": "target"}
    ).json()
    assert data["total"] == 1
    assert [f["text"] for f in data["facts"]] == ["9,000 億元"]
    assert all(e["href"].startswith(f"/reports/{RID}/facts.") for e in data["exports"])
    assert {e["format"] for e in data["exports"]} == {"csv", "xlsx", "datapackage"}

    # Empty form fields mean "any", as a browser submits them.
    blank = client.get(
        f"/reports/{RID}/facts.json",
        params={"chapter": "", "unit": "", "modality": "", "role": "", "year": "", "q": ""},
    ).json()
    assert blank["total"] == 7
    by_year = client.get(f"/reports/{RID}/facts.json", params={"year": "106"}).json()
    assert [f["text"] for f in by_year["facts"]] == ["54.4 億元", "82％", "52.3 萬瓩"]
    sorted_desc = client.get(
        f"/reports/{RID}/facts.json", params={"unit": "kW", "sort": "value", "order": "desc"}
    ).json()
    assert [f["text"] for f in sorted_desc["facts"]] == ["2,000 萬瓩", "52.3 萬瓩"]
    second = client.get(f"/reports/{RID}/facts.json", params={"offset": "50"}).json()
    assert second["facts"] == [] and second["pages"]["prev"] is not None


def test_all_facts_page(client: TestClient) -> None:
    data = client.get("/facts.json", params={"role": "change"}).json()
    assert data["report"] is None and [f["text"] for f in data["facts"]] == ["82％"]
    assert client.get("/facts.json", params={"report": "ab12"}).json()["total"] == 7
    assert client.get("/facts").status_code == 200


def test_csv_export_is_what_the_filters_select(client: TestClient) -> None:
    resp = client.get(f"/reports/{RID}/facts.csv", params={"chapter": "拾", "modality": "target"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    body = resp.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["text"], r["unit"], r["section_path"]) for r in rows] == [
        ("2,000 萬瓩", "kW", "拾/一"),
        ("9,000 億元", "TWD", "拾/一"),
    ]
    assert float(rows[1]["value"]) == 9.0e11
    assert rows[1]["sentence"] == "目標 114 年再生能源裝置容量 2,000 萬瓩，投資 9,000 億元。"


def test_excel_and_data_package_exports(client: TestClient) -> None:
    xlsx = client.get(f"/reports/{RID}/facts.xlsx", params={"unit": "kW"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    header = [str(c.value) for c in sheet[1]]
    col = next(i for i, h in enumerate(header) if h.endswith(" text"))
    texts = [row[col] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts == ["2,000 萬瓩", "52.3 萬瓩"]

    pkg = client.get("/facts.zip", params={"report": "ab12"})
    assert pkg.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(pkg.content)).namelist()
    assert any(n.endswith("datapackage.json") for n in names)
    assert client.get("/facts.pdf").status_code == 400


# --- the API ---------------------------------------------------------------------------


def test_api_lists_are_arrays_of_objects(client: TestClient) -> None:
    reports = client.get("/api/reports").json()
    assert isinstance(reports, list) and reports[0]["id"] == RID
    assert client.get("/api/reports/ab12").json()["title"] == "經濟部業務報告（測試）"
    tree = client.get(f"/api/reports/{RID}/outline").json()
    assert [n["path"] for n in tree] == ["壹", "拾"]
    assert tree[0]["children"][0]["children"][0]["path"] == "壹/一/（一）"
    section = client.get(f"/api/reports/{RID}/sections/{quote('拾/一')}").json()
    assert section["section"]["path"] == "拾/一" and section["parent"]["path"] == "拾"
    facts = client.get(
        "/api/facts", params={"report": "ab12", "chapter": "拾", "unit": "kW"}
    ).json()
    assert [f["text"] for f in facts] == ["2,000 萬瓩", "52.3 萬瓩"]
    assert facts[0]["section_path"] == "拾/一" and facts[0]["chapter_title"] == "能源"
    paged = client.get("/api/facts", params={"limit": 3, "offset": 1})
    assert len(paged.json()) == 3 and paged.headers["x-total-count"] == "7"
    assert (
        client.get("/api/facts", params={"year": "2025", "role": "level"}).json()[0]["text"]
        == "2,000 萬瓩"
    )


def test_openapi_documents_the_api(client: TestClient) -> None:
    assert client.get("/api/docs").status_code == 200
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/reports",
        "/api/reports/{report_id}",
        "/api/reports/{report_id}/outline",
        "/api/reports/{report_id}/sections/{path}",
        "/api/facts",
    ):
        assert path in spec["paths"], path
    schema = spec["paths"]["/api/facts"]["get"]["responses"]["200"]["content"]["application/json"]
    assert schema["schema"]["type"] == "array"
    params = {p["name"] for p in spec["paths"]["/api/facts"]["get"]["parameters"]}
    assert {"report", "chapter", "unit", "modality", "role", "year"} <= params


# --- errors ----------------------------------------------------------------------------

JSON_ERRORS = [
    ("/api/reports/ffff", 404),
    ("/api/reports/ffff/outline", 404),
    (f"/api/reports/{RID}/sections/{quote('參')}", 404),
    ("/api/facts?modality=maybe", 400),
    ("/api/facts?year=soon", 400),
    ("/api/facts?limit=0", 400),
    ("/api/facts?sort=evil", 400),
    ("/api/nothing-here", 404),
    ("/reports/ffff.json", 404),
    (f"/reports/{RID}/sections/{quote('參')}.json", 404),
    (f"/reports/{RID}/facts.json?role=x", 400),
    ("/facts.json?report=ffff", 404),
    ("/index.json?format=json", 200),
]


@pytest.mark.parametrize(("url", "status"), JSON_ERRORS)
def test_one_json_error_shape(client: TestClient, url: str, status: int) -> None:
    resp = client.get(url)
    assert resp.status_code == status
    assert resp.headers["content-type"].startswith("application/json")
    if status != 200:
        body = resp.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"status", "message"}
        assert body["error"]["status"] == status
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_method_not_allowed_is_the_same_shape(client: TestClient) -> None:
    resp = client.post("/api/reports")
    assert resp.status_code == 405
    assert resp.json()["error"]["status"] == 405


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/reports/ffff", 404),
        (sec("參"), 404),
        ("/no/such/page", 404),
        (f"/reports/{RID}/facts?modality=maybe", 400),
    ],
)
def test_html_errors_are_zh_tw_pages(client: TestClient, url: str, status: int) -> None:
    resp = client.get(url)
    assert resp.status_code == status
    assert resp.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-Hant-TW">' in resp.text
    assert "回到報告列表" in resp.text
    assert str(status) in resp.text


def test_json_twin_by_query_parameter(client: TestClient) -> None:
    assert client.get(f"/reports/{RID}", params={"format": "json"}).json()["report"]["id"] == RID


def test_empty_ledger_says_how_to_start(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        html = c.get("/").text
        assert "policyledger ingest" in html
        assert c.get("/api/reports").json() == []


def test_static_css_is_served(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "Noto Sans TC" in css.text and "@media print" in css.text


def test_nav_links_only_to_pages_that_exist(client: TestClient) -> None:
    html = client.get(f"/reports/{RID}").text
    assert '<a href="/">報告</a>' in html
    assert f'href="/reports/{RID}/facts"' in html
    routes = client.app.state.route_paths  # type: ignore[attr-defined]
    assert "/facts" in routes and "/reports/{report_id}/sections/{path:path}" in routes
    if "/search" not in routes:
        assert 'href="/search"' not in html


def test_other_features_counts_only_when_provided(client: TestClient, tiny_db: Path) -> None:
    import importlib

    from policyledger.store import connect

    data = client.get(f"/reports/{RID}.json").json()
    shown = {f["key"]: f for f in data["features"]}
    conn = connect(tiny_db)
    try:
        for key, module_name, fn_name in (
            ("checks", "policyledger.checks", "verdict_counts"),
            ("commitments", "policyledger.commitments", "status_counts"),
        ):
            try:
                fn = getattr(importlib.import_module(module_name), fn_name, None)
            except ModuleNotFoundError:
                fn = None
            if fn is None:
                assert key not in shown  # no placeholder numbers for a missing feature
                continue
            expected = fn(conn, RID)
            assert {c["key"]: c["count"] for c in shown[key]["counts"]} == expected
    finally:
        conn.close()


def _json_routes() -> list[str]:
    """Every GET route of every installed feature that answers in JSON."""
    import importlib

    from policyledger.web.app import FEATURES

    paths: list[str] = []
    for name in FEATURES:
        try:
            module = importlib.import_module(f"policyledger.web.routes.{name}")
        except ModuleNotFoundError:
            continue
        for route in module.router.routes:
            path = str(getattr(route, "path", ""))
            if "GET" in getattr(route, "methods", set()) and (
                path.startswith("/api/") or path.endswith(".json")
            ):
                paths.append(path)
    return sorted(set(paths))


def test_every_json_route_errors_in_the_one_shape(client: TestClient) -> None:
    """The error contract holds for every feature's JSON routes, not only ours: a missing
    report, section or id always answers {"error": {"status", "message"}}."""
    import re

    routes = _json_routes()
    assert "/api/facts" in routes and "/reports/{report_id}.json" in routes
    checked = 0
    for path in routes:
        if "{" not in path:
            continue
        url = re.sub(r"\{[^}]+\}", "zz-no-such-thing", path)
        resp = client.get(url)
        assert resp.status_code >= 400, url
        assert resp.headers["content-type"].startswith("application/json"), url
        body = resp.json()
        assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}, url
        assert body["error"]["status"] == resp.status_code, url
        checked += 1
    assert checked >= 5


def test_preamble_is_a_citable_page(tmp_path: Path) -> None:
    """Text before the first heading (title, salutation) is shown and cited as 前言."""
    from policyledger.pipeline import ingest_path
    from policyledger.store import connect
    from policyledger.web.app import create_app

    src = tmp_path / "r.txt"
    src.write_text("部長報告：本年投資 54.4 億元。\n壹、工業\n一、推動 3 案。\n", encoding="utf-8")
    db = tmp_path / "l.db"
    conn = connect(db)
    rid = ingest_path(conn, src).report_id
    conn.close()
    client = TestClient(create_app(db))
    report = client.get(f"/reports/{rid}")
    assert "/sections/%E5%89%8D%E8%A8%80" in report.text
    facts = client.get(f"/api/facts?report={rid}").json()
    preamble = next(f for f in facts if f["text"] == "54.4 億元")
    assert preamble["section_path"] == "前言"
    page = client.get(f"/reports/{rid}/sections/前言.json").json()
    assert page["section"]["path"] == "前言" and page["next"]["path"] == "壹"
    html = client.get(f"/reports/{rid}/sections/前言").text
    assert "54.4 億元" in html and f'id="p-{preamble["paragraph_ord"]}"' in html
