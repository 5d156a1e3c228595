"""The numbered heading grammar of Taiwanese government reports, as a Section tree.

Levels are fixed by the marker's kind, not by depth, so a report that skips a level
still gives every heading the same level number everywhere:

    level 1  壹、          level 4  1、 1. １、
    level 2  一、          level 5  （1） (1) (１)
    level 3  （一） (一)   level 6  Ａ、 A、        level 7  ａ、 a、

Full- and half-width brackets and digits are equivalent; a space after the marker is
optional. Canonical markers (used in ``Section.path``) are ``壹``, ``一``, ``（一）``,
``1``, ``（1）``, ``A``, ``a``.

Input is cleaned text (``policyledger.ingest.clean``): one paragraph or heading per line.
A line that starts with a marker is a heading only if its number fits: the next number
at an open level, or 1 for a level not yet open under the current parent. This is what
keeps an inline enumeration that a line break put at a line start
(``積極辦理（1）…；（2）…；`` / ``（3）…``) from becoming a heading. Chapters (壹、) and
the document's first heading may start at any number, since an excerpt can begin
mid-list. Gaps and restarts in the numbering are accepted and reported as warnings.

Heading titles. A heading line may carry body text:

* ``1、 連結在地：臺中市…`` — a label before a colon: the title is the label, the text
  after the colon is the section's first paragraph (the label too, when it states a
  figure).
* ``三、 106 年砂石需求量為 6,573 萬公噸，…。`` — a sentence: the title is the first
  sentence (without its 。/；), or only its first clause (up to the first ，) when the
  sentence is longer than 40 characters; the first paragraph is the *whole* line after
  the marker, title included, because its figures must stay in a paragraph for
  extraction.
* ``一、 推動重點產業創新發展`` — no colon and no 。/；, at most 40 characters: the
  whole line is the title and there is no paragraph — unless the title states a figure
  (``（四） 前瞻或綠能外加 1 億元融資保證額度：``): then the title is also the section's
  first paragraph, so the figure is stored and cited like any other. A longer line
  without 。 (``…其修正重點如下：``) is treated as a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from policyledger.ingest.normalize import fold
from policyledger.models import Paragraph, Section, Sentence, SourceSpan

_FORMAL = "壹貳參肆伍陸柒捌玖"
_PLAIN = "一二三四五六七八九"
_FORMAL_VALUES = {c: i + 1 for i, c in enumerate(_FORMAL)} | {"叁": 3, "拾": 10, "佰": 100}
_PLAIN_VALUES = {c: i + 1 for i, c in enumerate(_PLAIN)} | {"十": 10, "百": 100}
# Some reports write numbers digit by digit with a circle for zero: (一○) = 10, (一二) = 12.
_ZEROS = {"○": 0, "〇": 0, "零": 0}


_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"([壹貳參叁肆伍陸柒捌玖拾佰]+) ?、")),
    (2, re.compile(r"([一二三四五六七八九十百○〇零]+) ?、")),
    (3, re.compile(r"\( ?([一二三四五六七八九十百○〇零]+) ?\)")),
    (4, re.compile(r"(\d{1,3}) ?(?:、|\.(?![\d.]))")),
    (5, re.compile(r"\( ?(\d{1,3}) ?\)")),
    (6, re.compile(r"([A-Z]) ?、")),
    (7, re.compile(r"([a-z]) ?、")),
)
_MARKER_FIRST = frozenset(
    "壹貳參叁肆伍陸柒捌玖拾佰一二三四五六七八九十百○〇零(（0123456789０１２３４５６７８９"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
)
_SENTENCE_END = "。；！？"
_CLOSERS = "」』）)〉》\"'"
_OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")"}
_SENTENCE_EVENTS = re.compile("[。；！？「」『』（）()]")
_COLON_WINDOW = 40
_LONG_TITLE = 40
_TABLE_CELL = " | "


@dataclass(frozen=True, slots=True)
class Marker:
    level: int
    number: int
    text: str  # as written
    end: int  # offset just past the marker and any spaces after it

    @property
    def canonical(self) -> str:
        return canonical_marker(self.level, self.number)


def match_marker(line: str) -> Marker | None:
    """The heading marker at the very start of ``line`` (no leading spaces), if any."""
    if not line or line[0] not in _MARKER_FIRST:
        return None
    # Full-width forms folded to ASCII so one pattern reads both widths (same length).
    folded = fold(line[:12])
    for level, pattern in _MARKERS:
        m = pattern.match(folded)
        if m is None:
            continue
        number = _value(level, m.group(1))
        if number is None or number == 0:
            continue
        end = m.end()
        while end < len(line) and line[end] in " \u3000":
            end += 1
        return Marker(level, number, line[: m.end()], end)
    return None


def _value(level: int, digits: str) -> int | None:
    if level in (4, 5):
        return int(digits)
    if level in (6, 7):
        return ord(digits.upper()) - ord("A") + 1
    table = _FORMAL_VALUES if level == 1 else _PLAIN_VALUES
    return chinese_number(digits, table)


def chinese_number(text: str, table: dict[str, int] | None = None) -> int | None:
    """一 … 九十九 (and 壹 … 玖拾玖); None for anything that is not a well-formed numeral."""
    table = table or (_PLAIN_VALUES | _FORMAL_VALUES)
    if len(text) > 1 and not any(table.get(ch) in (10, 100) for ch in text):
        digits = [table.get(ch, _ZEROS.get(ch)) for ch in text]
        if any(d is None or d >= 10 for d in digits) or digits[0] == 0:
            return None
        return int("".join(str(d) for d in digits))
    total = 0
    digit: int | None = None
    for ch in text:
        v = table.get(ch)
        if v is None:
            return None
        if v in (10, 100):
            total += (digit if digit is not None else 1) * v
            digit = None
        else:
            if digit is not None:
                return None
            digit = v
    return total + (digit or 0)


def _numeral(n: int, digits: str, ten: str) -> str:
    if n < 10:
        return digits[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else digits[tens - 1]
    return head + ten + (digits[ones - 1] if ones else "")


def canonical_marker(level: int, number: int) -> str:
    if level == 1:
        return _numeral(number, _FORMAL, "拾")
    if level == 2:
        return _numeral(number, _PLAIN, "十")
    if level == 3:
        return f"（{_numeral(number, _PLAIN, '十')}）"
    if level == 4:
        return str(number)
    if level == 5:
        return f"（{number}）"
    if level == 6:
        return chr(ord("A") + number - 1)
    return chr(ord("a") + number - 1)


# --- sentences and paragraphs --------------------------------------------------------


def split_sentences(text: str, base: int = 0) -> tuple[Sentence, ...]:
    """Split on 。；！？ outside brackets and quotes; closing quotes stay with their sentence."""
    bounds = _sentence_bounds(text, track_depth=True)
    if bounds is None:
        bounds = _sentence_bounds(text, track_depth=False) or []
    out: list[Sentence] = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), base + s, base + e, text[s:e]))
    return tuple(out)


def _sentence_bounds(text: str, *, track_depth: bool) -> list[tuple[int, int]] | None:
    bounds: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    n = len(text)
    # Only brackets, quotes and terminators matter; let the regex engine skip the rest.
    for m in _SENTENCE_EVENTS.finditer(text):
        i = m.start()
        if i < start:
            continue  # a closer already taken into the previous sentence
        ch = text[i]
        if ch in _SENTENCE_END:
            if track_depth and stack:
                continue
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            bounds.append((start, j))
            start = j
        elif track_depth:
            if ch in _OPENERS:
                stack.append(_OPENERS[ch])
            elif stack and ch == stack[-1]:
                stack.pop()
    if start < n:
        bounds.append((start, n))
    if track_depth and stack:
        return None  # unbalanced brackets: do not let one typo swallow the paragraph
    return bounds


def make_paragraph(text: str, start: int, end: int, index: int) -> Paragraph | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    body = text[start:end]
    return Paragraph(index, start, end, body, split_sentences(body, start))


# --- the tree --------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    marker: Marker
    path: str
    start: int
    heading_end: int
    title: str
    page: int | None
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(
            path=self.path,
            level=self.marker.level,
            marker=self.marker.text,
            number=self.marker.number,
            title=self.title,
            start=self.start,
            heading_end=self.heading_end,
            end=self.end,
            page=self.page,
            paragraphs=tuple(self.paragraphs),
            children=tuple(c.freeze() for c in self.children),
        )


@dataclass(frozen=True, slots=True)
class Outline:
    sections: tuple[Section, ...]
    preamble: tuple[Paragraph, ...]
    warnings: tuple[str, ...]


def build_outline(text: str, spans: tuple[tuple[int, SourceSpan], ...] = ()) -> Outline:
    """Sections, paragraphs and sentences of cleaned ``text`` (one logical line per line)."""
    span_keys = [k for k, _ in spans]

    def page_at(offset: int) -> int | None:
        i = bisect_right(span_keys, offset) - 1
        return spans[i][1].page if i >= 0 else None

    roots: list[_Node] = []
    preamble: list[Paragraph] = []
    stack: list[_Node] = []
    paths: set[str] = set()
    warnings: list[str] = []

    def add_paragraph(start: int, end: int) -> None:
        target = stack[-1].paragraphs if stack else preamble
        para = make_paragraph(text, start, end, len(target))
        if para is not None:
            target.append(para)
            if stack:
                for node in stack:
                    node.end = max(node.end, para.end)

    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        # A flattened table row (cells joined by " | ") keeps its row labels (一、稅捐,
        # (一)關稅) out of the outline.
        marker = None if _TABLE_CELL in line else match_marker(line)
        if marker is None or not _fits(marker, stack, warnings, first=not roots):
            add_paragraph(line_start, line_end)
            continue
        while stack and stack[-1].marker.level >= marker.level:
            stack.pop()
        parent = stack[-1] if stack else None
        path = (parent.path + "/" if parent else "") + marker.canonical
        if path in paths:
            k = 2
            while f"{path}~{k}" in paths:
                k += 1
            path = f"{path}~{k}"
        paths.add(path)
        title, heading_end, body_start = _split_heading(line, marker.end)
        node = _Node(
            marker=marker,
            path=path,
            start=line_start,
            heading_end=line_start + heading_end,
            title=title,
            page=page_at(line_start),
            end=line_start + heading_end,
        )
        (parent.children if parent else roots).append(node)
        stack.append(node)
        for anc in stack:
            anc.end = max(anc.end, node.end)
        if body_start is not None:
            add_paragraph(line_start + body_start, line_end)
    return Outline(tuple(r.freeze() for r in roots), tuple(preamble), tuple(warnings))


def _fits(marker: Marker, stack: list[_Node], warnings: list[str], *, first: bool) -> bool:
    """Does ``marker`` continue the numbering? Record gaps and restarts as warnings."""
    same = next((n for n in reversed(stack) if n.marker.level == marker.level), None)
    if same is None:
        # A new level that does not start at 1 is an enumeration inside a sentence,
        # except for chapters and the very first heading: an excerpt may begin anywhere.
        return marker.number == 1 or marker.level == 1 or first
    expected = same.marker.number + 1
    if marker.number == expected:
        return True
    where = same.path.rsplit("/", 1)[0] if "/" in same.path else "（最上層 top level）"
    got = marker.canonical
    if marker.number > expected:
        missing = canonical_marker(marker.level, expected)
        if marker.number > expected + 1:
            missing += "…" + canonical_marker(marker.level, marker.number - 1)
        warnings.append(
            f"編號不連續：{where} 之下 {same.marker.canonical} 之後是 {got}，缺少 {missing} "
            f"(numbering gap under {where}: {same.marker.canonical} -> {got})"
        )
    else:
        warnings.append(
            f"編號重複或重新開始：{where} 之下 {same.marker.canonical} 之後是 {got} "
            f"(numbering restarts or repeats under {where}: {same.marker.canonical} -> {got})"
        )
    return True


def _split_heading(line: str, body: int) -> tuple[str, int, int | None]:
    """(title, heading_end, first paragraph start) as offsets within ``line``."""
    rest = line[body:]
    colon = _top_level_index(rest, "：:", limit=_COLON_WINDOW)
    if colon is not None:
        title = rest[:colon].strip()
        after = body + colon + 1
        # A label that states a figure (``（四） 外加 1 億元融資保證額度：…``) stays in
        # the paragraph, or extraction never sees its figure.
        if _has_figure(title):
            return title, after, body
        return title, after, (after if line[after:].strip() else None)
    stop = _top_level_index(rest, _SENTENCE_END)
    if stop is None:
        whole = rest.rstrip()
        if len(whole) <= _LONG_TITLE:
            title = whole.rstrip("：:").strip()
            return title, len(line.rstrip()), (body if _has_figure(title) else None)
        # A long line without 。 (``…修正重點如下：``) is a sentence, not a title.
        stop = len(whole)
    if stop > _LONG_TITLE:
        # A long opening sentence makes a poor title; its first clause names the item.
        comma = _top_level_index(rest[:stop], "，,")
        if comma is not None and rest[:comma].strip():
            return rest[:comma].strip(), body + comma, body
    title = rest[:stop].strip()
    return title, min(body + stop + 1, len(line.rstrip())), body


def _has_figure(title: str) -> bool:
    """Whether a heading states a figure (``外加 1 億元``), not just a name (``4G 城市``)."""
    if not any(ch.isdigit() for ch in title):
        return False
    from policyledger.extract import extract

    return bool(extract(title).quantities)


def _top_level_index(text: str, chars: str, limit: int | None = None) -> int | None:
    """Index of the first of ``chars`` outside brackets and quotes, within ``limit``."""
    stack: list[str] = []
    for i, ch in enumerate(text if limit is None else text[:limit]):
        if ch in _OPENERS:
            stack.append(_OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in chars and not stack:
            if (
                ch in ":,"
                and 0 < i < len(text) - 1
                and text[i - 1].isdigit()
                and text[i + 1].isdigit()
            ):
                continue  # a clock time (8:30) or a thousands separator (6,573)
            return i
    return None
