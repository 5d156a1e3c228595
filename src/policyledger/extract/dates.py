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
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from policyledger.extract.lexicon import (
    AS_OF_WORDS,
    COMPARISON_AFTER,
    COMPARISON_BEFORE,
    DAY_PAIR_JOINERS,
    DEADLINE_NOT_BEFORE,
    DEADLINE_PREFIXES,
    DEADLINE_SUFFIXES,
    DURATION_YEARS_BELOW,
    FISCAL_YEAR_SUFFIX,
    LIST_JOINERS,
    NOT_DEADLINE_QIAN,
    RANGE_JOINERS,
    RELATIVE_BRACKET_OFFSET,
    RELATIVE_YEAR_PREFIXES,
    RELATIVE_YEAR_WORDS,
    ROC_OFFSET,
    ROC_YEAR_RANGE,
    SCHOOL_YEAR_WORDS,
    SINCE_OPENERS,
    SINCE_UNTIL_GAP,
    SINCE_UNTIL_JOINERS,
    SINCE_WORD,
    SPAN_TAILS,
    UNTIL_WORD,
    WESTERN_YEAR_RANGE,
    YEAR_DURATION_AFTER,
    YEAR_DURATION_BEFORE,
    YEAR_END_SUFFIXES,
    YEAR_PARTS,
)
from policyledger.extract.numbers import WS
from policyledger.models import CalendarExpr

_D = "0-9０-９"
_DIG = rf"[{_D}]{{1,4}}+"
_REL = "".join(RELATIVE_YEAR_WORDS)
_JOIN = "|".join(re.escape(j) for j in sorted(RANGE_JOINERS, key=len, reverse=True))
_SP = r"[ \t\u3000]*+"
_SCHOOL = "|".join(re.escape(w) for w in SCHOOL_YEAR_WORDS)

CANDIDATE_RE: Final = re.compile(
    rf"(?<![{_D}.,．])(?:[{_D}]{{1,4}}+{WS}(?:[年月]|{_SCHOOL}|(?:{_JOIN}){WS}[{_D}]{{1,4}}+{WS}[年月])"
    rf"|[{_REL}]{_SP}[（(]{_SP}[{_D}]{{2,4}}+{_SP}[)）]{_SP}年)"
)
_YEAR_RE = re.compile(
    rf"(?:(?P<rel>[{_REL}]){_SP}[（(]{_SP}(?P<ry>{_DIG}){_SP}[)）]|(?P<y>{_DIG}))({WS})"
    rf"(?:年|(?P<school>{_SCHOOL}))"
)
_MONTH_RE = re.compile(rf"(?P<m>{_DIG}){WS}月")
_DAY_RE = re.compile(rf"(?P<d>{_DIG}){WS}[日號]")
_BARE_RE = re.compile(rf"(?P<n>{_DIG})")
_MONTHSPAN_RE = re.compile(rf"{WS}(?P<m1>{_DIG}){WS}月?+{_SP}(?:{_JOIN}){WS}(?P<m2>{_DIG}){WS}月")
_DAY_LIST_RE = re.compile(
    rf"{_SP}(?:{'|'.join(LIST_JOINERS)}){WS}(?P<d>{_DIG}){WS}[日號](?!{_SP}[至到~～])"
)
_DAYSPAN_RE = re.compile(
    rf"{WS}(?P<d1>{_DIG}){WS}[日號]?+{_SP}(?:{_JOIN}){WS}(?P<d2>{_DIG}){WS}[日號]"
)
_JOIN_RE = re.compile(rf"{_SP}(?:起)?(?:{_JOIN}){WS}")
# 自 97 年 8 月起實施至 101 年 12 月底止: a few words may stand between 起 and 至.
_SINCE_JOIN_RE = re.compile(
    rf"{_SP}{SINCE_WORD}[\u4e00-\u9fff]{{1,{SINCE_UNTIL_GAP}}}?(?:{'|'.join(SINCE_UNTIL_JOINERS)}){WS}"
)
# 95 年 7 月 27、28 日: two days of one month.
_DAYPAIR_RE = re.compile(
    rf"{WS}(?P<d1>{_DIG}){_SP}(?:{'|'.join(DAY_PAIR_JOINERS)}){WS}(?P<d2>{_DIG}){WS}[日號]"
)
_PART_RE = re.compile("|".join(re.escape(p) for p in sorted(YEAR_PARTS, key=len, reverse=True)))
_WS_RE: Final = re.compile(WS)
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
    rel: str | None = None  # 本 in 本(98)年

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
    rel: str | None = None
    end = pos
    month_span: tuple[int, int] | None = None
    end_of = False
    m = _YEAR_RE.match(text, pos)
    if m:
        n = _int(m.group("ry") or m.group("y"))
        y = year_from_number(n)
        if y is None:
            return None
        # 35 年來, 5 年內: a number of years, not a calendar year.
        # (95 年以來 is "since 2006": only small numbers are read as spans of years.)
        if (
            m.group("rel") is None
            and (
                (text.startswith(YEAR_DURATION_AFTER, m.end()) and n < DURATION_YEARS_BELOW)
                # 超過95年度20校: 年度 is always a calendar year.
                or (
                    text[max(0, pos - 2) : pos].endswith(YEAR_DURATION_BEFORE)
                    and not text.startswith(FISCAL_YEAR_SUFFIX, m.end())
                )
            )
        ):
            return None
        year, end, rel = y, m.end(), m.group("rel")
        if text.startswith("度", end):
            end += 1
        elif w := _startswith_any(text, end, YEAR_END_SUFFIXES):
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
        ws = _WS_RE.match(text, end)
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
                ws2 = _WS_RE.match(text, end)
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
    return _Piece(pos, end, year, month, day, month_span, end_of, rel)


