"""``policyledger commitments``, ``links``, ``confirm`` and ``reject`` on a real ledger."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyledger.cli import app
from test_commitments_golden import build_ledger

runner = CliRunner()


@pytest.fixture(scope="module")
def ledger_template(tmp_path_factory: pytest.TempPathFactory, report_2018: Path) -> Path:
    db = tmp_path_factory.mktemp("commitments-cli") / "ledger.db"
    build_ledger(db, report_2018)
    return db


@pytest.fixture
def db(ledger_template: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "ledger.db"
    src = sqlite3.connect(ledger_template)
    out = sqlite3.connect(dst)
    src.backup(out)
    src.close()
    out.close()
    return dst


def run(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.output


def test_commitments_as_of_json(db: Path) -> None:
    code, out = run("commitments", "--db", str(db), "--as-of", "2018-07-01", "--json")
    assert code == 0
    rows = json.loads(out)
    solar = next(r for r in rows if r["figure"] and r["figure"]["text"] == "1,520 MW")
    assert solar["schedule"]["status"] == "overdue" and solar["as_of"] == "2018-07-01"
    code, out = run("commitments", "--db", str(db), "--as-of", "2018-06-30", "--status", "due")
    assert code == 0 and "1,520 MW" in out and "到期中" in out


def test_links_confirm_reject_and_history(db: Path) -> None:
    code, out = run("links", "--db", str(db), "--status", "proposed", "--json")
    links = json.loads(out)
    target = next(lk for lk in links if lk["actual_text"] == "1,680 MW")
    code, out = run("confirm", str(target["id"]), "--reason", "同一計畫", "--db", str(db))
    assert code == 0 and "達成" in out
    code, out = run("reject", str(target["id"]), "--reason", "改判", "--db", str(db))
    assert code == 0 and "尚無數據" in out
    code, out = run("links", "--db", str(db), "--status", "rejected")
    assert code == 0 and "1,680 MW" in out


def test_errors_are_one_line(db: Path, tmp_path: Path) -> None:
    code, out = run("confirm", "999999", "--db", str(db))
    assert (
        code == 1 and out.strip().startswith("錯誤 error:") and len(out.strip().splitlines()) == 1
    )
    code, out = run("commitments", "--db", str(db), "--as-of", "2018-02-30")
    assert code == 1 and "YYYY-MM-DD" in out
    code, out = run("commitments", "--db", str(tmp_path / "none.db"))
    assert code == 1 and not (tmp_path / "none.db").exists()


def test_export_csv_to_stdout(db: Path) -> None:
    code, out = run(
        "commitments",
        "--db",
        str(db),
        "--export",
        "csv",
        "--status",
        "overdue",
        "--as-of",
        "2018-07-01",
    )
    assert code == 0 and out.lstrip("\ufeff").startswith("commitment_id,")
    assert "1,520 MW" in out
