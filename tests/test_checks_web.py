"""The Checks page, its .json twin and /api/checks, through FastAPI's test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from policyledger.pipeline import ingest_path
from policyledger.store import connect
from policyledger.web.app import create_app


@pytest.fixture(scope="module")
def client(report_2018: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("checks-web") / "ledger.db"
    conn = connect(db)
    ingest_path(conn, report_2018)
    conn.close()
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def rid(client: TestClient) -> str:
    reports: list[dict[str, Any]] = client.get("/api/reports").json()
    return next(r["id"] for r in reports if "2018" in (r.get("file_name") or ""))


def test_page_and_json_twin_agree(client: TestClient, rid: str) -> None:
    html = client.get(f"/reports/{rid[:12]}/checks")
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    data = client.get(f"/reports/{rid[:12]}/checks.json").json()
    assert data["report"]["id"] == rid
    assert data["counts"] == {
        "inconsistent": 10,
        "impossible": 0,
        "consistent": len(data["checks"]) - 10,
    }
    assert html.text.count('class="check verdict-') == len(data["checks"])
    # Inconsistent first, and the page shows the arithmetic the JSON carries.
    assert [c["verdict"] for c in data["checks"][:10]] == ["inconsistent"] * 10
    first = data["checks"][0]
    assert first["arithmetic"] in html.text
    assert html.text.index("verdict-inconsistent") < html.text.index("verdict-consistent")
    assert '<mark class="stated">25.1％</mark>' in html.text


def test_filters_on_page_and_api(client: TestClient, rid: str) -> None:
    data = client.get(f"/reports/{rid}/checks.json?verdict=consistent&kind=product").json()
    assert len(data["checks"]) == 4 and {c["kind"] for c in data["checks"]} == {"product"}
    assert data["filters"] == {"verdict": "consistent", "kind": "product"}
    empty = client.get(f"/reports/{rid}/checks.json?verdict=&kind=").json()
    assert len(empty["checks"]) == sum(empty["counts"].values())
    api = client.get(f"/api/checks?report={rid[:12]}&kind=ratio").json()
    assert isinstance(api, list) and api and {c["kind"] for c in api} == {"ratio"}
    every = client.get("/api/checks?verdict=inconsistent").json()
    assert len(every) == 10
    one = every[0]
    for key in ("inputs", "formula", "computed", "stated", "tolerance", "verdict", "excerpt_text"):
        assert key in one
    assert one["inputs"][0]["id"] > 0


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/checks?verdict=maybe", 400),
        ("/api/checks?kind=median", 400),
        ("/api/checks?report=nosuchreport", 404),
        ("/reports/nosuchreport/checks.json", 404),
    ],
)
def test_errors_have_one_shape(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.json() == {"error": {"status": status, "message": r.json()["error"]["message"]}}
    assert r.json()["error"]["message"]


def test_missing_report_page_is_a_page(client: TestClient) -> None:
    r = client.get("/reports/nosuchreport/checks")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]


def test_report_page_links_to_checks(client: TestClient, rid: str) -> None:
    data = client.get(f"/reports/{rid}.json").json()
    checks = next(f for f in data["features"] if f["key"] == "checks")
    counts = {c["key"]: c["count"] for c in checks["counts"]}
    assert counts["inconsistent"] == 10
    html = client.get(f"/reports/{rid}").text
    assert f"/reports/{rid}/checks" in html
