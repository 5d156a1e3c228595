"""Docs that tests keep honest: docs/cli.md is the CLI's own --help, and every command has help.

Regenerate with ``POLICYLEDGER_REGEN=1 pytest tests/test_docs.py`` (refused under CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer
import typer.main
from typer.cli import get_docs_for_click

from policyledger.cli import app

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def cli_reference() -> str:
    cmd = typer.main.get_command(app)
    text = get_docs_for_click(
        obj=cmd,
        ctx=typer.Context(cmd),
        name="policyledger",
        title="policyledger 指令參考 CLI reference",
    )
    return text.rstrip() + "\n"


def test_cli_reference_is_current() -> None:
    expected = cli_reference()
    if os.environ.get("POLICYLEDGER_REGEN"):
        if os.environ.get("CI"):
            pytest.fail("POLICYLEDGER_REGEN is refused under CI: regenerate docs locally")
        CLI_DOC.write_text(expected, encoding="utf-8")
    assert CLI_DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run POLICYLEDGER_REGEN=1 pytest tests/test_docs.py"
    )


def test_every_command_has_help() -> None:
    cmd = typer.main.get_command(app)
    assert isinstance(cmd, typer.main.TyperGroup)
    for name, sub in cmd.commands.items():
        assert (sub.help or "").strip(), f"policyledger {name} has no help text"
