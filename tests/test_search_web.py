"""The search faces: /search (HTML and .json twin), /api/search and `policyledger search`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import TINY_REPORT_ID
from policyledger.cli import app
from policyledger.search import index_report
from policyledger.store import connect, transaction
from policyledger.web.app import create_app


@pytest.fixture()
def indexed_db(tiny_db: Path) -> Path:
    conn = connect(tiny_db)
    with transaction(conn):
        index_report(conn, TINY_REPORT_ID)
    conn.close()
    return tiny_db


@pytest.fixture()
def client(indexed_db: Path) -> TestClient:
    return TestClient(create_app(indexed_db))


def test_search_page_highlights_terms_and_links_paragraphs(client: TestClient) -> None:
    r = client.get("/search", params={"q": "投资"})  # Simplified input, Traditional text
    assert r.status_code == 200
    assert '<mark class="hl-term">投資</mark>' in r.text
    assert f'href="/reports/{TINY_REPORT_ID}/sections/' in r.text
    assert "#p-" in r.text


def test_json_twin_carries_the_same_results(client: TestClient) -> None:
    html = client.get("/search", params={"q": "投資 unit:TWD"})
    data = client.get("/search.json", params={"q": "投資 unit:TWD"}).json()["results"]
    assert data["filters"]["unit"] == "TWD"
    assert data["count"] == len(data["hits"]) > 0
    for hit in data["hits"]:
        assert hit["url"] in html.text.replace("&amp;", "&")
        assert any(f["matched"] and f["unit"] == "TWD" for f in hit["figures"])


def test_search_page_without_a_query_shows_examples(client: TestClient) -> None:
    r = client.get("/search")
    assert r.status_code == 200
    assert "unit:kW" in r.text


def test_api_search_returns_an_array_of_hits(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "", "unit": "kW", "modality": "target"})
    assert r.status_code == 200
    hits = r.json()
    assert isinstance(hits, list) and len(hits) == 1
    assert "2,000 萬瓩" in hits[0]["text"]
    assert hits[0]["url"].endswith(f"#p-{hits[0]['ord']}")


def test_quotes_and_fts_operators_do_not_break_anything(client: TestClient) -> None:
    for q in ['"投資', 'NEAR("投資" 億元)', "投資 OR * ^ -", "'; DROP TABLE reports; --"]:
        for url in ("/search", "/search.json", "/api/search"):
            assert client.get(url, params={"q": q}).status_code == 200, (url, q)


def test_bad_filter_is_a_400_with_the_one_error_body(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "投資", "unit": "parsec"})
    assert r.status_code == 400
    assert r.json()["error"]["status"] == 400
    assert "parsec" in r.json()["error"]["message"]
    page = client.get("/search", params={"q": "modality:maybe"})
    assert page.status_code == 400
    assert 'role="alert"' in page.text


def test_cli_search_text_and_json(indexed_db: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["search", "投资", "--db", str(indexed_db)])
    assert r.exit_code == 0, r.output
    assert "【投資】" in r.output
    assert "#p-" in r.output
    r = runner.invoke(app, ["search", "unit:kW >= 1000000", "--json", "--db", str(indexed_db)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["count"] == 1 and "萬瓩" in r.output  # ensure_ascii=False keeps Chinese
    r = runner.invoke(app, ["search", "modality:maybe", "--db", str(indexed_db)])
    assert r.exit_code == 1
    assert "錯誤 error" in r.output and "Traceback" not in r.output
