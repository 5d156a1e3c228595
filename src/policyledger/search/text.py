"""Folding and tokenising Chinese text for the index and for queries.

Both sides go through the same two steps, so a query matches whatever the report wrote:

1. :func:`fold` maps every character to a comparable form *without changing the length*
   (full-width → half-width, upper → lower case, Traditional → Simplified through OpenCC),
   so an offset found in the folded text is an offset in the original: highlighting needs
   no second mapping.
2. :func:`index_tokens` turns folded text into overlapping character bigrams for Chinese
   runs (plus one unigram closing each run, so a one-character query can still match) and
   whole words for Latin letters and numbers. Whitespace between two Chinese characters is
   ignored: a PDF line break inside ``風\\n電`` must not hide ``風電``.

Bigrams rather than dictionary words in the index because every two-character word
(風電, 電價, 綠能) is then found whatever a segmenter would have done with its neighbours,
and because they cost a few milliseconds per report where jieba costs half a second (see
docs/search.md for the measurement).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_OPENCC_CONFIG = "t2s"


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC(_OPENCC_CONFIG)


def to_simplified(text: str) -> str:
    """OpenCC Traditional → Simplified (character and phrase tables)."""
    conv = _converter()
    out: str = conv.convert(text)  # type: ignore[attr-defined]
    return out


def _build_fold_table() -> dict[int, str]:
    # Only the ranges where folding changes something people type: ASCII and Latin
    # capitals, full-width forms, the ideographic space, compatibility ideographs and
    # radicals. str.translate over this table is ~50x faster than NFKC per character.
    table: dict[int, str] = {}
    ranges = (
        range(0x41, 0x5B),
        range(0xC0, 0x250),
        range(0x370, 0x400),
        range(0x2E80, 0x2FE0),
        range(0x3000, 0x3001),
        range(0xF900, 0xFB00),
        range(0xFF01, 0xFF5F),
    )
    for r in ranges:
        for cp in r:
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch).lower()
            # Characters NFKC expands (㎡ → m2) keep their length: offsets must not move.
            if len(folded) == 1 and folded != ch:
                table[cp] = folded
    return table


_FOLD_TABLE = _build_fold_table()
_FOLD_MAP = {chr(k): v for k, v in _FOLD_TABLE.items()}
# Only a few characters in Chinese text need folding (mostly full-width punctuation):
# finding them with one character class and replacing just those is three times faster
# than str.translate, which looks every character up in a dict.
_FOLDABLE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_MAP)) + "]")


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_MAP[m.group()]


def fold(text: str) -> str:
    """Width-, case- and script-insensitive form of ``text``, of exactly the same length."""
    width_folded = _FOLDABLE.sub(_fold_match, text)
    simplified = to_simplified(width_folded)
    if len(simplified) == len(width_folded):
        return simplified
    # OpenCC's phrase tables may change a phrase's length; then convert line by line and,
    # where even that differs, character by character, to keep offsets exact.
    parts = []
    for line in width_folded.splitlines(keepends=True):
        conv = to_simplified(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in line)
        parts.append(conv)
    return "".join(parts)


_CJK = "\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_RUN = re.compile(
    rf"(?P<cjk>[{_CJK}](?:\s*[{_CJK}])*)"
    rf"|(?P<word>[^\W_{_CJK}]+(?:(?<=\d)[.,](?=\d)[^\W_{_CJK}]+)*)"
)
_SPACE = re.compile(r"\s+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def is_cjk(ch: str) -> bool:
    return _CJK_CHAR.match(ch) is not None


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of folded text that yields tokens: Chinese characters or a Latin word/number."""

    kind: str  # "cjk" or "word"
    text: str  # folded, whitespace inside a CJK run removed, thousands separators removed
    start: int  # offset of the first character in the original text
    end: int  # offset just after the last character


def runs(folded: str) -> Iterator[Run]:
    """Split folded text into CJK runs and words; everything else separates them.

    Whitespace between two Chinese characters does not split a run (PDF line breaks);
    6,438 and 54.4 stay one number, the comma dropped so "6438" finds "6,438".
    """
    for m in _RUN.finditer(folded):
        if m.lastgroup == "cjk":
            yield Run("cjk", _SPACE.sub("", m.group()), m.start(), m.end())
        else:
            yield Run("word", m.group().replace(",", ""), m.start(), m.end())


_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d)")
# One match per token: a CJK character with the next one if there is one (a bigram, or
# the unigram closing a run), or a word. Doing it in one findall keeps indexing at a few
# milliseconds per report; a per-character Python loop was ten times slower.
_TOKEN = re.compile(rf"([{_CJK}])(?=([{_CJK}])?)|([^\W_{_CJK}]+(?:(?<=\d)\.(?=\d)[^\W_{_CJK}]+)*)")


