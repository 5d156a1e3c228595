"""Reading a report file into a cleaned, outlined :class:`~policyledger.models.Document`.

``load_document`` is the one entry point for files: it checks the size, detects the
format, runs that format's reader, cleans the text and builds the outline. It raises only
:class:`~policyledger.errors.IngestError` subclasses; whatever a third-party parser throws
is wrapped here as ``CorruptFile`` (``raise … from exc``) so the cause stays visible.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from policyledger.errors import CorruptFile, EmptyInput, FileTooLarge, IngestError
from policyledger.ingest.clean import Cleaned, clean
from policyledger.ingest.formats import Detection, SourceFormat, detect_format
from policyledger.ingest.meta import extract_meta, merge_meta
from policyledger.ingest.normalize import fold
from policyledger.ingest.readers import READERS, RawText
from policyledger.models import Document, ReportMeta

DEFAULT_MAX_BYTES = 16 * 2**20

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Detection",
    "SourceFormat",
    "detect_format",
    "document_from_text",
    "fold",
    "load_document",
    "read_raw",
]


def load_document(
    path: Path | str, *, meta: ReportMeta | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read, clean and outline one report file."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    raw = read_raw(path, data)
    report_id = hashlib.sha256(data).hexdigest()
    given = merge_meta(ReportMeta(file_name=path.name), meta)
    doc = _document(clean(raw), report_id, given, raw.source_format, raw.encoding)
    if not doc.text.strip():
        raise EmptyInput(path, "檔案沒有任何文字內容 (the file contains no text)")
    return doc


def read_raw(path: Path, data: bytes) -> RawText:
    """Detect the format and run its reader; every failure is an ``IngestError``."""
    if not data.strip():
        raise EmptyInput(path, "檔案是空的 (the file is empty)")
    detection = detect_format(path, data)
    reader = READERS[detection.format]
    try:
        raw = reader(path, data)
    except IngestError:
        raise
    except Exception as exc:  # the reader boundary: every parser error maps to CorruptFile
        name = detection.format.value.upper()
        raise CorruptFile(
            path,
            f"{name} 檔已損毀或不完整，無法讀取 (damaged or truncated {name} file: {type(exc).__name__}: {exc})",
        ) from exc
    if raw.is_blank():
        raise EmptyInput(path, "檔案沒有任何文字內容 (the file contains no text)")
    return raw


def document_from_text(
    text: str, *, report_id: str, meta: ReportMeta | None = None, source_format: str = "text"
) -> Document:
    """The same cleaning and outline for text already in memory (tests, pasted text)."""
    raw = RawText.from_lines(text.replace("\r\n", "\n").split("\n"), source_format, None)
    return _document(clean(raw), report_id, meta, source_format, None)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(
                path,
                f"檔案大小 {size:,} 位元組超過上限 {max_bytes:,} 位元組；確定是報告的話，"
                f"可用 --max-mb 調高上限 (file is {size:,} bytes, over the {max_bytes:,}-byte "
                "limit; raise it with --max-mb)",
            )
        with path.open("rb") as fh:
            # Read one byte past the limit: the file may have grown since stat().
            data = fh.read(max_bytes + 1)
    except IsADirectoryError as exc:
        raise IngestError(path, "這是資料夾，不是檔案 (a directory, not a file)") from exc
    except FileNotFoundError as exc:
        raise IngestError(path, "找不到檔案 (file not found)") from exc
    except PermissionError as exc:
        raise IngestError(path, "沒有讀取權限 (permission denied)") from exc
    if len(data) > max_bytes:
        raise FileTooLarge(
            path, f"檔案超過上限 {max_bytes:,} 位元組 (over the {max_bytes:,}-byte limit)"
        )
    return data


def _document(
    cleaned: Cleaned,
    report_id: str,
    meta: ReportMeta | None,
    source_format: str,
    encoding: str | None,
) -> Document:
    from policyledger.outline import build_outline

    outline = build_outline(cleaned.text, cleaned.spans)
    found = extract_meta(cleaned.text)
    return Document(
        report_id=report_id,
        meta=merge_meta(found, meta),
        text=cleaned.text,
        sections=outline.sections,
        preamble=outline.preamble,
        spans=cleaned.spans,
        warnings=cleaned.warnings + outline.warnings,
        source_format=source_format,
        encoding=encoding,
    )
