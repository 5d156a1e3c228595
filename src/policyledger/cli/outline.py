"""``policyledger outline FILE``: the heading tree of a report, no database needed."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from policyledger.cli import app, friendly
from policyledger.models import Document, Section


def section_to_dict(doc: Document, section: Section) -> dict[str, Any]:
    return {
        "path": section.path,
        "level": section.level,
        "marker": section.marker,
        "number": section.number,
        "title": section.title,
        "start": section.start,
        "heading_end": section.heading_end,
        "end": section.end,
        "page": section.page,
        "paragraphs": len(section.paragraphs),
        "children": [section_to_dict(doc, c) for c in section.children],
    }


def outline_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "report_id": doc.report_id,
        "meta": asdict(doc.meta),
        "source_format": doc.source_format,
        "encoding": doc.encoding,
        "characters": len(doc.text),
        "sections": [section_to_dict(doc, s) for s in doc.sections],
        "warnings": list(doc.warnings),
    }


@app.command("outline")
@friendly
def outline(
    file: Annotated[Path, typer.Argument(help="報告檔案：純文字、PDF、ODT 或 DOCX (report file)")],
    as_json: Annotated[
        bool, typer.Option("--json", help="輸出完整大綱 JSON (print the whole tree as JSON)")
    ] = False,
) -> None:
    """顯示報告的標題大綱 — show a report's numbered heading tree (no database needed)."""
    from policyledger.ingest import load_document

    doc = load_document(file)
    if as_json:
        typer.echo(json.dumps(outline_to_dict(doc), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    meta = doc.meta
    label = " · ".join(x for x in (meta.title, meta.ministry, meta.period, meta.file_name) if x)
    tree = Tree(f"[bold]{escape(label or file.name)}[/bold]")

    def add(node: Tree, section: Section) -> None:
        page = f" [dim]p.{section.page}[/dim]" if section.page is not None else ""
        branch = node.add(f"[cyan]{escape(section.marker)}[/cyan] {escape(section.title)}{page}")
        for child in section.children:
            add(branch, child)

    for s in doc.sections:
        add(tree, s)
    console = Console(highlight=False)
    console.print(tree)
    for w in doc.warnings:
        console.print(f"[yellow]注意 warning:[/yellow] {escape(w)}")
