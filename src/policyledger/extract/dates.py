"""Calendar expressions: ROC and Western dates, spans and deadlines (facts.md).

A small hand-written parser over anchored regular expressions: a candidate start is
found by one linear search, then ``_piece`` reads year / month / day with their
modifiers (年度, 年底, 上半年, 月底…), and the caller looks for a range joiner, a second
piece and deadline words around it. Every regex is anchored at a position and bounded,
so the whole scan is linear.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Final

from policyledger.extract.lexicon import (
    AS_OF_WORDS,
    DEADLINE_PREFIXES,
    DEADLINE_SUFFIXES,
    MONTH_END_WORDS,
    RANGE_JOINERS,
    RELATIVE_YEAR_WORDS,
    ROC_OFFSET,
    ROC_YEAR_RANGE,
    UNTIL_WORD,
    WESTERN_YEAR_RANGE,
    YEAR_END_WORDS,
    YEAR_PARTS,
)
from policyledger.extract.numbers import WS
from policyledger.models import CalendarExpr

_D = "0-9０-９"
_DIG = rf"[{_D}]{{1,4}}+"
_REL = "".join(RELATIVE_YEAR_WORDS)
_JOIN = "|".join(re.escape(j) for j in sorted(RANGE_JOINERS, key=len, reverse=True))
_SP = r"[ \t\u3000]*+"

CANDIDATE_RE: Final = re.compile(
    rf"(?<![{_D}.,．])(?:[{_D}]{{1,4}}+{WS}(?:[年月]|(?:{_JOIN}){WS}[{_D}]{{1,4}}+{WS}年)"
    rf"|[{_REL}]{_SP}[（(]{_SP}[{_D}]{{2,4}}+{_SP}[)）]{_SP}年)"
)
_YEAR_RE = re.compile(
    rf"(?:(?P<rel>[{_REL}]){_SP}[（(]{_SP}(?P<ry>{_DIG}){_SP}[)）]|(?P<y>{_DIG}))({WS})年"
)
_MONTH_RE = re.compile(rf"(?P<m>{_DIG}){WS}月")
_DAY_RE = re.compile(rf"(?P<d>{_DIG}){WS}[日號]")
_BARE_RE = re.compile(rf"(?P<n>{_DIG})")
_JOIN_RE = re.compile(rf"{_SP}(?:起)?(?:{_JOIN}){WS}")
_PART_RE = re.compile(
    "|".join(re.escape(p) for p in sorted(YEAR_PARTS, key=len, reverse=True))
)
_FULL = str.maketrans("０１２３４５６７８９", "0123456789")


def _int(s: str) -> int:
    return int(s.translate(_FULL))


def year_from_number(n: int) -> int | None:
    """A written year number -> Western year, or None when it cannot be a year."""
    if ROC_YEAR_RANGE[0] <= n <= ROC_YEAR_RANGE[1]:
        return n + ROC_OFFSET
    if WESTERN_YEAR_RANGE[0] <= n <= WESTERN_YEAR_RANGE[1]:
        return n
    return None


@dataclass(frozen=True, slots=True)
class _Piece:
    """One point or period as written; missing parts are None."""

    start: int
    end: int
    year: int | None  # Western
    month: int | None
    day: int | None
    month_span: tuple[int, int] | None = None  # 上半年 -> (1, 6)
    end_of: bool = False  # 年底 / 月底: the last day only

    @property
    def granularity(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def bounds(self, year: int) -> tuple[str, str]:
        if self.month is None:
            m0, m1 = self.month_span or (1, 12)
            last = calendar.monthrange(year, m1)[1]
            first = f"{year:04d}-{m0:02d}-01"
            end = f"{year:04d}-{m1:02d}-{last:02d}"
            return (end, end) if self.end_of else (first, end)
        if self.day is None:
            last = calendar.monthrange(year, self.month)[1]
            end = f"{year:04d}-{self.month:02d}-{last:02d}"
            return (end, end) if self.end_of else (f"{year:04d}-{self.month:02d}-01", end)
        d = f"{year:04d}-{self.month:02d}-{self.day:02d}"
        return d, d


def _startswith_any(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    for w in words:
        if text.startswith(w, pos):
            return w
    return None


def _piece(text: str, pos: int, *, allow_day_only: bool) -> _Piece | None:
    """Read year? month? day? at ``pos`` (at least one part)."""
    year = month = day = None
    end = pos
    month_span: tuple[int, int] | None = None
    end_of = False
    m = _YEAR_RE.match(text, pos)
    if m:
        n = _int(m.group("ry") or m.group("y"))
        y = year_from_number(n)
        if y is None:
            return None
        year, end = y, m.end()
        if text.startswith("度", end):
            end += 1
        elif w := _startswith_any(text, end, YEAR_END_WORDS[:0] + ("底", "終")):
            end += len(w)
            end_of = True
        elif text.startswith("初", end):
            end += 1
            month_span = (1, 1)
        else:
            pm = _PART_RE.match(text, end)
            if pm is None and text.startswith(("上半", "下半"), end - 1):
                pm = None
            if pm:
                month_span = YEAR_PARTS[pm.group()]
                end = pm.end()
    if not end_of and month_span is None:
        after_year = end
        ws = re.compile(WS).match(text, end)
        probe = ws.end() if ws and year is not None else end
        mm = _MONTH_RE.match(text, probe)
        if mm and 1 <= _int(mm.group("m")) <= 12:
            month, end = _int(mm.group("m")), mm.end()
            if w := _startswith_any(text, end, ("底",)):
                end += len(w)
                end_of = True
            elif text.startswith("初", end):
                end += 1
            else:
                ws2 = re.compile(WS).match(text, end)
                probe2 = ws2.end() if ws2 else end
                dm = _DAY_RE.match(text, probe2)
                if dm and 1 <= _int(dm.group("d")) <= 31:
                    day, end = _int(dm.group("d")), dm.end()
        elif year is None:
            if not allow_day_only:
                return None
            dm = _DAY_RE.match(text, pos)
            if dm and 1 <= _int(dm.group("d")) <= 31:
                day, end = _int(dm.group("d")), dm.end()
            else:
                return None
        else:
            end = after_year
    return _Piece(pos, end, year, month, day, month_span, end_of)


_WS_RE = re.compile(WS)


def _skip_ws(text: str, pos: int) -> int:
    m = _WS_RE.match(text, pos)
    return m.end() if m else pos


def scan_dates(
    text: str, default_year: int | None, blocked: list[tuple[int, int]]
) -> list[CalendarExpr]:
    """Every calendar expression in ``text``; ``blocked`` spans (names in 「」) are skipped."""
    out: list[CalendarExpr] = []
    context_year = default_year
    pos = 0
    bi = 0
    n = len(text)
    while pos < n:
        m = CANDIDATE_RE.search(text, pos)
        if m is None:
            break
        s = m.start()
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= s < blocked[bi][1]:
            pos = blocked[bi][1]
            continue
        rec, new_year, nxt = _parse_at(text, s, context_year)
        if rec is not None:
            out.append(rec)
        if new_year is not None:
            context_year = new_year
        pos = max(nxt, s + 1)
    return out


def _parse_at(
    text: str, s: int, context_year: int | None
) -> tuple[CalendarExpr | None, int | None, int]:
    """Parse one expression starting at ``s``; returns (record, explicit year seen, next pos)."""
    # 98至100年期間: a bare year number joined to a year.
    bare = _BARE_RE.match(text, s)
    p1: _Piece | None = None
    if bare:
        after = bare.end()
        ws = _skip_ws(text, after)
        if not text.startswith(("年", "月"), ws):
            jm = _JOIN_RE.match(text, after)
            if jm is None:
                return None, None, bare.end()
            p2 = _piece(text, jm.end(), allow_day_only=False)
            y1 = year_from_number(_int(bare.group("n")))
            if p2 is None or p2.year is None or p2.month is not None or y1 is None:
                return None, None, bare.end()
            end = _tail(text, p2.end, ("期間", "間"))
            start_d = f"{y1:04d}-01-01"
            _, end_d = p2.bounds(p2.year)
            return (
                CalendarExpr(text[s:end], s, end, "range", start_d, end_d, "year"),
                p2.year,
                end,
            )
    p1 = _piece(text, s, allow_day_only=False)
    if p1 is None:
        skip = _YEAR_RE.match(text, s) or _MONTH_RE.match(text, s)
        return None, None, skip.end() if skip else s + 1
    explicit = p1.year
    year1 = p1.year if p1.year is not None else context_year
    # A range: joiner then a second piece that inherits what it leaves out.
    jm = _JOIN_RE.match(text, p1.end)
    if jm is not None:
        p2 = _piece(text, jm.end(), allow_day_only=p1.day is not None)
        if p2 is not None and _finer_or_equal(p1, p2):
            year2 = p2.year if p2.year is not None else year1
            month2 = p2.month if p2.month is not None else (p1.month if p2.day is not None else None)
            p2 = _Piece(p2.start, p2.end, year2, month2, p2.day, p2.month_span, p2.end_of)
            end = _tail(text, p2.end, ("止", "期間", "間"))
            if year1 is None or year2 is None:
                return None, p2.year or explicit, end
            a, _ = p1.bounds(year1)
            _, b = p2.bounds(year2)
            g = _finest(p1.granularity, p2.granularity)
            return CalendarExpr(text[s:end], s, end, "range", a, b, g), p2.year or explicit, end
    if year1 is None:
        return None, explicit, p1.end
    a, b = p1.bounds(year1)
    end = p1.end
    typ = "date"
    # Deadlines: …前 / 以前 / 底前, 期至 X, 至 X 止.
    suffix = _startswith_any(text, end, DEADLINE_SUFFIXES)
    before = text[max(0, s - 4) : s].rstrip(" \t\u3000")
    if suffix and not text.startswith(("前往", "前瞻", "前進", "前述", "前揭", "前項"), end):
        typ, a, end = "by", None, end + len(suffix)
    elif any(before.endswith(p) for p in DEADLINE_PREFIXES):
        typ, a = "by", None
    elif (
        before.endswith("至")
        and not any(before.endswith(w) for w in AS_OF_WORDS)
        and text.startswith(UNTIL_WORD, _skip_ws(text, end))
    ):
        typ, a = "by", None
        end = _skip_ws(text, end) + 1
    return CalendarExpr(text[s:end], s, end, typ, a, b, p1.granularity), explicit, end


def _tail(text: str, pos: int, words: tuple[str, ...]) -> int:
    w = _startswith_any(text, pos, words)
    return pos + len(w) if w else pos


def _finer_or_equal(p1: _Piece, p2: _Piece) -> bool:
    """Does p2 read as the other end of p1 (not an unrelated number)?"""
    if p2.year is not None:
        return True
    if p2.month is not None:
        return p1.month is not None or p1.year is not None and p1.month_span is None
    return p1.day is not None


_ORDER: Final = {"year": 0, "month": 1, "day": 2}


def _finest(a: str, b: str) -> str:
    return a if _ORDER[a] >= _ORDER[b] else b
