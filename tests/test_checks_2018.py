"""The checker on the real 2018 MOEA report, against relations read from it by hand
(tests/golden/checks-2018.json), and the ``policyledger check`` command."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policyledger.checks import (
    CheckFilter,
    CheckRow,
    analyse_report,
    list_checks,
    verdict_counts,
)
from policyledger.cli import app
from policyledger.errors import QueryError
from policyledger.pipeline import ingest_path
from policyledger.store import connect

GOLDEN = Path(__file__).parent / "golden" / "checks-2018.json"


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def ledger(report_2018: Path) -> Iterator[tuple[sqlite3.Connection, str]]:
    conn = connect(":memory:")
    rid = ingest_path(conn, report_2018).report_id
    yield conn, rid
    conn.close()


@pytest.fixture(scope="module")
def golden() -> list[dict[str, Any]]:
    relations: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))["relations"]
    return relations


def match(golden: list[dict[str, Any]], rows: list[CheckRow]) -> dict[int, CheckRow]:
    """Golden index -> the stored check that states the same figure, in the same
    sentence, from the same inputs."""
    used: set[int] = set()
    out: dict[int, CheckRow] = {}
    for i, g in enumerate(golden):
        for r in rows:
            if r.id in used or r.kind != g["kind"]:
                continue
            if norm(r.stated_text or "") != norm(g["stated"]):
                continue
            if norm(g["anchor"]) not in norm("".join(s.text for s in r.excerpt)):
                continue
            if sorted(norm(f.text) for f in r.inputs) != sorted(norm(x) for x in g["inputs"]):
                continue
            used.add(r.id)
            out[i] = r
            break
    return out


def test_golden_anchors_are_in_the_report(report_2018: Path, golden: list[dict[str, Any]]) -> None:
    text = norm(report_2018.read_text(encoding="utf-8"))
    for g in golden:
        assert norm(g["anchor"]) in text, g["anchor"]
        assert norm(g["stated"]) in norm(g["anchor"]), g
    assert {g["kind"] for g in golden} == {"sum", "share", "ratio", "product"}


def test_finds_what_a_careful_reader_finds(
    ledger: tuple[sqlite3.Connection, str], golden: list[dict[str, Any]]
) -> None:
    conn, rid = ledger
    rows = list_checks(conn, CheckFilter(report_id=rid))
    found = match(golden, rows)
    missing = [g["anchor"] for i, g in enumerate(golden) if i not in found]
    recall = len(found) / len(golden)
    assert recall >= 0.9, f"recall {recall:.2f}; missing {missing}"
    wrong = [
        (golden[i]["anchor"], r.verdict)
        for i, r in found.items()
        if r.verdict != golden[i]["verdict"]
    ]
    assert wrong == []


def test_never_flags_a_relation_that_holds(
    ledger: tuple[sqlite3.Connection, str], golden: list[dict[str, Any]]
) -> None:
    conn, rid = ledger
    rows = list_checks(conn, CheckFilter(report_id=rid))
    found = match(golden, rows)
    flagged_ok = {r.id for i, r in found.items() if golden[i]["verdict"] != "consistent"}
    flagged = [r for r in rows if r.verdict != "consistent"]
    assert flagged, "the China shares do not fit 87.4 億美元 and must be flagged"
    assert [r.formula for r in flagged if r.id not in flagged_ok] == []


def test_inconsistent_checks_explain_themselves(ledger: tuple[sqlite3.Connection, str]) -> None:
    conn, rid = ledger
    bad = list_checks(conn, CheckFilter(report_id=rid, verdict="inconsistent"))
    jiangsu = next(r for r in bad if r.stated_text == "25.1％")
    assert jiangsu.formula == "23.3 億美元 ÷ 87.4 億美元 × 100％ = 25.1％"
    assert jiangsu.computed == pytest.approx(23.3 / 87.4 * 100, abs=0.01)
    assert jiangsu.stated == 25.1 and jiangsu.miss > 1.3
    assert jiangsu.tolerance == pytest.approx(
        (jiangsu.computed_high - jiangsu.computed_low) / 2
        + (jiangsu.stated_high - jiangsu.stated_low) / 2
    )
    assert "92.8" in jiangsu.note
    marked = {(s.text, s.role) for s in jiangsu.excerpt if s.role}
    # 87.4 億美元 sits in the lead paragraph: cited in the formula, not in this excerpt.
    assert marked == {("23.3 億美元", "input"), ("25.1％", "stated")}
    assert "江蘇省" in "".join(s.text for s in jiangsu.excerpt)


def test_inputs_are_stored_with_the_check(ledger: tuple[sqlite3.Connection, str]) -> None:
    conn, rid = ledger
    n_inputs = conn.execute(
        "SELECT count(*) FROM check_inputs ci JOIN checks c ON c.id = ci.check_id WHERE c.report_id = ?",
        (rid,),
    ).fetchone()[0]
    n_checks = conn.execute("SELECT count(*) FROM checks WHERE report_id = ?", (rid,)).fetchone()[0]
    assert n_inputs >= n_checks
    cols = {r[1] for r in conn.execute("PRAGMA table_info(checks)")}
    assert {"formula", "computed", "stated", "tolerance", "verdict", "stated_quantity_id"} <= cols


def test_verdict_counts_and_rerun_is_stable(ledger: tuple[sqlite3.Connection, str]) -> None:
    conn, rid = ledger
    before = verdict_counts(conn, rid)
    assert set(before) == {"consistent", "inconsistent", "impossible"}
    assert before["inconsistent"] == 10
    conn.execute("BEGIN")
    analyse_report(conn, rid)
    conn.execute("COMMIT")
    assert verdict_counts(conn, rid) == before
    assert verdict_counts(conn, "no-such-report") == dict.fromkeys(before, 0)


def test_list_order_and_filters(ledger: tuple[sqlite3.Connection, str]) -> None:
    conn, rid = ledger
    rows = list_checks(conn, CheckFilter(report_id=rid))
    verdicts = [r.verdict for r in rows]
    assert verdicts == sorted(verdicts, key=lambda v: v != "inconsistent")
    ratios = list_checks(conn, CheckFilter(report_id=rid, kind="ratio"))
    assert ratios and all(r.kind == "ratio" for r in ratios)
    with pytest.raises(QueryError):
        CheckFilter(verdict="maybe")
    with pytest.raises(QueryError):
        CheckFilter(kind="median")


# --- the command ---------------------------------------------------------------------------------

runner = CliRunner()


def test_check_file_fails_on_the_2018_report(report_2018: Path) -> None:
    res = runner.invoke(app, ["check", str(report_2018), "--problems"])
    assert res.exit_code == 1
    assert "不一致 inconsistent" in res.output
    assert "未通過 FAIL" in res.output.splitlines()[-1]
    assert "一致 consistent" not in res.output.replace("不一致 inconsistent", "")


def test_check_json_is_one_document(report_2018: Path) -> None:
    res = runner.invoke(app, ["check", str(report_2018), "--json"])
    assert res.exit_code == 1
    doc = json.loads(res.output)
    assert doc["verdict"] == "fail" and doc["counts"]["inconsistent"] == 10
    assert "億美元" in res.output  # ensure_ascii=False
    first = doc["checks"][0]
    assert first["verdict"] == "inconsistent" and first["inputs"] and first["formula"]


def test_check_passes_a_report_that_adds_up(tmp_path: Path) -> None:
    f = tmp_path / "ok.txt"
    f.write_text(
        "壹、工業\n一、 推動產業\n（一） 研發計畫\n"
        "1、 共受理 346 件計畫申請（174 件前瞻技術研發計畫、172 件整合型研發計畫）。\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["check", str(f)])
    assert res.exit_code == 0, res.output
    assert "通過 PASS" in res.output and "一致 1" in res.output


def test_check_unknown_report_is_one_line(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", "deadbeef", "--db", str(tmp_path / "l.db")])
    assert res.exit_code == 1
    assert res.output.strip().count("\n") == 0 and "錯誤 error" in res.output


def test_check_a_stored_report_by_id_prefix(tmp_path: Path) -> None:
    f = tmp_path / "near-miss.txt"
    f.write_text(
        "壹、能源\n一、 油氣市場管理\n（一） 安全存量\n"
        "1、 業者安全存量 99 天，政府儲油安全存量 41 天，合計 141 天。\n",
        encoding="utf-8",
    )
    db = tmp_path / "ledger.db"
    conn = connect(db)
    rid = ingest_path(conn, f).report_id
    conn.close()
    res = runner.invoke(app, ["check", rid[:10], "--db", str(db)])
    assert res.exit_code == 1
    assert "99 天 + 41 天 = 140 天；報告寫 141 天" in res.output
    assert "不一致 1" in res.output.splitlines()[-1]
