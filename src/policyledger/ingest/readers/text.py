"""Plain text: UTF-8 (with or without BOM), UTF-16, Big5/CP950, else charset-normalizer."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from policyledger.errors import EncodingError
from policyledger.ingest.formats import utf16_without_bom
from policyledger.ingest.readers.base import RawText

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# What a report's text is made of: ASCII, CJK ideographs and punctuation, full-width forms,
# general punctuation. Decoding that lands mostly outside this is a wrong guess.
_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u22ff\u2460-\u27bf"
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_LEGACY_CANDIDATES = ("cp950", "big5hkscs")


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise EncodingError."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise _bad(path, f"BOM says {name} but the bytes do not decode") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if plausible(text):
                return text, utf16
    # Taiwanese government text that is not UTF-8 is almost always Big5 / CP950; try it
    # strictly before asking a statistical detector, which confuses Big5 with other CJK
    # codecs on short inputs.
    for name in _LEGACY_CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if plausible(text, cjk_required=True):
            return text, name
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if plausible(text):
            return text, best.encoding
    raise _bad(path, "tried UTF-8, UTF-16, CP950/Big5 and charset detection")


def plausible(text: str, *, cjk_required: bool = False) -> bool:
    if not text:
        return True
    sample = text[:20000]
    good = len(_PLAUSIBLE.findall(sample))
    if good < 0.97 * len(sample):
        return False
    if cjk_required:
        return bool(re.search(r"[\u4e00-\u9fff]", sample))
    # Latin-1 letters decoded from CJK bytes make a run of accented soup; real reports
    # have mostly ASCII or CJK.
    latin1 = len(re.findall(r"[\u00c0-\u00ff]", sample))
    return latin1 < 0.05 * len(sample)


def _bad(path: Path, detail: str) -> EncodingError:
    return EncodingError(
        path,
        f"無法判斷文字編碼，請另存為 UTF-8 後再試 (cannot detect the text encoding: {detail}; "
        "save the file as UTF-8 and retry)",
    )


def read_text(path: Path, data: bytes) -> RawText:
    text, encoding = decode(path, data)
    # Form feeds (pdftotext's page breaks) stay in their line; cleaning counts them.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return RawText.from_lines(text.split("\n"), "text", encoding)
