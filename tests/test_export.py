"""Exports: every format carries the same facts with their citations, atomically."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TINY_REPORT_ID
from policyledger.errors import QueryError
from policyledger.export import (
    FACT_COLUMNS,
    FORMATS,
    export_facts,
    export_rows,
    infer_columns,
    roc_date,
)
from policyledger.store import connect
from policyledger.store.queries import FactFilter


@pytest.fixture()
def conn(tiny_db: Path):  # type: ignore[no-untyped-def]
    c = connect(tiny_db)
    yield c
    c.close()


def _report_text(conn) -> str:  # type: ignore[no-untyped-def]
    return str(conn.execute("SELECT text FROM reports").fetchone()[0])


def test_csv_has_bom_citations_and_exact_offsets(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "facts.csv"
    result = export_facts(conn, FactFilter(report_id=TINY_REPORT_ID), "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads the Chinese as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert result.rows == len(rows) == 7
    assert list(rows[0]) == [c.name for c in FACT_COLUMNS]
    text = _report_text(conn)
    for r in rows:
        assert text[int(r["start"]) : int(r["end"])] == r["text"]
        assert r["text"] in r["sentence"]
        assert r["report_id"] == TINY_REPORT_ID
    invest = next(r for r in rows if r["text"] == "54.4 億元")
    assert invest["value"] == "5440000000" and invest["unit"] == "TWD"
    assert invest["raw_unit"] == "億元" and invest["section_path"] == "壹/一/（一）"
    assert invest["chapter"] == "壹" and invest["period_start"] == "2017-01-01"
    three_years = next(r for r in rows if r["text"] == "3 年")
    assert three_years["period_start"] == "" and three_years["value_max"] == ""


def test_filters_reach_the_export(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    export_facts(conn, FactFilter(unit="kW", modality="target"), "json", stream=buf)
    data = json.loads(buf.getvalue())
    assert [d["text"] for d in data] == ["2,000 萬瓩"]
    assert data[0]["value"] == 2.0e7 and data[0]["chapter"] == "拾"
    buf = io.StringIO()
    export_facts(conn, FactFilter(chapter="壹", year=106), "json", stream=buf)
    assert [d["text"] for d in json.loads(buf.getvalue())] == ["54.4 億元", "82％"]


def test_json_keeps_chinese_readable(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "facts.json"
    export_facts(conn, FactFilter(), "json", out)
    raw = out.read_text(encoding="utf-8")
    assert "萬瓩" in raw and "\\u" not in raw
    assert len(json.loads(raw)) == 7


def test_parquet_types_and_unit_metadata(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    out = tmp_path / "facts.parquet"
    export_facts(conn, FactFilter(), "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == 7
    assert str(table.schema.field("value").type) == "double"
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("period_start").type) == "date32[day]"
    meta = table.schema.field("value").metadata
    assert meta[b"unitField"] == b"unit" and meta[b"scale"] == b"0"
    rows = table.to_pylist()
    solar = next(r for r in rows if r["text"] == "52.3 萬瓩")
    assert solar["value"] == pytest.approx(523_000) and solar["period_end"] == date(2017, 12, 31)


def test_xlsx_bold_frozen_header_roc_dates_and_sentence(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "facts.xlsx"
    export_facts(conn, FactFilter(report_id=TINY_REPORT_ID), "xlsx", out)
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    i_start = header.index("期間起 period_start")
    assert header[i_start + 1] == "期間起（民國）"
    i_sentence = header.index("原文句子 sentence")
    i_text = header.index("原文數字 text")
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(body) == 7
    invest = next(r for r in body if r[i_text] == "54.4 億元")
    assert invest[i_start].date() == date(2017, 1, 1)
    assert invest[i_start + 1] == "民國106年1月1日"
    assert invest[i_sentence] == "106 年推動投資 54.4 億元，較上年成長 82％。"


@pytest.mark.parametrize("suffix", [".zip", ""])
def test_datapackage_zip_or_folder(conn, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"pkg{suffix}"
    export_facts(conn, FactFilter(report_id=TINY_REPORT_ID[:8], unit="TWD"), "datapackage", out)
    if suffix:
        with zipfile.ZipFile(out) as zf:
            assert sorted(zf.namelist()) == ["datapackage.json", "facts.csv"]
            desc = json.loads(zf.read("datapackage.json"))
            body = zf.read("facts.csv").decode("utf-8")
    else:
        desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        body = (out / "facts.csv").read_text(encoding="utf-8")
    assert desc["profile"] == "tabular-data-package"
    assert desc["title"] == "經濟部業務報告（測試）"
    res = desc["resources"][0]
    assert res["path"] == "facts.csv" and res["encoding"] == "utf-8"
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    assert [f["name"] for f in res["schema"]["fields"]] == [c.name for c in FACT_COLUMNS]
    # Filtered to one unit, the value column says it is in TWD; raw units stay per row.
    assert fields["value"]["unit"] == "TWD" and fields["value"]["unitField"] == "unit"
    assert fields["value"]["scale"] == 0
    assert fields["unit"]["constraints"]["enum"] == ["TWD"]
    for citation in ("report_id", "section_path", "start", "end", "sentence"):
        assert citation in fields
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["raw_unit"] for r in rows} == {"億元"}
    assert len(rows) == 3


def test_datapackage_with_mixed_units_names_no_single_unit(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.zip"
    export_facts(conn, FactFilter(), "datapackage", out)
    with zipfile.ZipFile(out) as zf:
        desc = json.loads(zf.read("datapackage.json"))
    fields = {f["name"]: f for f in desc["resources"][0]["schema"]["fields"]}
    assert "unit" not in fields["value"]
    assert fields["unit"]["constraints"]["enum"] == ["%", "TWD", "kW", "year"]


def test_binary_float_noise_does_not_reach_the_export(tmp_path: Path) -> None:
    from policyledger.export import fact_records
    from policyledger.store.queries import FactRow

    row = FactRow(
        1, "r", None, None, None, None, None, 1, 0, 1, "計 9.8 億元。", "9.8 億元", 2, 8,
        9.8 * 1e8, None, "TWD", "億元", "exact", "level", "actual", 0.05 * 1e8, None, None,
    )  # fmt: skip
    assert 9.8 * 1e8 != 980_000_000  # the noise this guards against
    (rec,) = fact_records([row])
    assert rec["value"] == 980_000_000 and rec["precision"] == 5_000_000
    buf = io.StringIO()
    export_rows([rec], "csv", columns=FACT_COLUMNS, stream=buf)
    assert ",980000000," in buf.getvalue()


def test_generic_rows_and_inferred_columns(tmp_path: Path) -> None:
    rows = [{"name": "甲", "n": 1, "x": None}, {"name": "乙", "n": 2.5, "x": "y"}]
    cols = infer_columns(rows)
    assert [(c.name, c.type) for c in cols] == [
        ("name", "string"),
        ("n", "number"),
        ("x", "string"),
    ]
    for fmt in FORMATS:
        out = tmp_path / f"rows-{fmt}"
        result = export_rows(rows, fmt, out, name="rows")
        assert result.rows == 2 and out.exists()


def test_errors_write_nothing(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(QueryError, match="格式"):
        export_facts(conn, FactFilter(), "pdf", tmp_path / "x.pdf")
    with pytest.raises(QueryError, match="-o"):
        export_facts(conn, FactFilter(), "xlsx", None, stream=io.StringIO())
    with pytest.raises(QueryError, match="no such directory"):
        export_facts(conn, FactFilter(), "csv", tmp_path / "missing" / "x.csv")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(QueryError, match="refusing to overwrite"):
        export_facts(conn, FactFilter(), "datapackage", tmp_path / "full")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]


def test_failed_write_leaves_no_partial_file(
    conn,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import policyledger.export as export

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export, "_write_xlsx", broken)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    (tmp_path / "old.xlsx").write_bytes(b"previous export")
    with pytest.raises(OSError, match="disk full"):
        export_facts(conn, FactFilter(), "xlsx", tmp_path / "old.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["old.xlsx"]
    assert (tmp_path / "old.xlsx").read_bytes() == b"previous export"


@given(st.dates(min_value=date(1912, 1, 1), max_value=date(9999, 12, 31)))
def test_roc_date_round_trips(d: date) -> None:
    roc = roc_date(d.isoformat())
    assert roc is not None
    y, m, day = (int(x) for x in re.fullmatch(r"民國(\d+)年(\d+)月(\d+)日", roc).groups())  # type: ignore[union-attr]
    assert date(y + 1911, m, day) == d


@pytest.mark.parametrize(
    ("iso", "roc"),
    [
        ("2017-12-31", "民國106年12月31日"),
        ("2026-06-30", "民國115年6月30日"),
        ("1912-01-01", "民國1年1月1日"),
        ("1900-05-01", None),
        (None, None),
        ("not a date", None),
    ],
)
def test_roc_date(iso: str | None, roc: str | None) -> None:
    assert roc_date(iso) == roc
