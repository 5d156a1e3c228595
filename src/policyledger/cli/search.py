"""``policyledger search QUERY``: full-text search from the command line."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from policyledger.cli import DbOption, app, friendly, open_ledger
from policyledger.search import Hit, SearchResults, search


def _render(hit: Hit, rank: int, colour: bool) -> str:
    parts = []
    for f in hit.snippet:
        if f.mark == "term":
            parts.append(typer.style(f.text, bold=True, fg="yellow") if colour else f"【{f.text}】")
        elif f.mark == "figure":
            parts.append(typer.style(f.text, fg="cyan", underline=True) if colour else f.text)
        else:
            parts.append(f.text)
    where = " ".join(x for x in (hit.section_path, hit.section_title) if x) or "前言"
    title = hit.report_title or hit.report_id[:12]
    return f"{rank:>2}. {title} › {where}\n    {''.join(parts)}\n    {hit.url}"


def _text(results: SearchResults, colour: bool) -> str:
    if not results.hits:
        return f"沒有找到符合「{results.query.raw}」的段落 (no matches)"
    return "\n".join(_render(h, i, colour) for i, h in enumerate(results.hits, 1))


@app.command("search")
@friendly
def search_command(
    query: Annotated[str, typer.Argument(help="查詢文字：關鍵詞、「詞組」、unit:kW >= 1000000 …")],
    as_json: Annotated[bool, typer.Option("--json", help="輸出 JSON output JSON")] = False,
    report: Annotated[str | None, typer.Option(help="報告代號或前綴 report id or prefix")] = None,
    chapter: Annotated[str | None, typer.Option(help="章：拾、拾/一 或章名 chapter")] = None,
    year: Annotated[str | None, typer.Option(help="報告年份，西元或民國 report year")] = None,
    unit: Annotated[str | None, typer.Option(help="段落中數字的單位 unit: kW, TWD, % …")] = None,
    modality: Annotated[str | None, typer.Option(help="actual（實績）或 target（目標）")] = None,
    limit: Annotated[int, typer.Option(min=1, max=200, help="最多幾筆 at most this many")] = 10,
    db: DbOption = None,
) -> None:
    """全文搜尋所有報告 — search every ingested report (Traditional or Simplified)."""
    with open_ledger(db) as conn:
        results = search(
            conn,
            query,
            report=report,
            chapter=chapter,
            year=year,
            unit=unit,
            modality=modality,
            limit=limit,
        )
    if as_json:
        typer.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(_text(results, colour=sys.stdout.isatty()))
