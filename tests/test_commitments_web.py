"""The commitments web face without a browser: .json twins equal the pages' data, the API
returns arrays of objects, errors have the one JSON shape, decisions are POST forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from test_commitments_golden import build_ledger


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, report_2018: Path) -> Iterator[TestClient]:
    from policyledger.web.app import create_app

    db = tmp_path_factory.mktemp("commitments-api") / "ledger.db"
    build_ledger(db, report_2018)
    with TestClient(create_app(db)) as c:
        yield c


def test_api_is_an_array_of_objects_filtered_as_of(client: TestClient) -> None:
    rows = client.get("/api/commitments", params={"as_of": "2018-07-01"}).json()
    assert isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
    solar = [r for r in rows if r["figure"] and r["figure"]["text"] == "1,520 MW"]
    assert solar[0]["schedule"]["status"] == "overdue"
    assert solar[0]["deadline"]["date"] == "2018-06-30"
    due = client.get("/api/commitments", params={"as_of": "2018-06-30", "status": "due"}).json()
    assert any(r["id"] == solar[0]["id"] for r in due)
    assert all("due" in (r["schedule"]["status"], r["evidence"]["status"]) for r in due)


def test_json_twin_matches_the_page(client: TestClient) -> None:
    data = client.get("/commitments.json", params={"as_of": "2019-04-01", "domain": "能源"}).json()
    assert data["as_of"] == "2019-04-01" and data["total"] == len(data["commitments"]) > 0
    assert {c["domain"] for c in data["commitments"]} == {"能源"}
    html = client.get("/commitments", params={"as_of": "2019-04-01", "domain": "能源"}).text
    assert html.count('class="commitment-row') == data["total"]
    assert "<svg" in html and "cdn" not in html.lower()
    rid = data["commitments"][0]["report_id"]
    per_report = client.get(f"/reports/{rid[:12]}/commitments.json").json()
    assert {c["report_id"] for c in per_report["commitments"]} == {rid}


def test_commitment_page_links_the_source_paragraph(client: TestClient) -> None:
    rows = client.get("/api/commitments").json()
    c = next(r for r in rows if r["figure"] and r["figure"]["text"] == "20 萬戶")
    detail = client.get(f"/commitments/{c['id']}.json").json()["commitment"]
    assert detail["links"] and detail["history"][0]["status"] == "announced"
    html = client.get(f"/commitments/{c['id']}").text
    assert f"#p-{c['paragraph_ord']}" in html and 'method="post"' in html


def test_post_form_confirms_and_api_rejects(client: TestClient) -> None:
    links = client.get("/api/commitment-links", params={"status": "proposed"}).json()
    first, second = links[0], links[1]
    r = client.post(
        f"/commitments/links/{first['id']}",
        data={"decision": "confirmed", "reason": "核對無誤"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith(
        f"/commitments/{first['commitment_id']}"
    )
    after = client.get(f"/api/commitments/{first['commitment_id']}").json()
    assert after["evidence"]["status"] != "no_figure"
    assert after["history"][-1]["reason"] == "核對無誤" or any(
        e["reason"] == "核對無誤" for e in after["history"]
    )
    r = client.post(f"/api/commitment-links/{second['id']}", json={"decision": "rejected"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/commitments?as_of=2018-02-30", 400),
        ("get", "/api/commitments?status=finished", 400),
        ("get", "/api/commitments/999999", 404),
        ("get", "/commitments/999999.json", 404),
        ("post", "/api/commitment-links/999999", 404),
    ],
)
def test_errors_have_one_shape(client: TestClient, method: str, url: str, status: int) -> None:
    kwargs = {"json": {"decision": "confirmed"}} if method == "post" else {}
    r = getattr(client, method)(url, **kwargs)
    assert r.status_code == status
    assert r.json()["error"]["status"] == status and r.json()["error"]["message"]


def test_exports(client: TestClient) -> None:
    csv = client.get("/commitments.csv", params={"as_of": "2019-04-01"})
    text = csv.content.decode("utf-8-sig")
    assert csv.status_code == 200 and text.startswith("commitment_id,") and "1,520 MW" in text
    xlsx = client.get("/commitments.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
