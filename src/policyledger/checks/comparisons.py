"""Relations a sentence states by comparison rather than by a total word.

* a change against a compared figure: ``破獲率 81.87％，較去年同期 81.58％上升 0.29 個百分點``,
  ``發生 8 件，較去年同期 10 件，減少 2 件（-20.00％）`` — growth with both periods given;
* a relative change after an absolute one whose base the sentence implies:
  ``死亡人數 985 人，比去年同期減少 49 人，降低比率 4.74％`` (the base is 985 + 49);
* a named rate whose inputs are the two counts before it, for rate words the core
  vocabulary does not know (申報率, 成立率, 發放率, 尋獲率 …) — reported only when it holds;
* a two-way total and its two directions: ``雙邊貿易總額 15.9 億美元，出口 7.7 億美元，
  進口 8.3 億美元``.

The same rule as everywhere in the checker: a miss is reported only when the sentence
leaves no doubt which figures are compared; otherwise only what adds up is reported.
"""

from __future__ import annotations

import re

from policyledger.checks import vocab
from policyledger.checks.model import Check, Fact, Interval, Passage
from policyledger.checks.numbers import fmt_number, interval_of
from policyledger.checks.relations import (
    _DOWN,
    _additive,
    _Geometry,
    _has_any,
    _is_level,
    _make,
    _percent,
    _ratio,
    _show,
    _sum_check,
    growth_formula,
)

# How much text may stand between the current figure and the compared one
# ("，較去年同期", "，與前期(詐欺案件破獲 1 萬 1,094 件，破獲率") and between the compared
# figure and its change ("，減少", "相較，減少").
_COMPARE_SPAN = 30
_CHANGE_SPAN = 12


def _compared(g: _Geometry, new: Fact, old: Fact) -> bool:
    """True when ``old`` is introduced as the figure ``new`` is compared with: a 較/比/與
    between them, and no change or ； that would start another comparison
    ("發生 1 萬 3,856 件，較上年增加 1,967 件；破獲 1 萬 1,574 件" compares neither)."""
    between = g.text(new.end, old.start)
    if len(between) > _COMPARE_SPAN or not _has_any(between, vocab.COMPARE_WORDS):
        return False
    if _has_any(between, "；;。"):
        return False
    return all(f.quantity.role != "change" for f in g.facts_in(new.end, old.start))


def _printed(change: Fact, stated: float) -> Interval:
    """What a printed change stands for: rounded, or truncated toward zero (−24.69 ％
    printed as −24.6 ％), as :func:`relations._make` allows for levels."""
    h = interval_of(change).half_width
    if stated < 0:
        return Interval(stated - 2 * h, stated + h)
    return Interval(stated - h, stated + 2 * h)


def _signed(change: Fact, lead_in: str) -> float:
    # "減少 31.9％" written without a sign.
    v = change.value
    return -v if v > 0 and _has_any(lead_in, _DOWN) else v


def _pair_before(g: _Geometry, change: Fact, pool: list[Fact]) -> tuple[Fact, Fact] | None:
    """The (current, compared) figures right before ``change``: the last of ``pool`` is
    the compared one, the one before it of the same measure the current one."""
    if len(pool) < 2:
        return None
    old = pool[-1]
    same = [f for f in pool[:-1] if f.quantity.raw_unit == old.quantity.raw_unit]
    if not same:
        return None
    new = same[-1]
    # Only the change's own absolute counterpart may stand between the compared figure
    # and the change ("較去年同期 5 萬 3,900 件，減少 2,315 件（-4.29％）").
    middle = [f for f in g.facts_in(old.end, change.start) if f.quantity.role != "change"]
    if middle or len(g.text(old.end, change.start)) > _CHANGE_SPAN + 12:
        return None
    if not _compared(g, new, old):
        return None
    return new, old


def compared_changes(p: Passage, g: _Geometry) -> list[Check]:
    """``X，較去年同期 Y，增加 Z``: the change between a figure and the one it is compared
    with, in points (between two percentages), in the figure's own unit, or in ％."""
    out: list[Check] = []
    for change in p.facts:
        if change.quantity.role != "change":
            continue
        s, _ = g.sentence_of(change.start)
        before = [f for f in g.facts_in(s, change.start) if _is_level(f)]
        unit = change.quantity.unit
        points, relative = unit == "pp", unit == "%"
        if points:
            pool = [f for f in before if _percent(f)]
        elif relative:
            pool = [f for f in before if _additive(f)]
        else:
            pool = [f for f in before if _additive(f) and f.quantity.unit == unit]
        pair = _pair_before(g, change, pool)
        if pair is None:
            continue
        new, old = pair
        lead_in = g.text(max(old.end, change.start - _CHANGE_SPAN), change.start)
        stated = _signed(change, lead_in)
        delta = interval_of(new) - interval_of(old)
        computed = (delta / interval_of(old)).scale(100.0) if relative else delta
        if computed.mid * stated < 0:
            # The direction is in words whose sense varies (升值 of a currency is a
            # falling rate); the size is what the arithmetic can vouch for.
            stated = -stated
        formula, arithmetic = growth_formula(old, new, change, computed, relative, points)
        c = _make(
            "growth",
            p,
            [old, new],
            change,
            computed,
            formula,
            arithmetic,
            strict=True,
            expected=_printed(change, stated),
            # A miss is weighed against the compared level, not the (small) change:
            # "上升 0.92 個百分點" where 81.87 − 81.58 = 0.29 is a typo, not a non-relation.
            relative_base=max(abs(stated), 1.0) if relative else max(abs(old.value), 1.0),
        )
        if c is not None:
            out.append(c)
    return out


