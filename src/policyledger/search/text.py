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


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    # NFKC expands a few characters (㎡ → m2, ½ → 1⁄2); keeping the original one keeps
    # offsets aligned, and such symbols are never what people search for.
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def fold(text: str) -> str:
    """Width-, case- and script-insensitive form of ``text``, of exactly the same length."""
    width_folded = "".join(_fold_char(c) for c in text)
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


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FA1F
        or 0xF900 <= o <= 0xFAFF
        or 0x3005 <= o <= 0x3007  # 々 〆 〇
    )


def _is_word_char(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or (not ch.isascii() and ch.isalnum() and not is_cjk(ch))


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of folded text that yields tokens: Chinese characters or a Latin word/number."""

    kind: str  # "cjk" or "word"
    text: str  # folded, whitespace inside a CJK run removed, thousands separators removed
    start: int  # offset of the first character in the original text
    end: int  # offset just after the last character


def runs(folded: str) -> Iterator[Run]:
    """Split folded text into CJK runs and words; everything else separates them."""
    i, n = 0, len(folded)
    while i < n:
        ch = folded[i]
        if is_cjk(ch):
            chars = [ch]
            start = i
            end = i + 1
            j = i + 1
            while j < n:
                c = folded[j]
                if is_cjk(c):
                    chars.append(c)
                    end = j + 1
                    j += 1
                elif c.isspace():
                    k = j
                    while k < n and folded[k].isspace():
                        k += 1
                    if k < n and is_cjk(folded[k]):
                        j = k
                    else:
                        break
                else:
                    break
            yield Run("cjk", "".join(chars), start, end)
            i = end
        elif _is_word_char(ch):
            start = i
            j = i + 1
            chars = [ch]
            while j < n:
                c = folded[j]
                if _is_word_char(c):
                    chars.append(c)
                    j += 1
                elif (
                    c in ",." and j + 1 < n and folded[j + 1].isdigit() and folded[j - 1].isdigit()
                ):
                    # 6,438 and 54.4 stay one number; the comma is dropped so that
                    # "6438" and "6,438" are the same token.
                    if c == ".":
                        chars.append(c)
                    j += 1
                else:
                    break
            yield Run("word", "".join(chars), start, j)
            i = j
        else:
            i += 1


def index_tokens(text: str) -> list[str]:
    """Tokens of already folded ``text`` for the FTS5 index, in order."""
    out: list[str] = []
    for run in runs(text):
        if run.kind == "word":
            out.append(run.text)
            continue
        s = run.text
        out.extend(s[k : k + 2] for k in range(len(s) - 1))
        out.append(s[-1])
    return out


def index_string(original: str) -> str:
    """The space-separated token string stored in the FTS5 table for ``original``."""
    return " ".join(index_tokens(fold(original)))


def fts_phrase(folded: str) -> str | None:
    """An FTS5 phrase matching ``folded`` as a contiguous stretch of text, or None.

    Only our own tokens (letters, digits, CJK characters, ``.``) ever reach the MATCH
    string, each inside double quotes: what the user typed is data, never FTS syntax.
    """
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
    if not tokens:
        return None
    body = " ".join(tokens)
    return f'"{body}"' + (" *" if prefix else "")


def compact(folded: str) -> tuple[str, list[int]]:
    """``folded`` without whitespace, with each kept character's original offset.

    Used to find a query's occurrences in a passage across line breaks and spaces
    (``106 年`` for ``106年``), and to map them back for highlighting.
    """
    chars: list[str] = []
    offsets: list[int] = []
    n = len(folded)
    for i, c in enumerate(folded):
        if c.isspace():
            continue
        if c == "," and 0 < i < n - 1 and folded[i - 1].isdigit() and folded[i + 1].isdigit():
            continue  # thousands separator: 6438 finds 6,438
        chars.append(c)
        offsets.append(i)
    return "".join(chars), offsets


def match_key(text: str) -> str:
    """The folded, compacted form used to look for a query unit inside a passage."""
    return compact(fold(text))[0]
