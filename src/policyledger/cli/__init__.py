"""The ``policyledger`` command. Each command parses its arguments, calls one core
function and turns :class:`~policyledger.errors.PolicyLedgerError` into one clean line
on standard error and a non-zero exit: users never see a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from policyledger.errors import PolicyLedgerError

app = typer.Typer(
    name="policyledger",
    help="把施政報告變成可查證的帳本 — a verified ledger of government reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_DB = "policyledger.db"

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite database (default: $POLICYLEDGER_DB, else ./policyledger.db).",
        show_default=False,
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


def resolve_db(db: Path | None) -> Path:
    if db is not None:
        return db
    env = os.environ.get("POLICYLEDGER_DB")
    return Path(env) if env else Path(DEFAULT_DB)


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"錯誤 error: {message}", err=True)
    return typer.Exit(code)


def friendly(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn every expected error into one line and exit 1; unexpected ones into one line and exit 2."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except PolicyLedgerError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            # `policyledger facts … | head`: the reader left; that is not an error.
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as exc:  # the last line of defence against tracebacks
            if os.environ.get("POLICYLEDGER_DEBUG"):
                raise
            raise fail(
                f"unexpected {type(exc).__name__}: {exc} (set POLICYLEDGER_DEBUG=1 for details)", 2
            ) from None

    return wrapper


@contextmanager
def open_ledger(db: Path | None) -> Iterator[Any]:
    """The ledger connection every command that reads or writes the database uses."""
    from policyledger.store import connect

    conn = connect(resolve_db(db))
    try:
        yield conn
    finally:
        conn.close()


def main() -> None:
    app()


# Each face module adds its commands to ``app`` when imported; they need the names above.
from policyledger.cli import (  # noqa: E402
    checks,
    commitments,
    extract,
    ingest,
    outline,
    search,
    serve,
)

__all__ = [
    "app",
    "checks",
    "commitments",
    "extract",
    "fail",
    "friendly",
    "ingest",
    "main",
    "open_ledger",
    "outline",
    "resolve_db",
    "search",
    "serve",
]
