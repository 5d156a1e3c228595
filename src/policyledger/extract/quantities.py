"""Quantities: a numeral chain, the unit after it, and what the context says about it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from policyledger.extract.context import Layout, modality, prefix_qualifier, role_and_sign
from policyledger.extract.dates import year_from_number
from policyledger.extract.lexicon import (
    BIG_COUNT_MAX,
    BIG_COUNT_NOUN_CHARS,
    BIG_COUNT_NOUN_HEADS,
    BIG_COUNT_WORD,
    CHANGE_CONTINUERS,
    CHINESE_NUMERAL_BAD_BEFORE,
    CHINESE_YEAR_NAME_NEXT,
    CURRENCY_PREFIXES,
    DAY_DURATION_AFTER,
    DAY_DURATION_BEFORE,
    DIGITS_ONLY_MEASURE_WORDS,
    DURATION_YEARS_BELOW,
    FRACTION_WORDS,
    LIST_JOINERS,
    LONE_CHINESE_NUMERALS_REJECTED,
    LONE_YI_BAD_BEFORE,
    LONE_YI_NOT_UNITS,
    LONE_YI_UNITS,
    MAGNITUDES,
    MEASURE_WORD_BAD_AFTER,
    MEASURE_WORD_NEEDS_BEFORE,
    MEASURE_WORDS,
    MEDAL_NEXT,
    MEDAL_WORDS,
    NEW_ITEM_VERBS,
    ORDINAL_LIST_JOINERS,
    ORDINAL_LIST_REACH,
    PERCENT_WORD,
    QIAN_SPAN_NOT_UNITS,
    QIAN_SPAN_UNITS,
    QUALIFIER_INFIXES,
    QUALIFIER_SUFFIXES,
    RANGE_JOINERS,
    RANK_QIAN_NOT_AFTER,
    RATE_PREFIXES,
    RATE_UNIT_CODES,
    SMALL_MAGNITUDES_AFTER_DIGITS,
    TABLE_CELL_SEPARATOR,
    TABLE_CHANGE_FIGURE_CELLS,
    TABLE_ROW_REACH,
    UNIT_NOT_BEFORE,
    UNIT_NOT_BEFORE_EXCEPT,
    UNITS,
    YEAR_DURATION_BEFORE,
    YEAR_DURATION_UNIT_AFTER,
)
from policyledger.extract.numbers import CHAIN_RE, WS, Numeral, parse_chain
from policyledger.models import Quantity

# Every written unit, longest first, with (code, factor); measure words map to count.
_ALL_UNITS: Final[dict[str, tuple[str, float]]] = {
    **{w: ("count", 1.0) for w in MEASURE_WORDS + MEDAL_WORDS},
    **UNITS,
}
_UNIT_RE: Final = re.compile(
    "|".join(re.escape(u) for u in sorted(_ALL_UNITS, key=len, reverse=True))
)
_WS_RE: Final = re.compile(WS)
_ONE_CHAR_MEASURE_WORDS: Final = frozenset(w for w in MEASURE_WORDS if len(w) == 1)
# Only 每-words are rates before a figure (每日 100 萬噸); a bare 日 or 年 there is a date's.
_RATE_PREFIXES: Final = tuple(
    sorted(
        ((w, r) for w, r in RATE_PREFIXES.items() if w.startswith("每")), key=lambda kv: -len(kv[0])
    )
)
_SPACE: Final = " \t\u3000"
_SPACE_OR_BREAK: Final = " \t\u3000\r\n"
_CJK_RE: Final = re.compile(r"[\u4e00-\u9fff]")
_JOINERS: Final = tuple(sorted(RANGE_JOINERS, key=len, reverse=True))
# Codes whose whole-number figures are exact when written in full (6,438 人, 60 天).
_EXACT_CODES: Final = frozenset(
    {"count", "day", "month", "year", "hour", "TWD", "USD", "EUR", "JPY", "CNY"}
)
# Units that are only durations in a few contexts (30 日內); elsewhere 日 is a date part.


_SUFFIX_WORDS: Final = tuple(QUALIFIER_SUFFIXES)
_PREFIX_WORDS: Final = tuple(CURRENCY_PREFIXES) + tuple(w for w, _ in _RATE_PREFIXES)


@dataclass(frozen=True, slots=True)
class _Unit:
    end: int  # end of the unit text
    raw: str
    code: str
    factor: float
    infix_qualifier: str | None
    # 1,615 餘萬輛, 7 千多萬元: a magnitude after the infix rescales the whole numeral.
    numeral: Numeral | None = None


def _skip_ws(text: str, pos: int) -> int:
    m = _WS_RE.match(text, pos)
    return m.end() if m else pos


# Every character a unit, a range joiner or an infix qualifier can start with: a figure
# followed by anything else is skipped before any parsing (most digits in junk, codes,
# list markers), which keeps dense numeric text cheap.
_UNIT_START_CHARS: Final = frozenset(
    [w[0] for w in _ALL_UNITS]
    + [j[0] for j in RANGE_JOINERS]
    + [w[0] for w in QUALIFIER_INFIXES]
    + [BIG_COUNT_WORD]
)


_UNIT_ONLY_START_CHARS: Final = frozenset(
    [w[0] for w in _ALL_UNITS] + [w[0] for w in QUALIFIER_INFIXES] + [BIG_COUNT_WORD]
)


def _may_have_unit(text: str, pos: int, starts: frozenset[str] = _UNIT_START_CHARS) -> bool:
    p = _skip_ws(text, pos)
    return p < len(text) and text[p] in starts


def _preceded_by(text: str, pos: int, words: tuple[str, ...]) -> bool:
    j = pos
    while j > 0 and text[j - 1] in _SPACE:
        j -= 1
    return text.endswith(words, 0, j)


_LONGEST_CUE: Final = 4


def _preceded_across_breaks(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Like :func:`_preceded_by`, but a PDF line break may split the word (發⏎⏎行 23 期)."""
    chars: list[str] = []
    j = pos
    floor = max(0, pos - 4 * _LONGEST_CUE)
    while j > floor and len(chars) < _LONGEST_CUE:
        j -= 1
        if text[j] not in _SPACE_OR_BREAK:
            chars.append(text[j])
    return "".join(reversed(chars)).endswith(words)


