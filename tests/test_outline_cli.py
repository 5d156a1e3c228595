"""``policyledger outline FILE [--json]``: no database, the whole tree, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from policyledger.cli import app
from test_outline_golden import CHAPTERS

runner = CliRunner()


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n["children"]))
    return out


def test_json_outline_of_the_2018_report(
    report_2018: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)  # no database may appear
    result = runner.invoke(app, ["outline", str(report_2018), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "\\u" not in result.stdout  # ensure_ascii=False: Chinese stays readable
    chapters = data["sections"]
    assert [c["title"] for c in chapters] == CHAPTERS["moea-report-2018-03.txt"]
    nodes = _walk(chapters)
    golden = json.loads(
        (Path(__file__).parent / "golden" / "outline-moea-report-2018-03.json").read_text(
            encoding="utf-8"
        )
    )
    assert [[n["path"], n["level"], n["title"]] for n in nodes] == golden["headings"]
    for n in nodes:
        assert set(n) >= {"path", "level", "marker", "title", "start", "end", "page", "children"}
        assert n["page"] is not None
        # A child's path extends its parent's.
        for c in n["children"]:
            assert c["path"].startswith(n["path"] + "/")
            assert n["start"] < c["start"] <= c["end"] <= n["end"]
    assert data["warnings"] == []
    assert data["meta"]["ministry"] == "經濟部"
    assert data["meta"]["file_name"] == "moea-report-2018-03.txt"
    assert list(tmp_path.iterdir()) == []


def test_text_tree(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["outline", str(corpus_dir / "ey-2009h1-report.txt")])
    assert result.exit_code == 0, result.output
    assert "壹、" in result.stdout and "莫拉克颱風災害救災與重建" in result.stdout
    assert "行政院施政報告" in result.stdout and "98年1月至6月" in result.stdout
    # The one repeated marker in that report is reported.
    assert "（十二）" in result.stdout


def test_errors_are_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["outline", str(empty)])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert str(empty) in result.stderr and "Traceback" not in result.stderr
