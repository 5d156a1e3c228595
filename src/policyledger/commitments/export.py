"""Commitments as rows for ``policyledger.export`` (CSV, JSON, XLSX, data package)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from policyledger.commitments.models import STATUS_LABELS
from policyledger.commitments.store import CommitmentFilter, CommitmentState, list_commitments
from policyledger.export import Column, ExportResult, export_rows

COMMITMENT_COLUMNS: tuple[Column, ...] = (
    Column("commitment_id", "integer", "承諾編號"),
    Column("report_id", "string", "報告代號", "sha256 of the report (cite with section_path)"),
    Column("report_title", "string", "報告"),
    Column("domain", "string", "領域", "chapter title"),
    Column("section_path", "string", "章節"),
    Column("subject", "string", "承諾內容", "the clause the target sits in"),
    Column("figure", "string", "目標數字", "as written; empty for a dated action"),
    Column("value", "number", "目標數值", "in the canonical unit", unit_field="unit", scale=0),
    Column("unit", "string", "單位代碼"),
    Column("deadline", "date", "期限", "last day to meet it"),
    Column("deadline_text", "string", "原文期限", "as written: 107 年 6 月底前, 3 年內"),
    Column("measurable", "boolean", "可衡量", "has both a figure and a deadline"),
    Column("flags", "string", "標記", "no_figure, no_deadline"),
    Column("as_of", "date", "狀態基準日"),
    Column("schedule", "string", "期程狀態", "not_due, due, overdue, no_deadline"),
    Column("evidence", "string", "實績狀態", "met, partly_met, missed, no_figure"),
    Column("evidence_figure", "string", "實績數字", "the confirmed later figure"),
    Column("official", "string", "官方說法", "announced, reported"),
    Column("source", "string", "原文句子", "the source sentence, unchanged"),
)


def commitment_records(states: Iterable[CommitmentState]) -> list[dict[str, Any]]:
    rows = []
    for st in states:
        c = st.commitment
        rows.append(
            {
                "commitment_id": c.id,
                "report_id": c.report_id,
                "report_title": st.report_title,
                "domain": c.domain,
                "section_path": c.section_path,
                "subject": c.subject,
                "figure": c.figure.text if c.figure else None,
                "value": c.figure.value if c.figure else None,
                "unit": c.figure.unit if c.figure else None,
                "deadline": c.deadline.date if c.deadline else None,
                "deadline_text": c.deadline.text if c.deadline else None,
                "measurable": c.measurable,
                "flags": ",".join(c.flags),
                "as_of": st.as_of,
                "schedule": st.schedule.status,
                "evidence": st.evidence.status,
                "evidence_figure": st.evidence.evidence or None,
                "official": st.official.status,
                "source": c.source,
            }
        )
    return rows


def export_commitments(
    conn: sqlite3.Connection,
    f: CommitmentFilter | None,
    fmt: str,
    dest: Path | None = None,
    *,
    as_of: str | None = None,
    stream: IO[str] | None = None,
) -> ExportResult:
    rows = commitment_records(list_commitments(conn, f, as_of=as_of))
    return export_rows(
        rows,
        fmt,
        dest,
        columns=COMMITMENT_COLUMNS,
        stream=stream,
        name="commitments",
        title="施政承諾追蹤 commitments",
        description="報告中的目標與期限，及後續報告的實績 (targets, deadlines and outcomes)",
    )


def label(code: str) -> str:
    return STATUS_LABELS.get(code, code)