def _read_unit(text: str, pos: int, num: Numeral, start: int) -> _Unit | None:
    """The unit written at ``pos`` (after an optional 餘/多 and spaces) for the figure
    starting at ``start``."""
    q: str | None = None
    p = _skip_ws(text, pos)
    infix = next((w for w in QUALIFIER_INFIXES if text.startswith(w, p)), None)
    if infix is not None:
        q = QUALIFIER_INFIXES[infix]
        p = _skip_ws(text, p + len(infix))
        mag = text[p : p + 1]
        if mag and mag in MAGNITUDES and not num.chinese:
            try:
                scaled = parse_chain(text[start:pos].rstrip() + mag)
            except (ValueError, KeyError):
                return None
            inner = _read_unit(text, p + 1, scaled, start)
            if inner is None or inner.infix_qualifier is not None:
                return None
            return replace(inner, infix_qualifier=q, numeral=scaled)
    if text.startswith(BIG_COUNT_WORD, p):
        one = text[p + 1 : p + 2]
        # 3 大類: 大 and a one-character measure word.
        if (
            one in _ONE_CHAR_MEASURE_WORDS
            and num.value <= BIG_COUNT_MAX
            and not _CJK_RE.match(text[p + 2 : p + 3])
        ):
            return _Unit(p + 2, BIG_COUNT_WORD + one, "count", 1.0, q)
        noun = text[p + 1 : p + 1 + BIG_COUNT_NOUN_CHARS]
        if (
            len(noun) == BIG_COUNT_NOUN_CHARS
            and all(_CJK_RE.match(c) for c in noun)
            and num.value <= BIG_COUNT_MAX
        ):
            nend = p + 1 + BIG_COUNT_NOUN_CHARS
            if nend < len(text) and text[nend] in BIG_COUNT_NOUN_HEADS:
                noun, nend = noun + text[nend], nend + 1
            return _Unit(nend, BIG_COUNT_WORD + noun, "count", 1.0, q)
        return None
    m = _UNIT_RE.match(text, p)
    if m is not None:
        raw, uend = m.group(), m.end()
    else:
        broken = _unit_over_break(text, p)
        if broken is None:
            return None
        raw, uend = broken
    nxt = text[uend : uend + 1]
    bad = MEASURE_WORD_BAD_AFTER.get(raw)
    if bad and nxt and nxt in bad:
        return None
    # 34金10銀18銅: medals count only in a tally of medals, written tight in digits
    # (水五金 is hardware).
    if raw in MEDAL_WORDS and (
        num.chinese
        or p != pos
        or not ((nxt and nxt in MEDAL_NEXT) or text[start - 1 : start] in MEDAL_WORDS)
    ):
        return None
    if nxt and nxt in UNIT_NOT_BEFORE and not text.startswith(UNIT_NOT_BEFORE_EXCEPT, uend):
        return None
    # 計辦理 8 期 counts sessions; 14 期國家建設計畫 names one.
    if num.chinese and raw in DIGITS_ONLY_MEASURE_WORDS:
        return None
    needs = MEASURE_WORD_NEEDS_BEFORE.get(raw)
    if needs and not _preceded_across_breaks(text, start, needs):
        return None
    # 九年一貫, 十二年國民基本教育 name a school system.
    if raw == "年" and num.chinese and text.startswith(CHINESE_YEAR_NAME_NEXT, uend):
        return None
    code, factor = _ALL_UNITS[raw]
    # 30 日內, 預告 60 日, 為期 3 日: a count of days; a lone 15 日 is a day of a month.
    if (
        raw == "日"
        and not text.startswith(DAY_DURATION_AFTER, uend)
        and num.value <= 31
        and not _preceded_by(text, start, DAY_DURATION_BEFORE)
    ):
        return None
    # A number that could be a calendar year is a span of years only in a span's words
    # (35 年來, 100 年內); 20 年 or 3 年 cannot be a year here and is a span anyway.
    if (
        raw == "年"
        and num.value == int(num.value)
        and year_from_number(int(num.value)) is not None
        and not text.startswith(YEAR_DURATION_UNIT_AFTER, uend)
        and not (
            num.value < DURATION_YEARS_BELOW and _preceded_by(text, start, YEAR_DURATION_BEFORE)
        )
    ):
        return None
    # 27萬5千人: a 千 after a larger magnitude is part of the number, not of the unit.
    mag = num.trailing_magnitude
    if mag in SMALL_MAGNITUDES_AFTER_DIGITS and any(c in MAGNITUDES for c in text[start:pos]):
        mag = ""
    return _Unit(uend, mag + raw, code, factor, q)


