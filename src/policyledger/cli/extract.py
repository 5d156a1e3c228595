"""``policyledger extract``: the extractor's command-line face (facts.md, "The command")."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from policyledger.cli import app, friendly
from policyledger.errors import EncodingError, IngestError, QueryError
from policyledger.extract import extract


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IngestError(path, "找不到檔案 file not found") from None
    except UnicodeDecodeError:
        raise EncodingError(path, "不是 UTF-8 文字檔 not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


def _jsonl_line(line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(obj, dict):
        return {"id": None, "error": 'expected an object {"id", "text"}'}
    text = obj.get("text")
    if not isinstance(text, str):
        return {"id": obj.get("id"), "error": 'missing string field "text"'}
    year = obj.get("default_year")
    try:
        result = extract(text, default_year=year if isinstance(year, int) else None)
    except Exception as exc:  # one bad line must not stop the stream
        return {"id": obj.get("id"), "error": f"{type(exc).__name__}: {exc}"}
    return {"id": obj.get("id"), **result.to_dict()}


@app.command("extract")
@friendly
def extract_command(
    file: Annotated[
        str | None, typer.Argument(help="文字檔，或 - 代表標準輸入 text file, or - for stdin")
    ] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", help="讀 JSON Lines {id, text}，逐行輸出 one result line per input line"
        ),
    ] = False,
    default_year: Annotated[
        int | None,
        typer.Option(
            "--default-year", help="無年份日期的預設年 year for dates written without one"
        ),
    ] = None,
) -> None:
    """抽取數量與日期 — extract quantities and calendar expressions as JSON."""
    if jsonl:
        out = sys.stdout
        for line in sys.stdin:
            if not line.strip():
                continue
            out.write(json.dumps(_jsonl_line(line), ensure_ascii=False) + "\n")
            out.flush()
        return
    if file is None:
        raise QueryError("請給檔案或 - ；give a FILE, - for stdin, or --jsonl")
    result = extract(_read(file), default_year=default_year)
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
