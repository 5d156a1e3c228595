"""From a reader's raw lines to the cleaned text every offset points into.

What cleaning does, in order:

1. Pages: a reader may know them (PDF); in a text file they are detected from form
   feeds, or from the PDF-extraction habit of starting each page's text with one space,
   accepted only when the printed page numbers agree with the count.
2. Page furniture goes: bare page numbers, running headers next to them or spaced out
   (``工  業``, ``投    資``), lines that are only a URL.
3. Lines broken inside sentences and figures are re-joined when the text is *wrapped*
   (text extracted from a PDF layout; detected, see ``_is_wrapped``). Otherwise each line
   is a paragraph, as in the g0v gazette texts.
4. Inside a line: whitespace runs become one space, and no space is left between two
   CJK characters; the original characters are otherwise kept (width folding happens
   only for matching, see ``normalize.fold``).

The result is one *logical line* per paragraph or heading, joined by ``\\n``; each
piece of source text records where it came from (``Cleaned.spans``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyledger.ingest.normalize import CJK_CLASS, is_alnum_ascii, is_cjk
from policyledger.ingest.readers.base import RawLine, RawText
from policyledger.models import SourceSpan

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|第\s*\d{1,4}\s*頁(?:\s*[/／，,]?\s*共\s*\d+\s*頁)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
# A header printed with letter-spacing: CJK characters separated by runs of 2+ spaces.
_SPACED_HEADER = re.compile(rf"^\s*[{CJK_CLASS}](?:[ \u3000]{{2,}}[{CJK_CLASS}])+\s*$")
_SHORT_CJK = re.compile(rf"^\s*[{CJK_CLASS}][{CJK_CLASS} \u3000]{{0,15}}\s*$")
# East Asian Wide and Fullwidth characters (the ranges that occur in reports).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6]"
)
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_CJK_GAP = re.compile(rf"(?<=[{CJK_CLASS}]) (?=[{CJK_CLASS}])")

_TERMINAL = "。！？"
# A line ending in one of these never ends a paragraph, trailing space or not.
_OPEN_ENDINGS = "，、（「『(《〈"
# Units and magnitudes that follow a figure; a line ending in a digit followed by a line
# starting with one of these is a figure broken by the layout (``22.3`` / ``億元``).
_FIGURE_TAIL = "億萬兆千百元％%公噸瓩度倍成個人家件項場座戶位"


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    spans: tuple[tuple[int, SourceSpan], ...]
    warnings: tuple[str, ...]
    wrapped: bool
    paged: bool


def clean(raw: RawText) -> Cleaned:
    lines, paged, warnings = _with_pages(raw)
    kept = _drop_furniture(lines)
    wrapped = _is_wrapped(kept)
    logical = _join(kept, wrapped)
    return _assemble(logical, wrapped, paged, warnings)


# --- pages ----------------------------------------------------------------------------


def _with_pages(raw: RawText) -> tuple[list[RawLine], bool, tuple[str, ...]]:
    lines = list(raw.lines)
    if raw.paged:
        return lines, True, ()
    if any("\f" in ln.text for ln in lines):
        out: list[RawLine] = []
        page = 1
        for ln in lines:
            text = ln.text
            while "\f" in text:
                before, text = text.split("\f", 1)
                if before.strip():
                    out.append(RawLine(before, ln.line, page))
                page += 1
            out.append(RawLine(text, ln.line, page))
        return out, True, ()
    return _pages_from_leading_space(lines)


def _pages_from_leading_space(
    lines: list[RawLine],
) -> tuple[list[RawLine], bool, tuple[str, ...]]:
    """PDF-extracted text that starts each page's text with a single space.

    Accepted only if most printed page numbers equal the page count at that point;
    otherwise pages stay unknown rather than wrong.
    """
    page = 0
    assigned: list[RawLine] = []
    votes = agree = 0
    for ln in lines:
        t = ln.text
        if len(t) > 1 and t[0] == " " and not t[1].isspace():
            page += 1
        current = max(page, 1)
        assigned.append(RawLine(t, ln.line, current))
        m = _PAGE_NUMBER.match(t)
        if m and t.strip().isdigit():
            votes += 1
            agree += int(t.strip()) == current
    if votes >= 1 and agree >= 0.8 * votes:
        return assigned, True, ()
    if votes >= 1 and page > 1:
        return (
            lines,
            False,
            (
                f"印刷頁碼與分頁不符（{agree}/{votes}），不標示頁碼 "
                f"(printed page numbers disagree with the page breaks in {votes - agree} of "
                f"{votes} places; pages left unknown)",
            ),
        )
    return lines, False, ()


# --- furniture ------------------------------------------------------------------------


def _drop_furniture(lines: list[RawLine]) -> list[RawLine]:
    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    drop: set[int] = set()
    for pos, i in enumerate(nonblank):
        t = lines[i].text
        if _PAGE_NUMBER.match(t):
            drop.add(i)
            # Running headers/footers sit right beside the page number.
            for j in nonblank[max(0, pos - 2) : pos + 3]:
                if j != i and _SHORT_CJK.match(lines[j].text):
                    drop.add(j)
        elif _URL_LINE.match(t) or _SPACED_HEADER.match(t):
            drop.add(i)
    drop |= _repeated_page_edges(lines, nonblank)
    return [ln for i, ln in enumerate(lines) if i not in drop and ln.text.strip()]


def _repeated_page_edges(lines: list[RawLine], nonblank: list[int]) -> set[int]:
    """Running headers and footers: the same short line first or last on many pages."""
    edges: dict[int | None, list[int]] = {}
    for i in nonblank:
        edges.setdefault(lines[i].page, []).append(i)
    if None in edges or len(edges) < 3:
        return set()
    seen: dict[str, list[int]] = {}
    for idx in edges.values():
        for i in {idx[0], idx[-1]}:
            key = normalise_line(lines[i].text)
            if len(key) <= 30:
                seen.setdefault(key, []).append(i)
    from policyledger.outline import match_marker

    return {
        i
        for key, where in seen.items()
        if len(where) >= max(3, 0.3 * len(edges)) and match_marker(key) is None
        for i in where
    }


# --- wrapped text ---------------------------------------------------------------------


def _is_wrapped(lines: list[RawLine]) -> bool:
    """Text laid out in fixed-width lines (a PDF's) rather than one line per paragraph.

    In one-paragraph-per-line text almost every line that is not a heading ends with
    sentence punctuation; in wrapped text most lines stop mid-sentence.
    """
    if len(lines) < 8:
        return False
    from policyledger.outline import match_marker

    open_ended = 0
    # Flattened table rows (cells joined by " | ") end in figures either way.
    lines = [ln for ln in lines if "|" not in ln.text]
    for ln in lines:
        s = ln.text.rstrip()
        if match_marker(s.lstrip()) is not None:
            continue
        last = s[-1]
        if last in _OPEN_ENDINGS or is_cjk(last) or is_alnum_ascii(last):
            open_ended += 1
    return len(lines) >= 8 and open_ended >= 0.2 * len(lines)


@dataclass(slots=True)
class _Logical:
    pieces: list[tuple[RawLine, str]]  # (source line, its normalised text)


def _join(lines: list[RawLine], wrapped: bool) -> list[_Logical]:
    trailing = wrapped and sum(1 for ln in lines if ln.text != ln.text.rstrip()) >= 0.2 * len(lines)
    line_widths = [visual_width(ln.text.strip()) for ln in lines] if wrapped else []
    ranked = sorted(line_widths)
    width = ranked[int(0.9 * (len(ranked) - 1))] if ranked else 0
    out: list[_Logical] = []
    for k, ln in enumerate(lines):
        norm = normalise_line(ln.text)
        prev_width = line_widths[k - 1] if wrapped and k else 0
        if k and _continues(lines[k - 1], ln, wrapped, trailing, width, prev_width):
            out[-1].pieces.append((ln, norm))
        else:
            out.append(_Logical([(ln, norm)]))
    return out


def visual_width(text: str) -> int:
    """Columns as printed: CJK and full-width forms take two."""
    return len(text) + len(_WIDE.findall(text))


def _continues(
    a: RawLine, b: RawLine, wrapped: bool, trailing: bool, width: int, a_width: int
) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``? (``a_width``: a's columns)"""
    a_text = a.text.rstrip()
    b_text = b.text.strip()
    last = a_text[-1]
    first = b_text[0]
    if last.isdigit() and first in _FIGURE_TAIL and "|" not in a_text and "|" not in b_text:
        return True
    if not wrapped:
        return False
    from policyledger.outline import match_marker

    starts_item = match_marker(b_text) is not None
    full = a_width >= 0.9 * width
    if last in _TERMINAL and starts_item:
        return False
    if trailing:
        # The extractor leaves a space after the last character of a paragraph or a
        # title; a justified full-width line may carry one too, and a space after
        # Latin text is just the space between two words.
        if a.text == a_text or last.isascii() or last in _OPEN_ENDINGS:
            return not (starts_item and a.text != a_text)
        if last in _TERMINAL or starts_item:
            return False
        # Headings are short; a long title line must reach the margin to continue.
        # Body lines with Latin words in them measure narrower than they print.
        is_heading = match_marker(a_text.strip()) is not None
        return full if is_heading else a_width >= 0.75 * width
    # No trailing-space evidence (text from our own PDF reader): punctuation and length.
    if starts_item and (last in _TERMINAL + "：；:" or not full):
        return False
    if last in _TERMINAL + "：" and not full:
        return False
    return not (visual_width(a_text.strip()) < 0.6 * width and last not in _OPEN_ENDINGS)


def normalise_line(text: str) -> str:
    """One space for any whitespace run, none between two CJK characters, no ends."""
    text = _SPACES.sub(" ", text.replace("\f", " ")).strip()
    return _CJK_GAP.sub("", text)


def _joiner(a: str, b: str, a_raw: str) -> str:
    if not a or not b:
        return ""
    x, y = a[-1], b[0]
    if is_alnum_ascii(x) and is_alnum_ascii(y):
        # Words always had a space at the break in the corpus; digits without one are
        # a number split by the layout.
        return " " if a_raw != a_raw.rstrip() or not (x.isdigit() and y.isdigit()) else ""
    if (is_alnum_ascii(x) or x in "%.") and is_cjk(y):
        return " "
    if is_cjk(x) and is_alnum_ascii(y):
        return " "
    return ""


def _assemble(
    logical: list[_Logical], wrapped: bool, paged: bool, warnings: tuple[str, ...]
) -> Cleaned:
    parts: list[str] = []
    spans: list[tuple[int, SourceSpan]] = []
    pos = 0
    for k, lg in enumerate(logical):
        if k:
            parts.append("\n")
            pos += 1
        prev_norm = ""
        prev_raw = ""
        for ln, norm in lg.pieces:
            if not norm:
                continue
            if prev_norm:
                j = _joiner(prev_norm, norm, prev_raw)
                parts.append(j)
                pos += len(j)
            spans.append((pos, SourceSpan(ln.page if paged else None, ln.line)))
            parts.append(norm)
            pos += len(norm)
            prev_norm, prev_raw = norm, ln.text
    return Cleaned("".join(parts), tuple(spans), warnings, wrapped, paged)