# Marks of a measured figure, never of a model code.
_NOT_CODE_CHARS: Final = frozenset(".,．，") | frozenset(MAGNITUDES)
_LONGEST_UNIT: Final = max(len(u) for u in _ALL_UNITS)


def _unit_over_break(text: str, pos: int) -> tuple[str, int] | None:
    """億美⏎⏎元, 萬公⏎ 噸: a unit word split by a PDF line break, as (unit, end)."""
    chars: list[str] = []
    ends: list[int] = []
    i, n = pos, len(text)
    broke = False
    while i < n and len(chars) < _LONGEST_UNIT:
        c = text[i]
        if c in "\r\n":
            if not chars:
                return None
            broke = True
            i += 1
            while i < n and text[i] in _SPACE_OR_BREAK:
                i += 1
            continue
        if c in _SPACE or c.isdigit():
            break
        chars.append(c)
        ends.append(i + 1)
        i += 1
    if not broke:
        return None
    m = _UNIT_RE.match("".join(chars))
    if m is None or m.end() <= text.find("\n", pos) - pos:
        return None
    return m.group(), ends[m.end() - 1]


def _blocked_before(text: str, start: int, written: str) -> bool:
    """第 16 屆, 前 5 名, CNS 15663, H0018, 3GPP: not quantities.

    A figure a code never has (a decimal, thousands or a magnitude: MDMA3.206公斤,
    GDP 2萬1,412美元) is a quantity after a Latin word too."""
    j = start - 1
    while j >= 0 and text[j] in _SPACE:
        j -= 1
    if j < 0:
        return False
    c = text[j]
    if c == "第":
        return True
    # 第7、25點: the later members of an ordinal list are ordinals too.
    if c in ORDINAL_LIST_JOINERS:
        k = j - 1
        while (
            k >= 0
            and j - k <= ORDINAL_LIST_REACH
            and (text[k].isdigit() or text[k] in _SPACE or text[k] in ORDINAL_LIST_JOINERS)
        ):
            k -= 1
        if k < j - 1 and k >= 0 and text[k] == "第":
            return True
    # 前 5 名 is a rank, but 提前 5 年 / 之前 3 天 are spans of time.
    if c == "前":
        # 提⏎⏎前 5 年: the word may be split by a line break.
        k = j - 1
        while k >= 0 and text[k] in _SPACE_OR_BREAK:
            k -= 1
        if k >= 0 and text[k] in RANK_QIAN_NOT_AFTER:
            return False
        after = _skip_ws(text, start + len(written))
        return not (
            text.startswith(QIAN_SPAN_UNITS, after)
            and not text.startswith(QIAN_SPAN_NOT_UNITS, after)
        )
    if c.isascii() and c.isalpha() and any(ch in written for ch in _NOT_CODE_CHARS):
        return False
    # 20校/110學程: a slash after a word separates two figures; 94/7/1 is a date.
    if c == "/" and j > 0 and not (text[j - 1].isascii() and text[j - 1].isalnum()):
        return False
    if c.isascii() and (c.isalpha() or c in "-_/.#"):
        # (-15.21%), | -8.5%, 減少-8.5%: a minus sign, not a code's hyphen (EMT-1, 46-1).
        return not (c == "-" and (j == 0 or not (text[j - 1].isascii() and text[j - 1].isalnum())))
    return False


