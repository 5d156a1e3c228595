"""``policyledger extract``: one JSON object for a file, one line per JSON Lines input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from policyledger.cli import app

runner = CliRunner()

TEXT = "本部 106 年度 1 億元以上重大公共建設計畫資本支出可支用預算為 1,130.22 億元。"


def test_file_gives_one_object(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_text(TEXT, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) == {"quantities", "dates"}
    assert [q["text"] for q in out["quantities"]] == ["1 億元", "1,130.22 億元"]
    assert out["quantities"][0]["qualifier"] == "over"
    assert out["dates"][0]["start_date"] == "2017-01-01"
    assert "億元" in res.output  # ensure_ascii=False
    fields = {"text", "start", "end", "value", "unit", "raw_unit", "qualifier", "role"}
    assert fields | {"modality", "precision"} == set(out["quantities"][0])


def test_stdin_dash() -> None:
    res = runner.invoke(app, ["extract", "-"], input="預計 5 年內完成")
    assert res.exit_code == 0
    q = json.loads(res.output)["quantities"][0]
    assert (q["value"], q["unit"], q["modality"]) == (5.0, "year", "target")


def test_jsonl_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "邀請 13 名國內外媒體"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "106 年 2 月及 8 月"}, ensure_ascii=False),
    ]
    res = runner.invoke(app, ["extract", "--jsonl"], input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d"]
    assert out[0]["quantities"][0]["value"] == 13.0
    assert "error" in out[1] and "error" in out[2]
    assert [d["end_date"] for d in out[3]["dates"]] == ["2017-02-28", "2017-08-31"]


def test_missing_file_is_one_clean_line(tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code == 1
    assert "找不到檔案" in res.output and "Traceback" not in res.output