_RATE_AFTER_CHANGE = re.compile(r"^[\s，,（(]*(?:[^0-9０-９，；。]{0,6}(?:率|幅)[\s為達約是]*)?$")


def implied_base_changes(p: Passage, g: _Geometry) -> list[Check]:
    """``985 人，比去年同期減少 49 人，降低比率 4.74％``: a ％ right after an absolute change
    is that change over the earlier figure; when the earlier figure is not written, it is
    the current one minus the change. Reported only when it holds: the ％ might be of
    something else."""
    out: list[Check] = []
    facts = sorted(p.facts, key=lambda f: f.start)
    for i, rate in enumerate(facts[2:], 2):
        change = facts[i - 1]
        if (
            not _percent(rate)
            or change.quantity.role != "change"
            or change.quantity.unit not in vocab.ADDITIVE_UNITS
        ):
            continue
        if not _RATE_AFTER_CHANGE.match(g.text(change.end, rate.start)):
            continue
        if rate.quantity.role != "change" and "率" not in g.text(change.end, rate.start):
            continue
        current = facts[i - 2]
        if not (_is_level(current) and current.quantity.unit == change.quantity.unit):
            continue
        if not _compared(g, current, change) or g.sentence_id(current.start) != g.sentence_id(
            rate.start
        ):
            continue
        lead_in = g.text(current.end, change.start)
        delta = _signed(change, lead_in)
        d = interval_of(change).scale(1.0 if delta == change.value else -1.0)
        base = interval_of(current) - d
        if base.low <= 0:
            continue
        computed = (d / base).scale(100.0)
        if rate.value > 0 > delta:
            computed = computed.scale(-1.0)  # "降低比率 4.74％" written without a sign
        formula = (
            f"{change.quantity.text} ÷ ({current.quantity.text} − ({fmt_number(delta)})) × 100％"
        )
        arithmetic = (
            f"{fmt_number(abs(delta))} ÷ {_show(base.mid, current)} = "
            f"{fmt_number(computed.mid, 2)}％；報告寫 {rate.quantity.text}"
        )
        c = _make(
            "growth",
            p,
            [current, change],
            rate,
            computed,
            formula,
            arithmetic,
            strict=False,
            expected=_printed(rate, rate.value),
            note="基期 = 本期 − 增減 (the earlier figure is the current one minus the change)",
        )
        if c is not None:
            out.append(c)
    return out


_RATE_NAME = re.compile(r"([\u4e00-\u9fff]{1,4}?比?率)[\s為達約是高]*$")


def count_rates(p: Passage, g: _Geometry) -> list[Check]:
    """``甲類場所列管家數 2 萬 9,111 家，申報家數 2 萬 7,868 家，申報率達 95.73％``: a named
    rate after two counts of the same measure is the later over the earlier. Only a rate
    that holds is reported: the counts might be of something else (實到率 after 召訓人數)."""
    out: list[Check] = []
    for stated in p.facts:
        if not _percent(stated) or not _is_level(stated):
            continue
        cs = g.clause_start(stated.start)
        lead_in = g.text(max(cs, stated.start - 20), stated.start)
        m = _RATE_NAME.search(lead_in)
        if m is None or _has_any(m.group(1), vocab.NOT_A_COUNT_RATE):
            continue
        s, _ = g.sentence_of(stated.start)
        kw = stated.start - (len(lead_in) - m.start())
        pool = [
            f
            for f in g.facts_in(s, kw)
            if _additive(f) and f.quantity.unit == "count" and g.paren_of(f.start) is None
        ]
        if len(pool) < 2:
            continue
        num = pool[-1]
        dens = [
            f
            for f in pool[:-1]
            if f.quantity.raw_unit == num.quantity.raw_unit and f.value >= num.value
        ]
        if not dens:
            continue
        c = _ratio(p, num, dens[-1], stated, complement=False, label=m.group(1), strict=False)
        if c is not None:
            out.append(c)
    return out


def two_way_totals(p: Passage, g: _Geometry) -> list[Check]:
    """``雙邊貿易總額達 15.9 億美元，我國向印度出口 7.7 億美元，自印度進口 8.3 億美元``."""
    out: list[Check] = []
    for total in p.facts:
        if not _additive(total) or g.paren_of(total.start) is not None:
            continue
        lead_in = g.text(g.clause_start(total.start), total.start)
        if not _has_any(lead_in, vocab.TWO_WAY_TOTALS):
            continue
        _, e = g.sentence_of(total.start)
        after = [
            f
            for f in g.facts_in(total.end, e)
            if f.quantity.unit == total.quantity.unit and _is_level(f)
        ][:2]
        if len(after) < 2:
            continue

        def clause(f: Fact) -> str:
            return g.text(g.clause_start(f.start), f.start)

        exp, imp = clause(after[0]), clause(after[1])
        trade = (
            _has_any(exp, vocab.EXPORT_WORDS)
            and _has_any(imp, vocab.IMPORT_WORDS)
            and not _has_any(exp, vocab.IMPORT_WORDS)
        )
        # The parts must be the two clauses right after the total, not a later list.
        if not trade and any(
            f.quantity.unit != total.quantity.unit
            for f in g.facts_in(total.end, after[1].start)
            if f.id not in (after[0].id, after[1].id)
        ):
            continue
        c = _sum_check(p, after, total, strict=trade)
        if c is not None:
            out.append(c)
    return out
