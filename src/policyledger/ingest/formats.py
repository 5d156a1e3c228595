"""Which reader a file goes to: magic bytes first, the file name's extension second.

Detection reports what it used (``Detection.by``) so an error can say why a file was
refused. Formats we recognise but cannot read (images, legacy .doc, other archives) are
named in the message rather than being called "binary junk".
"""

from __future__ import annotations

import enum
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from policyledger.errors import CorruptFile, UnsupportedFormat


class SourceFormat(enum.Enum):
    TEXT = "text"
    PDF = "pdf"
    ODT = "odt"
    DOCX = "docx"


EXTENSIONS: dict[str, SourceFormat] = {
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".md": SourceFormat.TEXT,
    ".pdf": SourceFormat.PDF,
    ".odt": SourceFormat.ODT,
    ".docx": SourceFormat.DOCX,
}

MIME_TYPES: dict[SourceFormat, str] = {
    SourceFormat.TEXT: "text/plain",
    SourceFormat.PDF: "application/pdf",
    SourceFormat.ODT: "application/vnd.oasis.opendocument.text",
    SourceFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

# Signatures of formats people might hand us by mistake; named in the refusal message.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Word/Excel (OLE) file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
)

_SUPPORTED_NAMES = "純文字、PDF、ODT 或 DOCX (text, PDF, ODT or DOCX)"


@dataclass(frozen=True, slots=True)
class Detection:
    format: SourceFormat
    by: str  # "magic" | "extension" | "content"


def detect_format(path: Path, data: bytes) -> Detection:
    """Decide the reader for ``data`` (the file's bytes); raise when none fits."""
    ext = path.suffix.lower()
    if data.startswith(b"%PDF-"):
        return Detection(SourceFormat.PDF, "magic")
    if data.startswith(b"PK\x03\x04"):
        return Detection(_zip_format(path, data), "magic")
    for magic, name in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(
                path, f"不支援的格式：{name}；請提供{_SUPPORTED_NAMES} (unsupported format: {name})"
            )
    claimed = EXTENSIONS.get(ext)
    if claimed in (SourceFormat.PDF, SourceFormat.ODT, SourceFormat.DOCX):
        # The name promises a container format but the bytes do not start like one.
        raise CorruptFile(
            path,
            f"副檔名為 {ext} 但內容不是有效的 {claimed.value.upper()} 檔，檔案可能已損毀 "
            f"(named {ext} but not a valid {claimed.value.upper()} file; is it damaged?)",
        )
    if looks_binary(data):
        raise UnsupportedFormat(
            path,
            f"看起來是二進位檔，不是文字報告；請提供{_SUPPORTED_NAMES} "
            "(binary data, not a text report)",
        )
    return Detection(SourceFormat.TEXT, "extension" if claimed else "content")


def _zip_format(path: Path, data: bytes) -> SourceFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mime = zf.read("mimetype").decode("ascii", "replace").strip()
                if mime == MIME_TYPES[SourceFormat.ODT]:
                    return SourceFormat.ODT
                raise UnsupportedFormat(
                    path,
                    f"不支援的 OpenDocument 類型 {mime}；只接受文字文件 ODT (unsupported: {mime})",
                )
            if "word/document.xml" in names:
                return SourceFormat.DOCX
    except zipfile.BadZipFile as exc:
        raise CorruptFile(
            path, f"ZIP 容器已損毀或不完整 (damaged or truncated ZIP container: {exc})"
        ) from exc
    raise UnsupportedFormat(
        path,
        f"這是 ZIP 壓縮檔，不是 ODT 或 DOCX；請提供{_SUPPORTED_NAMES} (a ZIP archive, not ODT/DOCX)",
    )


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """NUL bytes or many C0 control characters: not text in any encoding we read.

    UTF-16 is the exception (every other byte is NUL for CJK-free text), so a BOM or a
    regular NUL pattern is checked by the text reader before this is asked.
    """
    head = data[:sample]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head) is not None:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return controls / len(head) > 0.02


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes sit regularly on one side, else None."""
    if len(head) < 4:
        return None
    even = head[0::2]
    odd = head[1::2]
    # ASCII (spaces, digits, newlines) leaves NULs on one side; CJK text has fewer of
    # them but never as lopsided a pattern as random binary.
    odd_nul, even_nul = odd.count(0), even.count(0)
    if odd_nul >= 0.1 * len(odd) and odd_nul >= 4 * even_nul:
        return "utf-16-le"
    if even_nul >= 0.1 * len(even) and even_nul >= 4 * odd_nul:
        return "utf-16-be"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    return _utf16_without_bom(data[:8192])