def index_tokens(text: str) -> list[str]:
    """Tokens of already folded ``text`` for the FTS5 index, in order."""
    text = _THOUSANDS.sub("", _GAP.sub("", text))
    return [a + b if a else w for a, b, w in _TOKEN.findall(text)]


def index_string(original: str, *, folded: bool = False) -> str:
    """The space-separated token string stored in the FTS5 table for ``original``."""
    return " ".join(index_tokens(original if folded else fold(original)))


def phrase_tokens(folded: str) -> tuple[tuple[str, ...], bool]:
    """The index tokens a contiguous stretch ``folded`` must show, and whether the last
    one is a prefix (a lone closing character, which may begin a bigram)."""
    tokens: list[str] = []
    prefix = False
    rs = list(runs(folded))
    for n, run in enumerate(rs):
        last = n == len(rs) - 1
        if run.kind == "word":
            tokens.append(run.text)
        elif len(run.text) == 1:
            # One character: in the index it is the first half of a bigram, or a run's
            # closing unigram; a prefix query finds both (only possible at the end).
            tokens.append(run.text)
            prefix = last
        else:
            s = run.text
            tokens.extend(s[k : k + 2] for k in range(len(s) - 1))
            if not last:
                tokens.append(s[-1])
    return tuple(tokens), prefix


def fts_phrase(folded: str) -> str | None:
    """An FTS5 phrase matching ``folded`` as a contiguous stretch of text, or None.

    Only our own tokens (letters, digits, CJK characters, ``.``) ever reach the MATCH
    string, each inside double quotes: what the user typed is data, never FTS syntax.
    """
    tokens, prefix = phrase_tokens(folded)
    if not tokens:
        return None
    body = " ".join(tokens)
    return f'"{body}"' + (" *" if prefix else "")


_WS = re.compile(r"\s+")


def squeeze(folded: str) -> str:
    """``folded`` without whitespace or thousands separators: what query words are looked
    for in, so 106年 finds 106 年 and 6438 finds 6,438 (the first element of
    :func:`compact`, without the offsets, at C speed)."""
    return _THOUSANDS.sub("", _WS.sub("", folded))


@dataclass(frozen=True, slots=True)
class TokenKey:
    """A query word as the tokens a passage's FTS string must show in a row: how
    re-ranking decides whether a candidate holds the word, on the very text the index
    holds (a labelled item's label included), with substring search in C and nothing
    folded again. Tokens are whole, so ``20`` is not in ``2089``."""

    text: str  # " 离岸 岸风 风电 ": the tokens with a space on each side
    count: int  # how many tokens

    @classmethod
    def of(cls, folded: str) -> TokenKey | None:
        tokens, prefix = phrase_tokens(folded)
        if not tokens:
            return None
        # A final lone character may begin a bigram (煤 of 煤炭): no space after it.
        return cls(" " + " ".join(tokens) + ("" if prefix else " "), len(tokens))

    def spans(self, padded: str) -> Iterator[tuple[int, int]]:
        """Token ranges [first, last + 1) of the occurrences in ``padded`` (an FTS token
        string with a space added on each side)."""
        i = padded.find(self.text)
        while i >= 0:
            first = padded.count(" ", 0, i)
            yield first, first + self.count
            i = padded.find(self.text, i + 1)


_DIGIT_EDGE = re.compile(r"^\d|\d$")


@dataclass(frozen=True, slots=True)
class Needle:
    """A squeezed query word to look for in squeezed text. A number is found only as a
    whole number: ``20`` is not in ``2089`` or ``1.20`` (FTS5 matches whole tokens, so
    the re-ranking must not be more generous than the index)."""

    key: str
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, key: str) -> Needle:
        if not _DIGIT_EDGE.search(key):
            return cls(key, None)
        head = r"(?<!\d)(?<!\d\.)" if key[0].isdigit() else ""
        tail = r"(?!\.?\d)" if key[-1].isdigit() else ""
        return cls(key, re.compile(head + re.escape(key) + tail))

    def found_in(self, text: str) -> bool:
        if self.pattern is None:
            return self.key in text
        return self.key in text and self.pattern.search(text) is not None

    def positions(self, text: str) -> Iterator[int]:
        """Start offsets of the non-overlapping occurrences in ``text``."""
        if self.pattern is not None:
            yield from (m.start() for m in self.pattern.finditer(text))
            return
        i = text.find(self.key) if self.key else -1
        while i >= 0:
            yield i
            i = text.find(self.key, i + len(self.key))


def compact(folded: str) -> tuple[str, list[int]]:
    """:func:`squeeze` of ``folded``, with each kept character's original offset, to map
    an occurrence found in the squeezed text back for highlighting."""
    keep = [
        i
        for i, c in enumerate(folded)
        if not c.isspace()
        and not (
            c == ","
            and 0 < i < len(folded) - 1
            and folded[i - 1].isdigit()
            and folded[i + 1].isdigit()
        )
    ]
    return "".join(folded[i] for i in keep), keep