def _table_cell_ends(text: str, start: int, end: int) -> bool:
    """| 73.56 | -3.15⏎成衣業: a figure in a table row ends its cell at the line's end, so
    the next row's first word is not its unit."""
    after = _skip_ws(text, end)
    if "\n" not in text[end:after]:
        return False
    floor = max(0, start - TABLE_ROW_REACH)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    return TABLE_CELL_SEPARATOR in text[line_start:start]


_FIGURE_CELL_RE: Final = re.compile(r"\s*[-+]?[0-9,.]+\s*")


def _table_change_cell(text: str, start: int) -> bool:
    """關稅 | 39,220 | 42,858 | 8.1%: a percentage cell after two figure cells is the
    change between them."""
    floor = max(0, start - TABLE_ROW_REACH)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    cells = text[line_start:start].split(TABLE_CELL_SEPARATOR)
    if len(cells) < TABLE_CHANGE_FIGURE_CELLS + 2 or cells[-1].strip(_SPACE + "+-＋－"):
        return False
    figures = cells[-1 - TABLE_CHANGE_FIGURE_CELLS : -1]
    return all(_FIGURE_CELL_RE.fullmatch(c) for c in figures)


def _prefix(text: str, start: int) -> tuple[int, str | None, str | None]:
    """(new start, currency code, rate) from 美金 / 新臺幣 / 每日 written just before."""
    j = start
    while j > 0 and text[j - 1] in _SPACE_OR_BREAK:
        j -= 1
    if not text.endswith(_PREFIX_WORDS, 0, j):
        return start, None, None
    for word, code in CURRENCY_PREFIXES.items():
        if text.endswith(word, 0, j):
            return j - len(word), code, None
    for word, rate in _RATE_PREFIXES:
        if text.endswith(word, 0, j):
            return j - len(word), None, rate
    return start, None, None


def _tidy(x: float) -> float:
    """75.1 × 10⁸ is 7510000000, not 7509999999.999999: drop binary noise past 15 digits."""
    return float(f"{x:.15g}")


def _precision(num: Numeral, unit: _Unit, qualifier: str) -> float:
    """Half-width of the interval the printed digits allow, in the canonical unit."""
    step = num.step
    if qualifier != "exact" and step >= 1.0 and num.value:
        # 約 3,000 人: a round figure given as approximate is good to its last
        # non-zero digit (±500), not to the unit.
        units = round(num.value / step)
        while units and units % 10 == 0:
            units //= 10
            step *= 10
    elif unit.code in _EXACT_CODES and step == 1.0:
        return 0.0
    return _tidy(0.5 * step * unit.factor)


