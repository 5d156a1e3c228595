"""The store: migrations applied once and recorded, transactions all-or-nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from policyledger.errors import StoreError
from policyledger.store import connect, migrate, transaction
from policyledger.store.db import _migration_files

CORE_TABLES = {"reports", "sections", "paragraphs", "sentences", "quantities", "dates"}


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_migrations_are_recorded_in_order_and_applied_once(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    conn = connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == sorted(names) == [name for name, _ in _migration_files()]
    assert names[:2] == ["0001_core", "0002_facts"]
    assert tables(conn) >= CORE_TABLES
    assert migrate(conn) == []
    conn.close()
    # Reopening applies nothing again.
    again = connect(db)
    assert [r[0] for r in again.execute("SELECT name FROM _migrations ORDER BY rowid")] == names
    again.close()


def test_deleting_a_report_takes_its_rows_with_it() -> None:
    conn = connect(":memory:")
    conn.execute(
        "INSERT INTO reports (id, source_format, text, ingested_at) VALUES ('r', 'text', 'x', 'now')"
    )
    conn.execute(
        "INSERT INTO sections (id, report_id, ord, path, level, marker, number, title, start,"
        " heading_end, \"end\") VALUES (1, 'r', 0, '壹', 1, '壹、', 1, '工業', 0, 1, 1)"
    )
    conn.execute(
        'INSERT INTO paragraphs (id, report_id, section_id, ord, idx, start, "end", text)'
        " VALUES (1, 'r', 1, 0, 0, 0, 1, 'x')"
    )
    conn.execute(
        'INSERT INTO sentences (id, report_id, section_id, paragraph_id, idx, start, "end", text)'
        " VALUES (1, 'r', 1, 1, 0, 0, 1, 'x')"
    )
    conn.execute(
        "INSERT INTO quantities (report_id, section_id, paragraph_id, sentence_id, text, start,"
        ' "end", value, unit, raw_unit, qualifier, role, modality)'
        " VALUES ('r', 1, 1, 1, 'x', 0, 1, 1, 'count', '件', 'exact', 'level', 'actual')"
    )
    conn.execute("DELETE FROM reports WHERE id = 'r'")
    for t in CORE_TABLES:
        assert conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0, t


def test_transaction_rolls_back_everything_on_error() -> None:
    conn = connect(":memory:")
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute(
            "INSERT INTO reports (id, source_format, text, ingested_at)"
            " VALUES ('r', 'text', 'x', 'now')"
        )
        raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    with transaction(conn):
        conn.execute(
            "INSERT INTO reports (id, source_format, text, ingested_at)"
            " VALUES ('r', 'text', 'x', 'now')"
        )
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def test_readonly_needs_an_existing_ledger(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such ledger"):
        connect(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        connect(junk)