def _skip_ws(text: str, pos: int) -> int:
    m = _WS_RE.match(text, pos)
    return m.end() if m else pos


def scan_dates(
    text: str, default_year: int | None, blocked: list[tuple[int, int]]
) -> list[CalendarExpr]:
    """Every calendar expression in ``text``; ``blocked`` spans (names in 「」) are skipped."""
    out: list[CalendarExpr] = []
    ctx = _Context(None, default_year if default_year is not None else _implied_ref(text))
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
        rec, nxt = _parse_at(text, s, ctx)
        if rec is not None:
            out.append(rec)
            # 12月8日及21日: a listed day shares the month and year before it.
            while rec.type == "date" and rec.granularity == "day" and rec.end_date:
                lm = _DAY_LIST_RE.match(text, rec.end)
                if lm is None or not 1 <= _int(lm.group("d")) <= 31:
                    break
                d = f"{rec.end_date[:8]}{_int(lm.group('d')):02d}"
                try:
                    date.fromisoformat(d)
                except ValueError:
                    break
                ds = lm.start("d")
                rec = CalendarExpr(text[ds : lm.end()], ds, lm.end(), "date", d, d, "day")
                out.append(rec)
                nxt = rec.end
        pos = max(nxt, s + 1)
    return out


@dataclass(slots=True)
class _Context:
    """What the text so far says about years (mutable scanning state, never returned)."""

    year: int | None  # the last explicit year the narrative is about
    ref: int | None  # "this year" (本年/今年), from 本(98)年 or default_year

    def saw(self, text: str, piece: _Piece) -> None:
        if piece.year is None:
            return
        if piece.rel is not None:
            self.ref = piece.year + RELATIVE_BRACKET_OFFSET.get(piece.rel, 0)
            if RELATIVE_BRACKET_OFFSET.get(piece.rel, 0) != 0:
                return
        before = text[max(0, piece.start - 3) : piece.start]
        if any(w in before for w in COMPARISON_BEFORE) or text.startswith(
            COMPARISON_AFTER, _skip_ws(text, piece.end)
        ):
            return
        self.year = piece.year

    def year_for(self, text: str, start: int) -> int | None:
        """The year of a piece written without one, starting at ``start``."""
        j = start
        while j > 0 and text[j - 1] in " \t\u3000":
            j -= 1
        for word, k in RELATIVE_YEAR_PREFIXES.items():
            if text.endswith(word, 0, j):
                return None if self.ref is None else self.ref + k
        return self.year if self.year is not None else self.ref