def scan_quantities(text: str, blocked: list[tuple[int, int]]) -> list[Quantity]:
    """Every quantity in ``text`` outside the ``blocked`` spans (dates and names)."""
    out: list[Quantity] = []
    layout = Layout.of(text)
    bi = 0
    pos = 0
    n = len(text)
    while pos < n:
        m = CHAIN_RE.search(text, pos)
        if m is None:
            break
        s, e = m.start(), m.end()
        pos = e
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] < e:
            # A chain running into a date (3 萬 106 年) is cut; otherwise skip it.
            if blocked[bi][0] <= s:
                pos = max(e, blocked[bi][1])
                continue
            e = blocked[bi][0]
            raw = text[s:e].rstrip()
            e = s + len(raw)
        written = m.group() if e == m.end() else text[s:e]
        if text[max(0, s - 8) : s].rstrip(_SPACE).endswith(PERCENT_WORD):
            pq = _percent_in_words(text, s, written.rstrip(), layout)
            if pq is not None:
                out.append(pq)
            continue
        if not _may_have_unit(text, s + len(written.rstrip())):
            continue
        q = _quantity(text, s, e, written, layout)
        if q is not None and out:
            q = _inherit_role(text, out[-1], q)
        if q is not None:
            out.append(q)
            pos = max(pos, q.end)
    return out


# 增加常態供水每日 100 萬噸及備援供水每日 200 萬噸, 減少 89.9 億度電及 61 萬公秉:
# one verb governs both figures.
_INHERIT_REACH: Final = 12


def _inherit_role(text: str, prev: Quantity, q: Quantity) -> Quantity:
    if prev.role != "change" or q.role == "change":
        return q
    between = text[prev.end : q.start]
    if len(between) > _INHERIT_REACH or any(c in between for c in "，,。；;：:"):
        return q
    if not any(j in between for j in LIST_JOINERS + CHANGE_CONTINUERS):
        return q
    if any(v in between for v in NEW_ITEM_VERBS):
        return q
    sign = -1.0 if prev.value < 0 else 1.0
    vmax = None if q.value_max is None else sign * abs(q.value_max)
    return replace(q, role="change", value=sign * abs(q.value), value_max=vmax)


def _range_end(text: str, pos: int) -> tuple[Numeral, _Unit] | None:
    """The upper end of a range written at ``pos`` (~12 場, 至 400 瓩), if any."""
    jpos = _skip_ws(text, pos)
    if not text.startswith(_JOINERS, jpos):
        return None
    jw = next(j for j in _JOINERS if text.startswith(j, jpos))
    m2 = CHAIN_RE.match(text, _skip_ws(text, jpos + len(jw)))
    if m2 is None:
        return None
    written = m2.group().rstrip()
    if not _may_have_unit(text, m2.start() + len(written), _UNIT_ONLY_START_CHARS):
        return None
    try:
        num2 = parse_chain(written)
    except (ValueError, KeyError):
        return None
    u2 = _read_unit(text, m2.start() + len(written), num2, m2.start())
    return None if u2 is None else (num2, u2)


def _suffix_qualifier(text: str, end: int) -> str | None:
    """以上 / 以下 / 左右 … right after the figure (spaces allowed)."""
    p = end
    while p < len(text) and p - end < 2 and text[p] in _SPACE:
        p += 1
    if not text.startswith(_SUFFIX_WORDS, p):
        return None
    return next(q for w, q in QUALIFIER_SUFFIXES.items() if text.startswith(w, p))


def _percent_in_words(text: str, s: int, written: str, layout: Layout) -> Quantity | None:
    """百分之二 = 2 %, 百分之 15 = 15 %."""
    try:
        num = parse_chain(written)
    except (ValueError, KeyError):
        return None
    lead = text[max(0, s - 8) : s]
    start = s - (len(lead) - len(lead.rstrip(_SPACE))) - len(PERCENT_WORD)
    end = s + len(written)
    role, sign = role_and_sign(text, start, is_count=False)
    qualifier = prefix_qualifier(text, start) or "exact"
    qualifier = _suffix_qualifier(text, end) or qualifier
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        value=sign * num.value,
        unit="%",
        raw_unit=PERCENT_WORD,
        qualifier=qualifier,
        role=role,
        modality=modality(text, start, end, structural=False, layout=layout),
        precision=0.5 * num.step,
    )


