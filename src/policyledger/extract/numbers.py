"""Numerals as the reports print them, and their values.

One regular expression finds a *numeral chain*: Arabic digits (half- or full-width, with
thousands separators and decimals) or Chinese numerals, joined by magnitude words and
optional spaces or a single line break (``1 兆 7,955.51 億``, ``2 億 7,028 萬 400``,
``3 萬\\n3,543``, ``一百二十``). The pattern is backtracking-safe: every repetition is
possessive or atomic and a chain can only begin where no digit stands before it, so
scanning is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from policyledger.extract.lexicon import (
    CHINESE_DIGITS,
    CHINESE_SMALL_UNITS,
    FULLWIDTH_DIGITS,
    MAGNITUDES,
    SMALL_MAGNITUDES_AFTER_DIGITS,
)

_D = "0-9０-９"
_CN = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS)
_MAG = "".join(MAGNITUDES)
_SMALL = "".join(SMALL_MAGNITUDES_AFTER_DIGITS)
# Spaces, optionally a line break (a PDF wrap, which the 2018 text doubles) with spaces.
WS: Final = r"[ \t\u3000]*+(?:\r?\n[ \t\u3000]*+){0,2}+"
ARABIC: Final = rf"[{_D}]++(?:[,，][{_D}]{{3}}+)*+(?:[.．][{_D}]++)?+"
CHINESE: Final = rf"[{_CN}]++"
_ATOM = rf"(?:{ARABIC}[{_SMALL}]?+|{CHINESE})"
CHAIN_RE: Final = re.compile(
    # a comma blocks a start only after a digit (12,34 is junk; 公司,1家 is a figure)
    rf"(?<![{_D}.．{_CN}])(?<![{_D}],)(?>{_ATOM}(?>{WS}[{_MAG}](?>{WS}{_ATOM}(?![{_D}]))?+)*+)"
)
_ARABIC_FIRST: Final = frozenset("0123456789０１２３４５６７８９")
_ATOM_RE = re.compile(rf"{ARABIC}|{CHINESE}|[{_MAG}{_SMALL}]")


# No figure in a report has more digits than this (1,795,551,000,000 has 17 characters);
# longer runs are codes or junk, and refusing them keeps float() finite.
MAX_ATOM_CHARS: Final = 24


@dataclass(frozen=True, slots=True)
class Numeral:
    """A parsed numeral chain: its value and the place value of its last printed digit."""

    value: float
    # 10**k of the last written digit times the magnitude that applies to it, e.g.
    # "75.1 億" -> 0.1 * 1e8; "6,438" -> 1; used for ``Quantity.precision``.
    step: float
    trailing_magnitude: str  # "億" in "75.1 億", "" in "3 萬 3,543"
    chinese: bool


def _chinese_value(s: str) -> int:
    """一百二十 -> 120, 兩千 -> 2000, 十二 -> 12, 三五 -> 35 (digit by digit)."""
    total, digit = 0, -1
    saw_unit = False
    for ch in s:
        if ch in CHINESE_DIGITS:
            d = CHINESE_DIGITS[ch]
            # 三五 (no units at all) is read digit by digit.
            digit = d if digit < 0 or saw_unit else digit * 10 + d
        else:
            saw_unit = True
            unit = CHINESE_SMALL_UNITS[ch]
            total += (digit if digit >= 0 else 1) * unit
            digit = -1
    return total + (digit if digit >= 0 else 0)


def _arabic(s: str) -> tuple[float, float]:
    s = s.translate(FULLWIDTH_DIGITS).replace(",", "")
    if "." in s:
        frac = s.split(".", 1)[1]
        return float(s), 10.0 ** -len(frac)
    return float(int(s)), 1.0


def parse_chain(s: str) -> Numeral:
    """Value of a numeral chain matched by :data:`CHAIN_RE` (spaces and breaks allowed)."""
    total = 0.0
    group = 0.0  # the part below the magnitude currently being read
    step = 1.0
    last_mag = ""
    chinese = False
    pieces = _ATOM_RE.findall(s)
    prev_arabic = False
    for piece in pieces:
        if len(piece) > MAX_ATOM_CHARS:
            raise ValueError(f"numeral too long to be a figure: {piece[:20]}…")
        # 2百 is 200; a 百 with no digits before it is a Chinese numeral of its own.
        after_digits, prev_arabic = prev_arabic, piece[0] in _ARABIC_FIRST
        if piece in MAGNITUDES:
            m = MAGNITUDES[piece]
            total += group * m
            group = 0.0
            step *= m
            last_mag = piece
        elif piece in SMALL_MAGNITUDES_AFTER_DIGITS and after_digits:
            group *= SMALL_MAGNITUDES_AFTER_DIGITS[piece]
            step *= SMALL_MAGNITUDES_AFTER_DIGITS[piece]
            last_mag = piece
        elif piece[0] in CHINESE_DIGITS or piece[0] in CHINESE_SMALL_UNITS:
            group = float(_chinese_value(piece))
            step = 1.0
            last_mag = ""
            chinese = True
        else:
            group, step = _arabic(piece)
            last_mag = ""
    # A magnitude ends the chain only when written last; otherwise the digits after it
    # are units of the final group.
    total += group
    # 1 兆 7,955.51 億 is exact in decimal but not in binary: keep 15 significant digits.
    return Numeral(float(f"{total:.15g}"), float(f"{step:.15g}"), last_mag, chinese)


def parse_number(s: str) -> float:
    """The value of one numeral written in any of the reports' styles.

    >>> parse_number("1 兆 7,955.51 億")
    1795551000000.0
    >>> parse_number("３萬３,５４３")
    33543.0
    >>> parse_number("一百二十")
    120.0

    Raises :class:`ValueError` when ``s`` is not a single numeral.
    """
    stripped = s.strip()
    m = CHAIN_RE.fullmatch(stripped)
    if not stripped or m is None:
        raise ValueError(f"not a numeral: {s!r}")
    return parse_chain(stripped).value
