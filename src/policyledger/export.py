"""Facts (or any list of rows) out of the ledger: CSV, JSON, Parquet, XLSX, data package.

Every format carries the same columns, described once in :data:`FACT_COLUMNS`, and every
fact row carries its citation (report id, section path, offsets into the report text, the
source sentence), so a figure taken out of the ledger can always be traced back.

Files are written to a temporary name beside the destination and moved into place only
when complete: a failed export leaves nothing behind and never a half-written file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from policyledger.errors import QueryError

FORMATS: tuple[str, ...] = ("csv", "json", "parquet", "xlsx", "datapackage")
TEXT_FORMATS: tuple[str, ...] = ("csv", "json")  # the ones that can go to standard output
SUFFIXES: dict[str, str] = {
    "csv": ".csv",
    "json": ".json",
    "parquet": ".parquet",
    "xlsx": ".xlsx",
    "datapackage": ".zip",
}

# Frictionless Table Schema field types the writers understand.
FIELD_TYPES: tuple[str, ...] = ("string", "integer", "number", "date", "boolean")


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column: its name, Table Schema type and what it means.

    ``unit`` / ``scale`` say what a number is measured in (``scale`` is the power of ten
    one stored unit stands for: values are in whole units, never 億 or 萬, so 0).
    ``unit_field`` names the column holding the unit when it varies row by row.
    """

    name: str
    type: str
    title: str
    description: str = ""
    unit: str | None = None
    unit_field: str | None = None
    scale: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}")

    def schema_field(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title}
        if self.description:
            d["description"] = self.description
        if self.unit is not None:
            d["unit"] = self.unit
        if self.unit_field is not None:
            d["unitField"] = self.unit_field
        if self.scale is not None:
            d["scale"] = self.scale
        if self.type == "date":
            d["format"] = "%Y-%m-%d"
        d.update(self.extra)
        return d


_VALUE_NOTE = "以 unit 欄的標準單位計（TWD 為新臺幣元而非億元、kW 為瓩）"

FACT_COLUMNS: tuple[Column, ...] = (
    Column("fact_id", "integer", "數據編號", "row id of the quantity in the ledger"),
    Column("report_id", "string", "報告代號", "sha256 of the source file (cite with section_path)"),
    Column("chapter", "string", "章", "level-1 section marker, e.g. 壹"),
    Column("chapter_title", "string", "章名"),
    Column("section_path", "string", "章節", "outline path, e.g. 壹/一/（二）/2"),
    Column("section_title", "string", "章節標題"),
    Column("paragraph_id", "integer", "段落編號"),
    Column("sentence_id", "integer", "句子編號"),
    Column("start", "integer", "起點", "offset of text in the report's cleaned text"),
    Column("end", "integer", "終點", "end offset (exclusive) in the report's cleaned text"),
    Column("text", "string", "原文數字", "the figure as written"),
    Column("value", "number", "數值", _VALUE_NOTE, unit_field="unit", scale=0),
    Column(
        "value_max",
        "number",
        "數值上限",
        "upper end of a range; " + _VALUE_NOTE,
        unit_field="unit",
        scale=0,
    ),
    Column("unit", "string", "單位代碼", "canonical unit code: TWD, USD, kW, kWh, t, %, count, …"),
    Column("raw_unit", "string", "原文單位", "the unit as written: 億元, 萬瓩, 家次, …"),
    Column(
        "qualifier",
        "string",
        "限定詞",
        "exact, approx, over, under, at_most, at_least",
        extra={
            "constraints": {"enum": ["exact", "approx", "over", "under", "at_most", "at_least"]}
        },
    ),
    Column(
        "role",
        "string",
        "性質",
        "level (an amount) or change (against a baseline)",
        extra={"constraints": {"enum": ["level", "change"]}},
    ),
    Column(
        "modality",
        "string",
        "實績或目標",
        "actual or target",
        extra={"constraints": {"enum": ["actual", "target"]}},
    ),
    Column(
        "precision",
        "number",
        "精度",
        "half-width of the interval the printed digits allow",
        unit_field="unit",
        scale=0,
    ),
    Column("period_start", "date", "期間起", "start of the period the figure refers to"),
    Column("period_end", "date", "期間迄", "end of the period (a deadline has only an end)"),
    Column("sentence", "string", "原文句子", "the source sentence, for citation"),
)


def fact_records(facts: Iterable[Any]) -> list[dict[str, Any]]:
    """``store.queries.FactRow``s as export rows (the columns of :data:`FACT_COLUMNS`)."""
    out = []
    for f in facts:
        out.append(
            {
                "fact_id": f.id,
                "report_id": f.report_id,
                "chapter": f.chapter,
                "chapter_title": f.chapter_title,
                "section_path": f.section_path,
                "section_title": f.section_title,
                "paragraph_id": f.paragraph_id,
                "sentence_id": f.sentence_id,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "value": _tidy(f.value),
                "value_max": _tidy(f.value_max),
                "unit": f.unit,
                "raw_unit": f.raw_unit,
                "qualifier": f.qualifier,
                "role": f.role,
                "modality": f.modality,
                "precision": _tidy(f.precision),
                "period_start": f.period_start,
                "period_end": f.period_end,
                "sentence": f.sentence,
            }
        )
    return out