def _quantity(text: str, s: int, e: int, written: str, layout: Layout) -> Quantity | None:
    stripped = written.rstrip()
    try:
        num = parse_chain(stripped)
    except (ValueError, KeyError):
        return None
    if num.chinese:
        # 經過一年的復甦: a lone 一 counts only as a span of years.
        if stripped in LONE_CHINESE_NUMERALS_REJECTED and not (
            stripped == "一"
            and text.startswith(LONE_YI_UNITS, s + 1)
            and not text.startswith(LONE_YI_NOT_UNITS, s + 1)
            and not (s > 0 and text[s - 1] in LONE_YI_BAD_BEFORE)
        ):
            return None
        if s > 0 and text[s - 1] in CHINESE_NUMERAL_BAD_BEFORE:
            return None
        if text.startswith(FRACTION_WORDS, s + len(stripped)):
            return None
        # Chinese numerals are written tight against their measure word.
        if s + len(stripped) < len(text) and text[s + len(stripped)] in " \t\u3000\n":
            return None
    if _blocked_before(text, s, stripped) or _table_cell_ends(text, s, s + len(stripped)):
        return None
    unit = _read_unit(text, s + len(stripped), num, s)
    if unit is not None and unit.numeral is not None:
        num = unit.numeral
    range_first: float | None = None
    if unit is None:
        # 10~12 場: the unit is written once, after the upper end.
        if not text.startswith(_JOINERS, _skip_ws(text, s + len(stripped))):
            return None
        found = _range_end(text, s + len(stripped))
        if found is None:
            return None
        num2, unit = found
        range_first = _tidy(num.value * unit.factor)
        num = replace(num2, value=num.value)
        unit = replace(unit, raw=unit.raw)
    # 兩千元 reads as money only with a magnitude; 三元 is too often part of a name.
    if (
        num.chinese
        and unit.code not in ("count", "%", "year", "month", "day", "hour", "other")
        and (unit.code not in ("TWD", "USD") or not num.trailing_magnitude)
    ):
        return None
    if text.startswith(FRACTION_WORDS, unit.end):
        return None
    value = _tidy(num.value * unit.factor)
    end = unit.end
    raw_unit = unit.raw
    code = unit.code
    # 9成5 = 95 %.
    if (
        unit.raw.endswith("成")
        and end < len(text)
        and text[end].isdigit()
        and not text[end + 1 : end + 2].isdigit()
    ):
        value += float(text[end])
        end += 1
    start, cur, rate = _prefix(text, s)
    if cur is not None and code == "TWD":
        code = cur
    elif cur is not None and code != "TWD":
        start = s
    if rate is not None and code == "t":
        code = RATE_UNIT_CODES[rate]
    elif rate is not None:
        start = s
    # Ranges: 10~12 場, 200 瓩至 400 瓩.
    value_max: float | None = None
    if range_first is not None:
        value_max = _tidy(num2.value * unit.factor)
        value = range_first
    else:
        found = _range_end(text, end)
        if found is not None and found[1].code == unit.code:
            v2 = _tidy(found[0].value * found[1].factor)
            if v2 > value:
                value_max, end = v2, found[1].end
    qualifier = unit.infix_qualifier or prefix_qualifier(text, start) or "exact"
    qualifier = _suffix_qualifier(text, end) or qualifier
    if code == "year" and text.startswith("內", end):
        end += 1
    is_count = code == "count"
    role, sign = role_and_sign(text, start, is_count=is_count, points=code == "pp")
    if role == "level" and code == "%" and _table_change_cell(text, start):
        role = "change"
    if (
        start > 0
        and (text[start - 1] in "-－" or (text[start - 1] in "+＋" and role == "change"))
        and not (start > 1 and text[start - 2].isascii() and text[start - 2].isalnum())
    ):
        # (-15.21%), 成長率為-8.84%: the sign is part of the figure as written.
        start -= 1
        sign = -1 if text[start] in "-－" else 1
    if sign < 0:
        value = -value
        if value_max is not None:
            value_max = -value_max
    structural = is_count and (num.chinese or raw_unit.startswith(BIG_COUNT_WORD))
    mod = modality(text, start, end, structural=structural, layout=layout)
    precision = _precision(num, unit, qualifier)
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        unit=code,
        raw_unit=raw_unit,
        qualifier=qualifier,
        role=role,
        modality=mod,
        value_max=value_max,
        precision=precision,
    )