_BRACKET_REF_RE: Final = re.compile(
    rf"(?P<rel>[{_REL}]){_SP}[（(]{_SP}(?P<y>[{_D}]{{2,4}}+){_SP}[)）]{_SP}年"
    rf"|較{_SP}(?P<cy>[{_D}]{{2,4}}+){_SP}年{_SP}同期"
)


def _implied_ref(text: str) -> int | None:
    """ "This year" as the text itself implies it: 本(98)年 says 98, 去(100)年 says 101,
    and 較 97 年同期 (this period against the same period a year before) says 98."""
    m = _BRACKET_REF_RE.search(text)
    if m is None:
        return None
    if m.group("cy") is not None:
        y = year_from_number(_int(m.group("cy")))
        return None if y is None else y + 1
    y = year_from_number(_int(m.group("y")))
    return None if y is None else y + RELATIVE_BRACKET_OFFSET.get(m.group("rel"), 0)


def _parse_at(text: str, s: int, ctx: _Context) -> tuple[CalendarExpr | None, int]:
    """Parse one expression starting at ``s``; returns (record or None, next pos)."""
    # 98至100年期間: a bare year number joined to a year.
    bare = _BARE_RE.match(text, s)
    p1: _Piece | None = None
    if bare:
        after = bare.end()
        ws = _skip_ws(text, after)
        if not text.startswith(("年", "月", *SCHOOL_YEAR_WORDS), ws):
            jm = _JOIN_RE.match(text, after)
            if jm is None:
                return None, bare.end()
            p2 = _piece(text, jm.end(), allow_day_only=False)
            if p2 is not None and p2.year is None and p2.month is not None and p2.day is None:
                # 1~4 月: a span of months in the year the text is about.
                m1 = _int(bare.group("n"))
                y = ctx.year_for(text, s)
                if y is None or not 1 <= m1 < p2.month:
                    return None, p2.end
                end = p2.end
                a = f"{y:04d}-{m1:02d}-01"
                _, b = p2.bounds(y)
                return CalendarExpr(text[s:end], s, end, "range", a, b, "month"), end
            y1 = year_from_number(_int(bare.group("n")))
            if p2 is None or p2.year is None or p2.month is not None or y1 is None:
                return None, bare.end()
            ctx.saw(text, p2)
            end = _tail(text, p2.end, ("期間", "間"))
            start_d = f"{y1:04d}-01-01"
            _, end_d = p2.bounds(p2.year)
            return CalendarExpr(text[s:end], s, end, "range", start_d, end_d, "year"), end
    p1 = _piece(text, s, allow_day_only=False)
    if p1 is None:
        skip = _YEAR_RE.match(text, s) or _MONTH_RE.match(text, s)
        return None, skip.end() if skip else s + 1
    ctx.saw(text, p1)
    year1 = p1.year if p1.year is not None else ctx.year_for(text, s)
    # 106 年 1~4 月: a year followed by a span of months.
    if p1.year is not None and p1.month is None and p1.month_span is None and not p1.end_of:
        mm = _MONTHSPAN_RE.match(text, p1.end)
        if mm and 1 <= _int(mm.group("m1")) < _int(mm.group("m2")) <= 12:
            m1, m2 = _int(mm.group("m1")), _int(mm.group("m2"))
            last = calendar.monthrange(p1.year, m2)[1]
            a, b = f"{p1.year:04d}-{m1:02d}-01", f"{p1.year:04d}-{m2:02d}-{last:02d}"
            end = _tail(text, mm.end(), SPAN_TAILS)
            return CalendarExpr(text[s:end], s, end, "range", a, b, "month"), end
    # 8月10至28日: a month followed by a span of days.
    if p1.month is not None and p1.day is None and not p1.end_of:
        dm = _DAYSPAN_RE.match(text, p1.end)
        if dm and 1 <= _int(dm.group("d1")) <= _int(dm.group("d2")) <= 31 and year1 is not None:
            a = f"{year1:04d}-{p1.month:02d}-{_int(dm.group('d1')):02d}"
            b = f"{year1:04d}-{p1.month:02d}-{_int(dm.group('d2')):02d}"
            end = _tail(text, dm.end(), SPAN_TAILS)
            return CalendarExpr(text[s:end], s, end, "range", a, b, "day"), end
        pm = _DAYPAIR_RE.match(text, p1.end)
        if pm and year1 is not None:
            d1, d2 = _int(pm.group("d1")), _int(pm.group("d2"))
            last = calendar.monthrange(year1, p1.month)[1]
            # Two consecutive days are one span (a two-day meeting).
            if 1 <= d1 < d2 <= last and d2 == d1 + 1:
                a = f"{year1:04d}-{p1.month:02d}-{d1:02d}"
                b = f"{year1:04d}-{p1.month:02d}-{d2:02d}"
                end = pm.end()
                return CalendarExpr(text[s:end], s, end, "range", a, b, "day"), end
    # A range: joiner then a second piece that inherits what it leaves out.
    jm = _JOIN_RE.match(text, p1.end)
    if jm is None and text[max(0, s - 2) : s].strip(" \t\u3000").endswith(SINCE_OPENERS):
        jm = _SINCE_JOIN_RE.match(text, p1.end)
    if jm is not None:
        # 97年1月至本年6月底: the far end may be dated by a relative year word.
        p2_start = jm.end()
        rel_word = next((w for w in RELATIVE_YEAR_PREFIXES if text.startswith(w, p2_start)), None)
        if rel_word is not None:
            p2_start = _skip_ws(text, p2_start + len(rel_word))
        p2 = _piece(text, p2_start, allow_day_only=p1.day is not None and rel_word is None)
        if p2 is not None and rel_word is not None and p2.year is None:
            if ctx.ref is None:
                # The far end cannot be dated: say nothing rather than half the span.
                return None, p2.end
            p2 = replace(p2, year=ctx.ref + RELATIVE_YEAR_PREFIXES[rel_word])
        if p2 is not None and _finer_or_equal(p1, p2):
            year2 = p2.year if p2.year is not None else year1
            month2 = (
                p2.month if p2.month is not None else (p1.month if p2.day is not None else None)
            )
            p2 = _Piece(p2.start, p2.end, year2, month2, p2.day, p2.month_span, p2.end_of)
            end = _tail(text, p2.end, SPAN_TAILS)
            ctx.saw(text, p2)
            if year1 is None or year2 is None:
                return None, end
            a, _ = p1.bounds(year1)
            _, b = p2.bounds(year2)
            g = _finest(p1.granularity, p2.granularity)
            return CalendarExpr(text[s:end], s, end, "range", a, b, g), end
    if year1 is None:
        return None, p1.end
    first, b = p1.bounds(year1)
    lo: str | None = first
    end = p1.end
    typ = "date"
    # Deadlines: …前 / 以前 / 底前, 期至 X, 至 X 止.
    suffix = _startswith_any(text, end, DEADLINE_SUFFIXES)
    before = "".join(text[max(0, s - 10) : s].split())
    after_suffix = text[end + len(suffix) : end + len(suffix) + 1] if suffix else ""
    if (
        suffix
        and not text.startswith(NOT_DEADLINE_QIAN, end)
        and not (after_suffix and after_suffix in DEADLINE_NOT_BEFORE)
    ):
        typ, lo, end = "by", None, end + len(suffix)
    elif before.endswith(DEADLINE_PREFIXES):
        typ, lo = "by", None
        if text.startswith(UNTIL_WORD, _skip_ws(text, end)):
            end = _skip_ws(text, end) + 1
    elif (
        before.endswith("至")
        and not before.endswith(AS_OF_WORDS)
        and text.startswith(UNTIL_WORD, _skip_ws(text, end))
    ):
        typ, lo = "by", None
        end = _skip_ws(text, end) + 1
    return CalendarExpr(text[s:end], s, end, typ, lo, b, p1.granularity), end


def _tail(text: str, pos: int, words: tuple[str, ...]) -> int:
    w = _startswith_any(text, pos, words)
    return pos + len(w) if w else pos


def _finer_or_equal(p1: _Piece, p2: _Piece) -> bool:
    """Does p2 read as the other end of p1 (not an unrelated number)?"""
    if p2.year is not None:
        return True
    if p2.month is not None:
        return p1.month is not None or (p1.year is not None and p1.month_span is None)
    return p1.day is not None


_ORDER: Final = {"year": 0, "month": 1, "day": 2}


def _finest(a: str, b: str) -> str:
    return a if _ORDER[a] >= _ORDER[b] else b
