"""``policyledger commitments``, ``links``, ``confirm`` and ``reject``: what reports
promised, how it stands as of a date, and the person's decisions on proposed links."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from policyledger.cli import DbOption, app, friendly, open_ledger, resolve_db
from policyledger.errors import StoreError

FORMAT_HELP = "csv | json | parquet | xlsx | datapackage"


def _require_ledger(db: Path | None) -> None:
    path = resolve_db(db)
    if not path.exists():
        raise StoreError(f"{path}: 帳本不存在 no such ledger; run `policyledger ingest FILE` first")


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


@app.command("commitments")
@friendly
def commitments_command(
    report: Annotated[
        str | None, typer.Option("--report", help="Report id, prefix or file name.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Status as of this date (YYYY-MM-DD; default today)."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="not_due | due | overdue | no_deadline | met | partly_met | missed | no_figure."
        ),
    ] = None,
    domain: Annotated[str | None, typer.Option(help="Chapter title, e.g. 能源.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of objects.")] = False,
    export: Annotated[
        str | None, typer.Option("--export", help=f"Export instead: {FORMAT_HELP}.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Export destination (csv/json: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """承諾追蹤 List commitments (targets with deadlines) and their statuses."""
    from policyledger.commitments import CommitmentFilter, list_commitments
    from policyledger.commitments.export import export_commitments, label
    from policyledger.store.queries import get_report

    _require_ledger(db)
    with open_ledger(db) as conn:
        rid = get_report(conn, report).id if report else None
        f = CommitmentFilter(report_id=rid, status=status, domain=domain)
        if export:
            result = export_commitments(
                conn, f, export, output, as_of=as_of, stream=sys.stdout if output is None else None
            )
            if output is not None:
                typer.echo(f"已匯出 {result.rows} 筆 exported {result.rows} commitments → {output}")
            return
        states = list_commitments(conn, f, as_of=as_of)
    if as_json:
        _print_json([st.to_dict() for st in states])
        return
    if not states:
        typer.echo("沒有符合的承諾 no commitments match")
        return
    for st in states:
        c = st.commitment
        figure = c.figure.text if c.figure else "（行動）"
        deadline = f"{c.deadline.date} [{c.deadline.text}]" if c.deadline else "無期限"
        typer.echo(
            f"#{c.id:<5} {deadline:<32} {figure:<14} "
            f"{label(st.schedule.status)}/{label(st.evidence.status)}  {c.domain}｜{c.subject}"
        )
    typer.echo(f"共 {len(states)} 項 commitments, as of {states[0].as_of}")


@app.command("links")
@friendly
def links_command(
    status: Annotated[str | None, typer.Option(help="proposed | confirmed | rejected.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of objects.")] = False,
    db: DbOption = None,
) -> None:
    """承諾連結 Proposed and decided links from later figures to commitments."""
    from policyledger.commitments import list_links
    from policyledger.commitments.export import label

    _require_ledger(db)
    with open_ledger(db) as conn:
        views = list_links(conn, status=status)
    if as_json:
        _print_json([v.to_dict() for v in views])
        return
    for v in views:
        lk = v.link
        typer.echo(
            f"link {lk.id:<5} commitment #{lk.commitment_id:<5} score {lk.score:.2f} "
            f"{label(lk.status)}  {lk.actual_text}  ({lk.period_end or '—'})  {v.report_title}"
        )
    typer.echo(f"共 {len(views)} 項 links")


def _decide(link_id: int, decision: str, reason: str, db: Path | None) -> None:
    from policyledger.commitments import decide_link, get_commitment
    from policyledger.commitments.export import label

    _require_ledger(db)
    with open_ledger(db) as conn:
        view = decide_link(conn, link_id, decision, reason)
        state = get_commitment(conn, view.link.commitment_id).state
    typer.echo(
        f"link {link_id} {label(decision)}；承諾 #{view.link.commitment_id} "
        f"實績狀態 evidence: {label(state.evidence.status)}"
    )


@app.command("confirm")
@friendly
def confirm_command(
    link_id: Annotated[int, typer.Argument(help="Link id (see `policyledger links`).")],
    reason: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
    db: DbOption = None,
) -> None:
    """確認連結 Confirm that a later figure reports on a commitment."""
    _decide(link_id, "confirmed", reason, db)


@app.command("reject")
@friendly
def reject_command(
    link_id: Annotated[int, typer.Argument(help="Link id (see `policyledger links`).")],
    reason: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
    db: DbOption = None,
) -> None:
    """否決連結 Reject a proposed link."""
    _decide(link_id, "rejected", reason, db)