def _tidy(v: float | None) -> float | None:
    """``9.8 億元`` is stored as 9.8 × 10⁸ = 980000000.0000001; no report prints 16
    significant digits, so 15 give the number back as written."""
    return None if v is None else float(f"{v:.15g}")


def infer_columns(rows: Sequence[Mapping[str, Any]]) -> tuple[Column, ...]:
    """Columns for a generic row list: keys in first-seen order, types from the values."""
    names: dict[str, str] = {}
    for row in rows:
        for k, v in row.items():
            seen = names.get(k)
            t = _type_of(v)
            if seen is None or seen == "null":
                names[k] = t
            elif t not in ("null", seen):
                names[k] = "number" if {seen, t} == {"integer", "number"} else "string"
    return tuple(Column(k, "string" if t == "null" else t, k) for k, t in names.items())


def _type_of(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    return "string"


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    rows: int
    path: Path | None  # None when written to a stream


def roc_date(iso: str | None) -> str | None:
    """``2017-12-31`` -> ``民國106年12月31日`` (years before 1912 have no ROC form)."""
    d = _parse_date(iso)
    if d is None or d.year < 1912:
        return None
    return f"民國{d.year - 1911}年{d.month}月{d.day}日"


def _parse_date(iso: Any) -> date | None:
    if iso is None or iso == "":
        return None
    if isinstance(iso, date):
        return iso
    try:
        return date.fromisoformat(str(iso))
    except ValueError:
        return None


# --- the one entry point ---------------------------------------------------------------


def export_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: str,
    dest: Path | None = None,
    *,
    columns: Sequence[Column] | None = None,
    stream: IO[str] | None = None,
    name: str = "facts",
    title: str | None = None,
    description: str | None = None,
) -> ExportResult:
    """Write ``rows`` as ``fmt`` to ``dest`` (a file; for ``datapackage`` a ``.zip`` or a
    folder), or to ``stream`` for the text formats when ``dest`` is None."""
    if fmt not in FORMATS:
        raise QueryError(f"不支援的格式 {fmt!r}；可用：{', '.join(FORMATS)}")
    cols = tuple(columns) if columns is not None else infer_columns(rows)
    if dest is None:
        if fmt not in TEXT_FORMATS or stream is None:
            raise QueryError(f"{fmt} 格式需要輸出路徑 (use -o PATH)")
        _TEXT_WRITERS[fmt](rows, cols, stream, False)
        return ExportResult(fmt, len(rows), None)
    dest = Path(dest)
    if fmt == "datapackage":
        _write_datapackage(rows, cols, dest, name=name, title=title, description=description)
    else:
        with _atomic(dest) as tmp:
            if fmt in TEXT_FORMATS:
                with tmp.open(
                    "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline=""
                ) as fh:
                    _TEXT_WRITERS[fmt](rows, cols, fh, True)
            elif fmt == "parquet":
                _write_parquet(rows, cols, tmp, title=title)
            else:
                _write_xlsx(rows, cols, tmp, sheet=name)
    return ExportResult(fmt, len(rows), dest)


def export_facts(
    conn: Any,
    fact_filter: Any,
    fmt: str,
    dest: Path | None = None,
    *,
    stream: IO[str] | None = None,
) -> ExportResult:
    """Every fact ``fact_filter`` (a ``store.queries.FactFilter``) matches, without its
    limit, exported with the citation columns."""
    from dataclasses import replace

    from policyledger.store.queries import get_report, list_facts

    f = replace(fact_filter, limit=None, offset=0)
    title = None
    if f.report_id is not None:
        # Accept what people type (a prefix, a file name); list_facts wants the full id.
        report = get_report(conn, f.report_id)
        f = replace(f, report_id=report.id)
        title = report.display_title
    rows = fact_records(list_facts(conn, f))
    return export_rows(
        rows,
        fmt,
        dest,
        columns=FACT_COLUMNS,
        stream=stream,
        name="facts",
        title=title,
        description="施政報告中的數據，附原文出處 (figures from government reports, with citations)",
    )


# --- writers ---------------------------------------------------------------------------


def _write_csv(
    rows: Sequence[Mapping[str, Any]], cols: Sequence[Column], out: IO[str], _file: bool
) -> None:
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c.name for c in cols])
    for row in rows:
        w.writerow([_csv_value(row.get(c.name)) for c in cols])


def _csv_value(v: Any) -> Any:
    # Whole floats print without ".0": Excel would otherwise show 5440000000.0.
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return int(v)
    return v


def _write_json(
    rows: Sequence[Mapping[str, Any]], cols: Sequence[Column], out: IO[str], _file: bool
) -> None:
    data = [{c.name: row.get(c.name) for c in cols} for row in rows]
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


