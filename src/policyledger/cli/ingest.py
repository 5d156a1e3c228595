"""``policyledger ingest``, ``reports`` and ``facts``: files in, the ledger listed, facts out.

Each command parses its options, calls the core (``pipeline``, ``store.queries``,
``export``) and prints; errors become one line through :func:`~policyledger.cli.friendly`.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from policyledger.cli import DbOption, app, friendly, open_ledger, resolve_db
from policyledger.errors import PolicyLedgerError, QueryError, StoreError
from policyledger.models import ReportMeta
from policyledger.pipeline import IngestResult, ingest_path

FORMAT_HELP = "csv | json | parquet | xlsx | datapackage (a .zip, or a folder)"


def _meta(
    title: str | None, ministry: str | None, period: str | None, date_: str | None
) -> ReportMeta | None:
    if date_ is not None:
        try:
            date_ = date.fromisoformat(date_).isoformat()
        except ValueError:
            raise QueryError(
                f"--date 需為 ISO 日期，例如 2018-03-05，收到 {date_!r} (expected YYYY-MM-DD)"
            ) from None
    if title is None and ministry is None and period is None and date_ is None:
        return None
    return ReportMeta(title=title, ministry=ministry, period=period, date=date_)


def _summary(result: IngestResult) -> str:
    status = "新增 created  " if result.created else "未變更 unchanged"
    name = result.file_name or result.title or ""
    return (
        f"{status} {result.report_id[:12]}  {name}  "
        f"章節 sections {result.sections} · 段落 paragraphs {result.paragraphs} · "
        f"句子 sentences {result.sentences} · 數字 quantities {result.quantities} · "
        f"日期 dates {result.dates}"
    )


def _notes(result: IngestResult) -> list[str]:
    # Warnings are news only when the report was just read; an unchanged one repeats
    # nothing (`policyledger reports --json` still lists them).
    return [f"  注意 warning: {w}" for w in result.warnings] if result.created else []


@app.command("ingest")
@friendly
def ingest_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Report files (.txt, .pdf, .odt, .docx).", show_default=False),
    ],
    title: Annotated[
        str | None, typer.Option(help="Report title (overrides the detected one).")
    ] = None,
    ministry: Annotated[str | None, typer.Option(help="Ministry, e.g. 經濟部.")] = None,
    period: Annotated[
        str | None, typer.Option(help="Period as written, e.g. 107年3月 or 98年1月至6月.")
    ] = None,
    date_: Annotated[
        str | None, typer.Option("--date", help="Report date, ISO (YYYY-MM-DD).")
    ] = None,
    max_mb: Annotated[
        float,
        typer.Option("--max-mb", min=0.001, help="Size limit per file, in MiB."),
    ] = 16.0,
    db: DbOption = None,
) -> None:
    """讀入報告 Ingest report files into the ledger (the same file twice changes nothing)."""
    if len(files) > 1 and (title or period or date_):
        # A title, period or date describes one report; a ministry may well fit a batch.
        raise QueryError(
            "--title/--period/--date 只能用於單一檔案 describe one report: ingest that file on its own"
        )
    meta = _meta(title, ministry, period, date_)
    # Check every path first, so a typo in the last name does not leave half a batch.
    for f in files:
        if not f.is_file():
            what = "是資料夾 is a directory" if f.is_dir() else "檔案不存在 no such file"
            raise QueryError(f"{f}: {what}")
    ledger = resolve_db(db)
    fresh = not ledger.exists()
    stored = 0
    try:
        stored = _ingest_files(files, meta, db, int(max_mb * 2**20))
    finally:
        if fresh and stored == 0:
            # The ledger was created by this command and nothing landed in it: leave no
            # empty database behind for a failed first ingest.
            for leftover in (ledger, *(ledger.with_name(ledger.name + s) for s in _SIDECARS)):
                leftover.unlink(missing_ok=True)
    if stored < len(files):
        raise typer.Exit(1)


_SIDECARS = ("-wal", "-shm", "-journal")


def _ingest_files(
    files: list[Path], meta: ReportMeta | None, db: Path | None, max_bytes: int
) -> int:
    """Ingest each file in its own transaction; return how many are now stored (new or
    unchanged). Errors of a single file propagate; in a batch they are printed."""
    ok = 0
    with open_ledger(db) as conn:
        if len(files) == 1:
            result = ingest_path(conn, files[0], meta=meta, max_bytes=max_bytes)
            typer.echo(_summary(result))
            for note in _notes(result):
                typer.echo(note, err=True)
            return 1
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("讀入 ingesting", total=len(files))
            for f in files:
                progress.update(task, description=f"讀入 {f.name}")
                try:
                    result = ingest_path(conn, f, meta=meta, max_bytes=max_bytes)
                except PolicyLedgerError as exc:
                    # One bad file does not undo the good ones (each is its own
                    # transaction); it is reported and the exit code says so.
                    progress.console.print(
                        f"錯誤 error: {exc}", markup=False, highlight=False, soft_wrap=True
                    )
                else:
                    ok += 1
                    typer.echo(_summary(result))
                    for note in _notes(result):
                        progress.console.print(note, markup=False, highlight=False, soft_wrap=True)
                progress.advance(task)
    return ok


@app.command("reports")
@friendly
def reports_command(
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    """列出報告 List the reports in the ledger."""
    from policyledger.store.queries import list_reports

    _require_ledger(db)
    with open_ledger(db) as conn:
        reports = list_reports(conn)
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
        return
    if not reports:
        typer.echo("帳本中還沒有報告 (no reports yet; run `policyledger ingest FILE`)")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for col, justify in (
        ("代號 id", "left"),
        ("標題 title", "left"),
        ("部會 ministry", "left"),
        ("期間 period", "left"),
        ("檔案 file", "left"),
        ("章節", "right"),
        ("數字", "right"),
        ("目標", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in reports:
        table.add_row(
            r.short_id,
            r.title or "",
            r.ministry or "",
            r.period or r.report_date or "",
            r.file_name or "",
            str(r.sections),
            str(r.quantities),
            str(r.targets),
        )
    Console(width=max(100, Console().width)).print(table)


@app.command("facts")
@friendly
def facts_command(
    report: Annotated[
        str, typer.Argument(help="Report id, a unique prefix of it, or its file name.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "csv",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write (csv/json default to stdout)."),
    ] = None,
    chapter: Annotated[str | None, typer.Option(help="Chapter marker, e.g. 壹.")] = None,
    unit: Annotated[str | None, typer.Option(help="Unit code, e.g. TWD, kW, %, count.")] = None,
    modality: Annotated[str | None, typer.Option(help="actual | target.")] = None,
    role: Annotated[str | None, typer.Option(help="level | change.")] = None,
    year: Annotated[
        int | None, typer.Option(help="Year the figure's period overlaps (ROC or Western).")
    ] = None,
    db: DbOption = None,
) -> None:
    """匯出數據 Export a report's facts with their source sentences."""
    from policyledger.export import export_facts
    from policyledger.store.queries import FactFilter, get_report

    _require_ledger(db)
    with open_ledger(db) as conn:
        found = get_report(conn, report)
        f = FactFilter(
            report_id=found.id,
            chapter=chapter,
            unit=unit,
            modality=modality,
            role=role,
            year=year,
            limit=None,
        )
        if output is None:
            export_facts(conn, f, fmt, None, stream=sys.stdout)
            return
        result = export_facts(conn, f, fmt, output)
    typer.echo(f"已匯出 {result.rows} 筆 exported {result.rows} facts → {output}")


def _require_ledger(db: Path | None) -> None:
    # Reading must not create an empty ledger as a side effect of a typo.
    path = resolve_db(db)
    if not path.exists():
        raise StoreError(f"{path}: 帳本不存在 no such ledger; run `policyledger ingest FILE` first")
