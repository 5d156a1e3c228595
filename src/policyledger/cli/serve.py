"""``policyledger serve``: the web UI and JSON API over a ledger, on this machine."""

from __future__ import annotations

from typing import Annotated

import typer

from policyledger.cli import DbOption, app, friendly, resolve_db


@app.command()
@friendly
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the web UI (報告、章節、數據) and the JSON API at /api (docs at /api/docs)."""
    import uvicorn

    from policyledger.store import connect
    from policyledger.web.app import create_app

    path = resolve_db(db)
    # Open (and migrate) once before listening, so a bad path fails here with one line
    # instead of on every request.
    connect(path).close()
    typer.echo(f"施政帳本 policyledger: http://{host}:{port}/  (ledger: {path})", err=True)
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