_TEXT_WRITERS: dict[
    str, Callable[[Sequence[Mapping[str, Any]], Sequence[Column], IO[str], bool], None]
] = {
    "csv": _write_csv,
    "json": _write_json,
}


def _write_parquet(
    rows: Sequence[Mapping[str, Any]], cols: Sequence[Column], path: Path, *, title: str | None
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "date": pa.date32(),
        "boolean": pa.bool_(),
    }
    fields = []
    arrays = []
    for c in cols:
        meta = {k: str(v) for k, v in c.schema_field().items() if k not in ("name", "type")}
        fields.append(
            pa.field(
                c.name,
                types[c.type],
                nullable=True,
                metadata={k.encode(): v.encode() for k, v in meta.items()},
            )
        )
        values = [row.get(c.name) for row in rows]
        if c.type == "date":
            values = [_parse_date(v) for v in values]
        elif c.type == "number":
            values = [None if v is None else float(v) for v in values]
        arrays.append(pa.array(values, type=types[c.type]))
    schema_meta = {b"policyledger": json.dumps({"title": title}, ensure_ascii=False).encode()}
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=schema_meta))
    pq.write_table(table, path)


def _write_xlsx(
    rows: Sequence[Mapping[str, Any]], cols: Sequence[Column], path: Path, *, sheet: str
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has one sheet
    ws.title = sheet[:31]
    # Each date column gets a 民國 twin right after it: people in ministries read ROC
    # dates, spreadsheets sort real dates.
    layout: list[tuple[Column, bool]] = []
    for c in cols:
        layout.append((c, False))
        if c.type == "date":
            layout.append((c, True))
    headers = [
        f"{c.title}（民國）" if roc else (f"{c.title} {c.name}" if c.title != c.name else c.name)
        for c, roc in layout
    ]
    ws.append(headers)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for row in rows:
        out: list[Any] = []
        for c, roc in layout:
            v = row.get(c.name)
            if c.type == "date":
                v = roc_date(v) if roc else _parse_date(v)
            out.append(v)
        ws.append(out)
    for i, (c, roc) in enumerate(layout, start=1):
        letter = get_column_letter(i)
        if c.type == "date" and not roc:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "yyyy-mm-dd"
        width = 60 if c.name == "sentence" else 14 if c.type != "string" else 18
        ws.column_dimensions[letter].width = width
        if c.name == "sentence":
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def _datapackage_descriptor(
    rows: Sequence[Mapping[str, Any]],
    cols: Sequence[Column],
    *,
    name: str,
    title: str | None,
    description: str | None,
) -> dict[str, Any]:
    fields = []
    units = {row.get("unit") for row in rows} if any(c.name == "unit" for c in cols) else set()
    single_unit = next(iter(units)) if len(units) == 1 else None
    for c in cols:
        f = c.schema_field()
        if c.unit_field is not None and single_unit is not None:
            # Filtered to one unit (e.g. --unit TWD): the column itself can say it.
            f["unit"] = single_unit
        fields.append(f)
    if units:
        for f in fields:
            if f["name"] == "unit":
                f.setdefault("constraints", {})["enum"] = sorted(str(u) for u in units if u)
    resource: dict[str, Any] = {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": {"fields": fields, "missingValues": [""]},
    }
    if any(c.name == "fact_id" for c in cols):
        resource["schema"]["primaryKey"] = "fact_id"
    pkg: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": f"policyledger-{name}".lower(),
        "title": title or "policyledger export",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "resources": [resource],
    }
    if description:
        pkg["description"] = description
    return pkg


def _write_datapackage(
    rows: Sequence[Mapping[str, Any]],
    cols: Sequence[Column],
    dest: Path,
    *,
    name: str,
    title: str | None,
    description: str | None,
) -> None:
    descriptor = _datapackage_descriptor(
        rows, cols, name=name, title=title, description=description
    )
    buf = io.StringIO(newline="")
    _write_csv(rows, cols, buf, True)
    csv_bytes = buf.getvalue().encode("utf-8")
    meta_bytes = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if dest.suffix.lower() == ".zip":
        with _atomic(dest) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("datapackage.json", meta_bytes)
            zf.writestr(f"{name}.csv", csv_bytes)
        return
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise QueryError(
            f"{dest}: 已存在且不是空資料夾 (refusing to overwrite; pick a new folder or a .zip)"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        (tmpdir / "datapackage.json").write_bytes(meta_bytes)
        (tmpdir / f"{name}.csv").write_bytes(csv_bytes)
        if dest.exists():
            dest.rmdir()
        tmpdir.rename(dest)
    except BaseException:
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise


@contextmanager
def _atomic(dest: Path) -> Iterator[Path]:
    """A temporary path beside ``dest`` that replaces it only if the block succeeds."""
    if dest.is_dir():
        raise QueryError(f"{dest}: 是資料夾，請給檔案名稱 (is a directory; give a file name)")
    if not dest.parent.exists():
        raise QueryError(f"{dest.parent}: 資料夾不存在 (no such directory)")
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
