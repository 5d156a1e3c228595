"""`policyledger ingest | reports | facts`: clean output, one-line errors, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TINY_REPORT_ID
from policyledger.cli import app
from policyledger.data import demo_report_path

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


def one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("錯誤 error: ")
    return lines[0]


@pytest.fixture()
def demo_copy(tmp_path: Path) -> Path:
    # A copy with another name, so file-name lookups are unambiguous per test.
    dest = tmp_path / "demo.txt"
    dest.write_bytes(demo_report_path().read_bytes())
    return dest


def test_ingest_once_then_unchanged(tmp_path: Path, demo_copy: Path) -> None:
    db = tmp_path / "l.db"
    first = run("ingest", str(demo_copy), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("新增 created")
    assert "demo.txt" in first.stdout and "數字 quantities" in first.stdout
    second = run("ingest", str(demo_copy), "--db", str(db))
    assert second.exit_code == 0 and second.stdout.startswith("未變更 unchanged")
    # Same counts both times, read back from the ledger the second time.
    assert first.stdout.split("demo.txt")[1] == second.stdout.split("demo.txt")[1]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def test_ingest_warnings_go_to_stderr_once(tmp_path: Path) -> None:
    src = tmp_path / "h.txt"
    # 三、 after 一、: a numbering gap, which the outline reports as a warning.
    src.write_text("壹、工業\n一、輔導企業升級\n三、其他\n推動 3 案。\n", encoding="utf-8")
    db = tmp_path / "l.db"
    r = run("ingest", str(src), "--db", str(db))
    assert r.exit_code == 0 and r.stdout.count("\n") == 1
    assert r.stderr.startswith("  注意 warning: ") and "壹" in r.stderr
    again = run("ingest", str(src), "--db", str(db))
    assert again.exit_code == 0 and again.stderr == ""


def test_ingest_metadata_overrides(tmp_path: Path, demo_copy: Path) -> None:
    db = tmp_path / "l.db"
    r = run(
        "ingest", str(demo_copy), "--db", str(db), "--title", "示範報告",
        "--ministry", "產業創新部", "--period", "115年3月", "--date", "2026-03-10",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    listed = json.loads(run("reports", "--json", "--db", str(db)).stdout)
    assert len(listed) == 1
    got = listed[0]
    assert (got["title"], got["ministry"], got["period"], got["report_date"]) == (
        "示範報告",
        "產業創新部",
        "115年3月",
        "2026-03-10",
    )
    assert got["file_name"] == "demo.txt"


def test_ingest_several_files_with_the_db_from_the_environment(
    tmp_path: Path, demo_copy: Path
) -> None:
    other = tmp_path / "short.txt"
    other.write_text(
        "壹、工業\n一、推動產業\n1、 106 年推動投資 54.4 億元，較上年成長 82％。\n",
        encoding="utf-8",
    )
    db = tmp_path / "env.db"
    r = run("ingest", str(demo_copy), str(other), env={"POLICYLEDGER_DB": str(db)})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert len(lines) == 2 and all(ln.startswith("新增 created") for ln in lines)
    assert "short.txt" in lines[1]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_a_bad_file_in_a_batch_is_reported_and_the_others_land(
    tmp_path: Path, demo_copy: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "l.db"
    r = run("ingest", str(empty), str(demo_copy), "--db", str(db))
    assert "empty.txt" in one_line_error(r)
    assert r.exit_code == 1
    assert r.stdout.startswith("新增 created") and "demo.txt" in r.stdout
    names = sqlite3.connect(db).execute("SELECT file_name FROM reports").fetchall()
    assert names == [("demo.txt",)]


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, demo_copy: Path) -> None:
    db = tmp_path / "l.db"
    missing = one_line_error(
        run("ingest", str(demo_copy), str(tmp_path / "nope.txt"), "--db", str(db))
    )
    assert "nope.txt" in missing and "no such file" in missing
    assert not db.exists()  # the typo was caught before anything was opened
    bad_date = one_line_error(run("ingest", str(demo_copy), "--date", "3月10日", "--db", str(db)))
    assert "--date" in bad_date
    assert not db.exists()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    one_line_error(run("ingest", str(empty), "--db", str(db)))
    # The ledger this failed first ingest would have created is not left behind …
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.txt", "empty.txt"]
    both = run("ingest", str(empty), str(empty), "--db", str(db))
    assert both.exit_code == 1 and both.stderr.count("錯誤 error: ") == 2  # one line per file
    assert not db.exists()
    # … but an existing one is never removed.
    assert run("ingest", str(demo_copy), "--db", str(db)).exit_code == 0
    one_line_error(run("ingest", str(empty), "--db", str(db)))
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def test_reports_table_and_json(tiny_db: Path) -> None:
    table = run("reports", "--db", str(tiny_db))
    assert table.exit_code == 0
    assert TINY_REPORT_ID[:12] in table.stdout and "經濟部業務報告（測試）" in table.stdout
    data = json.loads(run("reports", "--json", "--db", str(tiny_db)).stdout)
    assert [d["id"] for d in data] == [TINY_REPORT_ID]
    assert data[0]["quantities"] == 7 and data[0]["targets"] == 4


def test_reading_commands_do_not_create_a_ledger(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    msg = one_line_error(run("reports", "--db", str(db)))
    assert "typo.db" in msg
    one_line_error(run("facts", "abc", "--db", str(db)))
    assert not db.exists()


@pytest.mark.parametrize("ref", [TINY_REPORT_ID, TINY_REPORT_ID[:6], "tiny.txt"])
def test_facts_csv_to_stdout_by_id_prefix_or_file_name(tiny_db: Path, ref: str) -> None:
    r = run("facts", ref, "--db", str(tiny_db), "--unit", "TWD")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["text"] for row in rows] == ["54.4 億元", "22.3 億元", "9,000 億元"]
    assert {row["section_path"] for row in rows} == {"壹/一/（一）", "拾/一"}


def test_facts_filters(tiny_db: Path) -> None:
    def texts(*opts: str) -> list[str]:
        r = run("facts", "ab12", "--db", str(tiny_db), "-f", "json", *opts)
        assert r.exit_code == 0, r.output
        return [d["text"] for d in json.loads(r.stdout)]

    assert texts("--chapter", "拾") == ["2,000 萬瓩", "9,000 億元", "52.3 萬瓩"]
    assert texts("--modality", "target", "--unit", "kW") == ["2,000 萬瓩"]
    assert texts("--role", "change") == ["82％"]
    assert texts("--year", "106") == texts("--year", "2017") == ["54.4 億元", "82％", "52.3 萬瓩"]


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("xlsx", "f.xlsx"), ("parquet", "f.parquet"), ("datapackage", "pkg.zip"), ("csv", "f.csv")],
)
def test_facts_to_files(tiny_db: Path, tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    r = run("facts", "tiny.txt", "--db", str(tiny_db), "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "7" in r.stdout and out.stat().st_size > 0


def test_facts_errors(tiny_db: Path, tmp_path: Path) -> None:
    assert "no such report" in one_line_error(run("facts", "ffff", "--db", str(tiny_db)))
    assert "-o" in one_line_error(run("facts", "ab12", "-f", "xlsx", "--db", str(tiny_db)))
    assert "pdf" in one_line_error(
        run("facts", "ab12", "-f", "pdf", "-o", str(tmp_path / "x.pdf"), "--db", str(tiny_db))
    )
    assert "modality" in one_line_error(
        run("facts", "ab12", "--modality", "maybe", "--db", str(tiny_db))
    )
    assert not (tmp_path / "x.pdf").exists()


def test_real_process_ingest_and_export(tmp_path: Path, demo_copy: Path) -> None:
    env = {**os.environ, "POLICYLEDGER_DB": str(tmp_path / "p.db")}
    env.pop("POLICYLEDGER_DEBUG", None)
    cli = [sys.executable, "-c", "from policyledger.cli import main; main()"]
    done = subprocess.run(
        [*cli, "ingest", str(demo_copy)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("新增 created")
    out = tmp_path / "facts.xlsx"
    done = subprocess.run(
        [*cli, "facts", "demo.txt", "-f", "xlsx", "-o", str(out), "--unit", "TWD"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    units = {r[header.index("單位代碼 unit")] for r in rows}
    assert len(rows) > 20 and units == {"TWD"}
    failed = subprocess.run(
        [*cli, "ingest", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.count("\n") == 1 and "missing.txt" in failed.stderr


def test_title_period_and_date_describe_one_file(tmp_path: Path, demo_copy: Path) -> None:
    db = tmp_path / "l.db"
    other = tmp_path / "other.txt"
    other.write_text("壹、工業\n一、推動 3 案。\n", encoding="utf-8")
    r = run("ingest", str(demo_copy), str(other), "--db", str(db), "--title", "示範報告")
    assert r.exit_code == 1 and "單一檔案" in r.stderr and not db.exists()
    r = run("ingest", str(demo_copy), str(other), "--db", str(db), "--ministry", "產業創新部")
    assert r.exit_code == 0, r.stderr


def test_size_limit_names_the_option_that_raises_it(tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    src.write_text("壹、工業\n" + "一" * 400_000 + "。\n", encoding="utf-8")
    db = tmp_path / "l.db"
    r = run("ingest", str(src), "--db", str(db), "--max-mb", "1")
    assert r.exit_code == 1 and "--max-mb" in r.stderr and not db.exists()
    r = run("ingest", str(src), "--db", str(db), "--max-mb", "2")
    assert r.exit_code == 0, r.stderr
