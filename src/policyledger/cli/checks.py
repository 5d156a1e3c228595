"""``policyledger check FILE|REPORT``: does the report's own arithmetic add up?

A FILE is ingested into a throw-away in-memory ledger and checked there; anything else
is looked up as a report already in the ledger (id, id prefix or file name). The exit
status is the overall verdict, so the command can gate CI: 0 when every check holds,
1 when any is inconsistent or impossible (or on an error, reported on one line).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from policyledger.checks import CheckFilter, CheckRow, list_checks, verdict_counts
from policyledger.cli import DbOption, app, friendly, open_ledger

VERDICT_LABEL = {"inconsistent": "不一致", "impossible": "不可能", "consistent": "一致"}
KIND_LABEL = {"sum": "加總", "share": "占比", "ratio": "比率", "product": "乘積", "growth": "成長"}


def _excerpt(row: CheckRow, colour: bool) -> str:
    parts = []
    for s in row.excerpt:
        if not s.role:
            parts.append(s.text)
        elif colour:
            fg = "red" if s.role == "stated" and row.verdict != "consistent" else "cyan"
            parts.append(typer.style(s.text, fg=fg, bold=s.role == "stated"))
        else:
            parts.append(f"【{s.text}】")
    return "".join(parts).strip()


def _render(row: CheckRow, colour: bool) -> str:
    label = f"{VERDICT_LABEL[row.verdict]} {row.verdict}"
    if colour:
        label = typer.style(label, fg="green" if row.verdict == "consistent" else "red", bold=True)
    where = row.section_path or "前言"
    lines = [
        f"{label}  [{KIND_LABEL[row.kind]} {row.kind}] {where}",
        f"    {row.formula}",
        f"    {row.arithmetic}",
    ]
    if row.note:
        lines.append(f"    {row.note}")
    lines.append(f"    「{_excerpt(row, colour)}」")
    return "\n".join(lines)


@app.command("check")
@friendly
def check_command(
    target: Annotated[
        str, typer.Argument(help="報告檔案，或帳本中的報告代號 a report file or a stored report id")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="輸出 JSON output JSON")] = False,
    only_problems: Annotated[
        bool, typer.Option("--problems", help="只列出不一致與不可能 list only failing checks")
    ] = False,
    db: DbOption = None,
) -> None:
    """驗算報告內的加總、占比、比率 — verify a report's own arithmetic (exit 1 if anything fails)."""
    path = Path(target)
    if path.exists():
        from policyledger.pipeline import ingest_path
        from policyledger.store import connect

        conn = connect(":memory:")
        try:
            report_id = ingest_path(conn, path).report_id
            rows = list_checks(conn, CheckFilter(report_id=report_id))
            counts = verdict_counts(conn, report_id)
        finally:
            conn.close()
    else:
        from policyledger.store.queries import get_report

        with open_ledger(db) as conn:
            report_id = get_report(conn, target).id
            rows = list_checks(conn, CheckFilter(report_id=report_id))
            counts = verdict_counts(conn, report_id)
    failed = counts["inconsistent"] + counts["impossible"]
    shown = [r for r in rows if r.verdict != "consistent"] if only_problems else rows
    if as_json:
        doc = {
            "report_id": report_id,
            "verdict": "fail" if failed else "pass",
            "counts": counts,
            "checks": [r.to_dict() for r in shown],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        colour = typer.get_text_stream("stdout").isatty()
        for r in shown:
            typer.echo(_render(r, colour) + "\n")
        summary = "，".join(f"{VERDICT_LABEL[v]} {n}" for v, n in counts.items())
        overall = "未通過 FAIL" if failed else "通過 PASS"
        typer.echo(f"{overall}：共 {sum(counts.values())} 項驗算（{summary}）")
    if failed:
        raise typer.Exit(1)
