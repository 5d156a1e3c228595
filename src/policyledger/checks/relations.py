"""Finding the arithmetic relations a paragraph states, and recomputing them.

Each finder reads one :class:`Passage` (a paragraph with its facts) and, for shares whose
total is stated earlier, the passages before it under the same heading (its lead). It
returns :class:`Check` records. The rule everywhere: a relation that adds up is reported
as ``consistent``; one that does not is reported as ``inconsistent`` only when the text's
structure leaves no doubt that the figures are related (a bracketed breakdown, 合計 right
after its parts, a named rate with both its inputs). When the figures might be unrelated
— a loose 共, several candidate totals — a miss is simply not reported, because a false
alarm costs a reader's trust more than a missed check does.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from policyledger.checks import vocab
from policyledger.checks.model import Check, Fact, Interval, Passage
from policyledger.checks.numbers import fmt_number, interval_of

# A breakdown whose parts miss their total by more than this share of it is more likely
# not a breakdown at all (a list of other figures) than a typo; it is not reported.
MAX_RELATIVE_MISS = 0.15

_SENTENCE_END = "。！？!?"
_CLAUSE_END = "，,；;。！？!?：:"
_OPEN = "（("
_CLOSE = "）)"


# --- text geometry -----------------------------------------------------------------------


# How far a search for parts, totals or rate inputs looks from its anchor. Real sentences
# are far shorter; the cap keeps a pathological paragraph (10⁵ characters with no 。)
# linear instead of quadratic.
WINDOW = 400


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Sentences, clauses, brackets and facts of one passage, indexed once so that every
    lookup is a bisection or an array read (document offsets throughout)."""

    passage: Passage
    sentences: tuple[tuple[int, int], ...]
    parens: tuple[tuple[int, int], ...]  # (open offset, close offset), outermost only
    _sentence_starts: tuple[int, ...]
    _enclosing: tuple[int, ...]  # per character: index into parens, or -1
    _clause: tuple[int, ...]  # per character position: start of its clause
    _semicolons: tuple[int, ...]
    _facts: tuple[Fact, ...]  # sorted by start
    _fact_starts: tuple[int, ...]
    cache: dict[str, object] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, p: Passage) -> _Geometry:
        text = p.text
        sentences: list[tuple[int, int]] = []
        parens: list[tuple[int, int]] = []
        begin = 0
        depth = 0
        open_at = 0
        for i, ch in enumerate(text):
            if ch in _OPEN:
                if depth == 0:
                    open_at = i
                depth += 1
            elif ch in _CLOSE and depth:
                depth -= 1
                if depth == 0:
                    parens.append((p.start + open_at, p.start + i))
            elif ch in _SENTENCE_END and depth == 0:
                sentences.append((p.start + begin, p.start + i + 1))
                begin = i + 1
        if begin < len(text) or not sentences:
            sentences.append((p.start + begin, p.start + len(text)))
        enclosing = [-1] * (len(text) + 1)
        for k, (a, b) in enumerate(parens):
            for i in range(a - p.start + 1, b - p.start):
                enclosing[i] = k
        clause = [0] * (len(text) + 1)
        last = p.start
        for i in range(len(text) + 1):
            clause[i] = last
            if i < len(text):
                ch = text[i]
                if ch in _CLAUSE_END and not _thousands_comma(text, i) and enclosing[i] < 0:
                    last = p.start + i + 1
        semis = tuple(p.start + i for i, ch in enumerate(text) if ch in "；;" and enclosing[i] < 0)
        facts = tuple(sorted(p.facts, key=lambda f: (f.start, f.end)))
        return cls(
            p,
            tuple(sentences),
            tuple(parens),
            tuple(s for s, _ in sentences),
            tuple(enclosing),
            tuple(clause),
            semis,
            facts,
            tuple(f.start for f in facts),
        )

    def sentence_id(self, offset: int) -> int:
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence around ``offset``, clipped to :data:`WINDOW` either side."""
        s, e = self.sentences[self.sentence_id(offset)]
        return max(s, offset - WINDOW), min(e, offset + WINDOW)

    def paren_of(self, offset: int) -> tuple[int, int] | None:
        i = offset - self.passage.start
        if not 0 <= i < len(self._enclosing):
            return None
        k = self._enclosing[i]
        return self.parens[k] if k >= 0 else None

    def clause_start(self, offset: int) -> int:
        """Start of the clause containing ``offset`` (after the last comma-like mark
        outside brackets), never before its sentence."""
        i = min(max(offset - self.passage.start, 0), len(self._clause) - 1)
        s, _ = self.sentences[self.sentence_id(offset)]
        return max(self._clause[i], s)

    def segment_start(self, offset: int) -> int:
        """Start of the ；-segment of the sentence containing ``offset``."""
        s, _ = self.sentence_of(offset)
        k = bisect_left(self._semicolons, offset) - 1
        return max(s, self._semicolons[k] + 1) if k >= 0 else s

    def facts_in(self, a: int, b: int) -> list[Fact]:
        lo = bisect_left(self._fact_starts, a)
        hi = bisect_left(self._fact_starts, b)
        return [f for f in self._facts[lo:hi] if f.end <= b]

    def text(self, a: int, b: int) -> str:
        return self.passage.between(a, b)


def _thousands_comma(text: str, i: int) -> bool:
    """``1,984``: a comma between digits separates thousands, not clauses."""
    return (
        text[i] in ",，"
        and 0 < i < len(text) - 1
        and text[i - 1].isdigit()
        and text[i + 1].isdigit()
    )


def _is_level(f: Fact) -> bool:
    return f.quantity.role == "level" and f.quantity.value_max is None


def _additive(f: Fact) -> bool:
    return f.quantity.unit in vocab.ADDITIVE_UNITS and _is_level(f)


def _percent(f: Fact) -> bool:
    return f.quantity.unit == "%"


def _has_any(text: str, words: Sequence[str]) -> bool:
    return any(w in text for w in words)


_ABOUT = ("約", "大約", "近", "左右")


def _said_about(p: Passage, f: Fact) -> bool:
    """True when the clause before ``f`` hedges it with 約 ("約占總投資金額 30.3％"), even
    where the extractor attached the hedge to no figure."""
    text = p.text[max(f.start - p.start - 40, 0) : f.start - p.start]
    cut = max(text.rfind(c) for c in "，；。：")
    return _has_any(text[cut + 1 :], _ABOUT)


# --- building checks ---------------------------------------------------------------------


def _display_factor(f: Fact) -> float:
    """Canonical value per printed unit of ``f`` (億美元 -> 1e8), to write results the way
    the report writes its own figures."""
    m = re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?", f.quantity.text.replace("，", ","))
    if len(m) == 1:
        try:
            n = float(m[0].replace(",", ""))
        except ValueError:
            return 1.0
        if n and f.value:
            return f.value / n
    return 1.0


def _show(x: float, like: Fact, digits: int = 4) -> str:
    """``x`` written in the unit ``like`` is printed in (億美元, 萬公噸, ％, 具)."""
    q = like.quantity
    if q.unit == "%":
        return f"{fmt_number(x, digits)}％"
    if len(re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?", q.text)) > 1:
        # Mixed magnitudes ("3,150億9,800萬美元"): write large sums in 億.
        base = q.raw_unit.lstrip("萬億兆千百")
        if abs(x) >= 1e8:
            return f"{fmt_number(x / 1e8, digits)} 億{base}"
        return f"{fmt_number(x, digits)} {base}".strip()
    factor = _display_factor(like)
    unit = q.raw_unit if factor == 1.0 else _printed_unit(like)
    return f"{fmt_number(x / factor, digits)} {unit}".strip()


def _printed_unit(f: Fact) -> str:
    # The unit as printed after the last digit: "75.1 億美元" -> "億美元".
    m = re.search(r"[0-9]([^0-9]*)$", f.quantity.text)
    return m.group(1).strip() if m else f.quantity.raw_unit


def _make(
    kind: str,
    p: Passage,
    inputs: Sequence[Fact],
    stated: Fact,
    computed: Interval,
    formula: str,
    arithmetic: str,
    *,
    strict: bool,
    note: str = "",
    context: Sequence[int] = (),
    expected: Interval | None = None,
    relative_base: float | None = None,
) -> Check | None:
    """A check with its verdict, or None for a miss the structure cannot vouch for."""
    if expected is not None:
        exp = expected
    else:
        exp = interval_of(stated, approx=_said_about(p, stated))
        # Reports truncate as often as they round (88.4856 % printed as 88.48 %): the
        # printed digits allow anything from half a unit below to a whole unit above.
        exp = Interval(exp.low, exp.high + exp.half_width)
    if any(
        f.quantity.unit == "count" and f.quantity.role == "level" and f.value < 0
        for f in (*inputs, stated)
    ):
        verdict = "impossible"
        note = note or "負的件數、人數不可能 (a negative count)"
    elif computed.gap(exp) == 0:
        verdict = "consistent"
    else:
        base = abs(relative_base if relative_base is not None else stated.value) or 1.0
        if not strict or computed.gap(exp) / base > MAX_RELATIVE_MISS:
            return None
        verdict = "inconsistent"
    # The excerpt is this paragraph's: a total taken from the lead is cited, not spanned.
    here = [f for f in (*inputs, stated) if p.start <= f.start and f.end <= p.end]
    spans = [f.start for f in here] + [f.end for f in here]
    return Check(
        kind=kind,
        verdict=verdict,
        formula=formula,
        arithmetic=arithmetic,
        inputs=tuple(inputs),
        stated=stated,
        computed=computed,
        expected=exp,
        unit=stated.quantity.unit,
        passage_id=p.id,
        start=min(spans),
        end=max(spans),
        note=note,
        context_ids=tuple(context),
    )


def _sum_check(
    p: Passage,
    parts: Sequence[Fact],
    total: Fact,
    *,
    strict: bool,
    note: str = "",
    kind: str = "sum",
) -> Check | None:
    computed = Interval(0.0, 0.0)
    for f in parts:
        computed = computed + interval_of(f)
    if not strict and computed.gap(interval_of(total, approx=_said_about(p, total))) > 0:
        return None  # cheap early exit: most attempts in a search do not add up
    formula = " + ".join(f.quantity.text for f in parts) + f" = {total.quantity.text}"
    arithmetic = (
        " + ".join(f.quantity.text for f in parts)
        + f" = {_show(computed.mid, total)}；報告寫 {total.quantity.text}"
    )
    return _make(kind, p, parts, total, computed, formula, arithmetic, strict=strict, note=note)


def _sum_first(
    p: Passage,
    attempts: Sequence[Sequence[Fact]],
    total: Fact,
    *,
    strict_parts: Sequence[Fact] | None,
    note: str = "",
) -> Check | None:
    """The first attempt that adds up; else, when the structure is unambiguous
    (``strict_parts`` given), the inconsistent check on those parts."""
    seen: set[tuple[int, ...]] = set()
    for parts in attempts:
        key = tuple(f.id for f in parts)
        if len(parts) < 2 or key in seen or total.id in key:
            continue
        seen.add(key)
        c = _sum_check(p, parts, total, strict=False, note=note)
        if c is not None:
            return c
    if strict_parts is not None and len(strict_parts) >= 2:
        return _sum_check(p, strict_parts, total, strict=True, note=note)
    return None


def _same_raw(parts: Sequence[Fact], total: Fact) -> list[Fact]:
    return [f for f in parts if f.quantity.raw_unit == total.quantity.raw_unit]


# No breakdown in a report lists more parts than this; longer runs are searched no further.
MAX_PARTS = 16


def _prefixes(parts: Sequence[Fact]) -> Iterator[list[Fact]]:
    for n in range(min(len(parts), MAX_PARTS), 1, -1):
        yield list(parts[:n])


def _suffixes(parts: Sequence[Fact]) -> Iterator[list[Fact]]:
    for n in range(min(len(parts), MAX_PARTS), 1, -1):
        yield list(parts[-n:])


# --- sums ----------------------------------------------------------------------------------


def bracket_sums(p: Passage, g: _Geometry) -> list[Check]:
    """``346 件計畫申請（174 件…、172 件…）``: a total and its bracketed breakdown."""
    out: list[Check] = []
    for a, b in g.parens:
        inner = [f for f in g.facts_in(a, b) if _additive(f)]
        if len(inner) < 2:
            continue
        inside = g.text(a, b)
        if _has_any(inside, vocab.CHANGE_WORDS[:5]):
            continue
        s, _ = g.sentence_of(a)
        for unit in dict.fromkeys(f.quantity.unit for f in inner):
            parts = [f for f in inner if f.quantity.unit == unit]
            if len(parts) < 2:
                continue
            before = [
                f
                for f in g.facts_in(s, a)
                if f.quantity.unit == unit and _is_level(f) and g.paren_of(f.start) is None
            ]
            if not before:
                continue
            total = before[-1]
            if any(f.value > total.value + interval_of(total).half_width for f in parts):
                continue
            same = _same_raw(parts, total)
            strict = (
                len(same) == len(parts)
                and not _has_any(inside, vocab.OPEN_LIST)
                and total.quantity.qualifier == "exact"
                and (
                    not _has_any(inside, vocab.PARTIAL_BRACKET)
                    or sum(f.value for f in parts) > interval_of(total).high
                )
            )
            c = _sum_first(p, [parts, same], total, strict_parts=parts if strict else None)
            if c is not None:
                out.append(c)
    return out


_TOTAL_GLUE = re.compile(r"^[\s約達為計有近]*$")


def totals_after_parts(p: Passage, g: _Geometry) -> list[Check]:
    """``…99 天，…41 天，合計 140 天``: a total named after its parts."""
    out: list[Check] = []
    for total in p.facts:
        if not _additive(total) or g.paren_of(total.start) is not None:
            continue
        cs = g.clause_start(total.start)
        lead_in = g.text(cs, total.start)
        word = next(
            (
                w
                for w in vocab.TOTAL_AFTER_PARTS
                if w in lead_in and _TOTAL_GLUE.match(lead_in[lead_in.rindex(w) + len(w) :])
            ),
            None,
        )
        if word is None or (word == "共" and "公共" in lead_in):
            continue
        s, _ = g.sentence_of(total.start)
        kw = cs + lead_in.rindex(word)
        parts = [
            f
            for f in g.facts_in(s, kw)
            if f.quantity.unit == total.quantity.unit
            and _is_level(f)
            and g.paren_of(f.start) is None
        ]
        if len(parts) < 2:
            continue
        same = _same_raw(parts, total)
        attempts = [*_suffixes(parts), *_suffixes(same)]
        strict = (
            word in vocab.STRONG_TOTAL_WORDS
            and len(same) == len(parts)
            and not _has_any(g.text(parts[0].start, total.start), vocab.OPEN_LIST)
        )
        c = _sum_first(p, attempts, total, strict_parts=parts if strict else None)
        if c is not None:
            out.append(c)
    return out


def later_breakdowns(p: Passage, g: _Geometry) -> list[Check]:
    """``有服務需求案計 156 件…已完成協處 73 件…持續服務共計 83 件``: a counted total whose
    breakdown follows in later sentences. Only reported when the next figures of the same
    measure add up exactly; with no marker tying them together, a miss proves nothing."""
    out: list[Check] = []
    for total in p.facts:
        if not _additive(total) or total.quantity.unit != "count":
            continue
        lead_in = g.text(g.clause_start(total.start), total.start)
        if not re.search(r"(?:合計|共計|總計|計)[\s約達為有]*$", lead_in):
            continue
        _, e = g.sentence_of(total.start)
        later = [
            f
            for f in g.facts_in(e, min(p.end, e + WINDOW))
            if _additive(f)
            and f.quantity.raw_unit == total.quantity.raw_unit
            and g.paren_of(f.start) is None
        ]
        for n in range(2, min(len(later), 5) + 1):
            c = _sum_check(p, later[:n], total, strict=False)
            if c is not None and sum(f.value for f in later[:n]) == total.value:
                out.append(c)
                break
    return out


def _parts_stop(g: _Geometry, after: int) -> int:
    """Where a list that starts at ``after`` ends: the sentence end, or a ； not followed
    by 另 (which continues the same breakdown: "其中融資協處 181 件…；另債權債務協處 249 件")."""
    _, e = g.sentence_of(after)
    text = g.passage.text
    i = after - g.passage.start
    while i < e - g.passage.start:
        if text[i] in "；;" and g.paren_of(g.passage.start + i) is None:
            nxt = text[i + 1 : i + 3].lstrip()
            if not nxt.startswith("另"):
                return g.passage.start + i
        i += 1
    return e


_ITEM_OPENING = re.compile(r"[\s　]*(?:[（(]?[0-9０-９一二三四五六七八九十]+[）)、.]?)?[\s　]*")


def parts_after_total(p: Passage, g: _Geometry, context: Sequence[Passage] = ()) -> list[Check]:
    """``5,241 MW，其中太陽光電 1,733 MW、風力發電 692 MW…``: parts listed after 其中/包括."""
    out: list[Check] = []
    done: set[int] = set()
    for word in vocab.PARTS_AFTER_TOTAL:
        for m in re.finditer(re.escape(word), p.text):
            kw = p.start + m.start()
            if g.paren_of(kw) is not None:
                continue  # a bracketed 其中 is a bracket breakdown
            stop = _parts_stop(g, kw)
            seg_start = g.segment_start(kw)
            listed = [
                f for f in g.facts_in(kw, stop) if _additive(f) and g.paren_of(f.start) is None
            ]
            for unit in dict.fromkeys(f.quantity.unit for f in listed):
                parts = [f for f in listed if f.quantity.unit == unit]
                if len(parts) < 2:
                    continue
                totals = [
                    f
                    for f in g.facts_in(seg_start, kw)
                    if f.quantity.unit == unit and _is_level(f) and g.paren_of(f.start) is None
                ][::-1]
                totals = [t for t in totals if t.id not in done][:3]
                if not totals and context and _ITEM_OPENING.fullmatch(p.text[: kw - p.start]):
                    # "2、 其中臺商回臺投資 74 家…": the item opens with 其中, so its whole is
                    # the total stated in the item before it.
                    lead = context[0]
                    totals = [f for f in lead.facts if f.quantity.unit == unit and _is_level(f)][
                        ::-1
                    ][:3]
                if not totals:
                    continue
                found: Check | None = None
                for total in totals:
                    same = _same_raw(parts, total)
                    found = _sum_first(
                        p, [*_prefixes(parts), *_prefixes(same)], total, strict_parts=None
                    )
                    if found is not None:
                        break
                # A list after 其中/包括 may name only some parts (pending cases, "others"),
                # so a list that falls short is not reported; one that overshoots is.
                if (
                    found is None
                    and len(totals) == 1
                    and word not in vocab.WEAK_PARTS_WORDS
                    and sum(f.value for f in parts) > interval_of(totals[0]).high
                ):
                    total = totals[0]
                    strict = (
                        len(_same_raw(parts, total)) == len(parts)
                        and not _has_any(g.text(kw, stop), vocab.OPEN_LIST)
                        and total.quantity.qualifier == "exact"
                    )
                    if strict:
                        found = _sum_check(p, parts, total, strict=True)
                if found is not None:
                    done.add(found.stated.id)
                    out.append(found)
    return out


def differences(p: Passage, g: _Geometry) -> list[Check]:
    """``出口 3,172.5 億美元…進口 2,592.7 億美元；累計出超 579.8 億美元``."""
    out: list[Check] = []
    for diff in p.facts:
        if not _additive(diff):
            continue
        lead_in = g.text(g.clause_start(diff.start), diff.start)
        for word, plus_word, minus_word in vocab.DIFFERENCE_WORDS:
            if word not in lead_in:
                continue
            same_unit = [
                f for f in p.facts if f.end <= diff.start and f.quantity.unit == diff.quantity.unit
            ]

            def named(w: str, pool: list[Fact] = same_unit, not_w: str = word) -> Fact | None:
                hits = [
                    f
                    for f in pool
                    if w in (lead := g.text(g.clause_start(f.start), f.start)) and not_w not in lead
                ]
                return hits[-1] if hits else None

            plus, minus = named(plus_word), named(minus_word)
            if plus is None or minus is None or plus.id == minus.id:
                continue
            computed = interval_of(plus) - interval_of(minus)
            formula = f"{plus_word} {plus.quantity.text} − {minus_word} {minus.quantity.text} = {word} {diff.quantity.text}"
            arithmetic = (
                f"{plus.quantity.text} − {minus.quantity.text} = {_show(computed.mid, diff)}"
                f"；報告寫 {diff.quantity.text}"
            )
            c = _make("sum", p, [plus, minus], diff, computed, formula, arithmetic, strict=True)
            if c is not None:
                out.append(c)
            break
    return out


# --- shares --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Share:
    part: Fact
    share: Fact


_SHARE_OPEN = re.compile(r"^\s*[（(]\s*(?:約\s*)?$")


def _bracket_shares(p: Passage, g: _Geometry) -> list[_Share]:
    """Every ``19 億美元（25.2％）``: an amount followed by a bracket that opens with its share."""
    cached = g.cache.get("bracket_shares")
    if isinstance(cached, list):
        return cached
    out: list[_Share] = []
    g.cache["bracket_shares"] = out
    facts = sorted(p.facts, key=lambda f: f.start)
    for i, part in enumerate(facts[:-1]):
        share = facts[i + 1]
        if not (_additive(part) and _percent(share) and share.quantity.role == "level"):
            continue
        if not _SHARE_OPEN.match(g.text(part.end, share.start)):
            continue
        bracket = g.paren_of(share.start)
        if bracket is None or _has_any(g.text(bracket[0], share.start), vocab.CHANGE_WORDS):
            continue
        out.append(_Share(part, share))
    return out


def _share_check(
    p: Passage, part: Fact, total: Fact, stated: Fact, *, strict: bool, context: Sequence[int] = ()
) -> Check | None:
    if stated.value > 100 + interval_of(stated).half_width:
        return _impossible_share(p, part, stated)
    computed = (interval_of(part) / interval_of(total)).scale(100.0)
    formula = f"{part.quantity.text} ÷ {total.quantity.text} × 100％ = {stated.quantity.text}"
    arithmetic = (
        f"{part.quantity.text} ÷ {total.quantity.text} = {fmt_number(computed.mid, 2)}％"
        f"；報告寫 {stated.quantity.text}"
    )
    note = ""
    if stated.value > 0 and computed.gap(interval_of(stated, approx=_said_about(p, stated))) > 0:
        implied = part.value / (stated.value / 100.0)
        if abs(implied - total.value) > interval_of(total).half_width:
            note = f"此比率對應的總額約為 {_show(implied, total, 2)} (the share implies a total of about that)"
    return _make(
        "share",
        p,
        [part, total],
        stated,
        computed,
        formula,
        arithmetic,
        strict=strict,
        note=note,
        context=context,
        relative_base=100.0,
    )


def _impossible_share(p: Passage, part: Fact, stated: Fact) -> Check:
    return Check(
        kind="share",
        verdict="impossible",
        formula=f"{part.quantity.text} 占總額 {stated.quantity.text}",
        arithmetic=f"部分占整體的比率不能超過 100％；報告寫 {stated.quantity.text}",
        inputs=(part,),
        stated=stated,
        computed=Interval(0.0, 100.0),
        expected=interval_of(stated),
        unit="%",
        passage_id=p.id,
        start=min(part.start, stated.start),
        end=max(part.end, stated.end),
        note="a part's share of its whole over 100 %",
    )


def _share_subjects(p: Passage, g: _Geometry) -> set[int]:
    """Amounts directly followed by a bracket with 占 (``2萬6,624人(約占全區…46.99%)``):
    they are parts of some whole, never the whole of another share."""
    cached = g.cache.get("share_subjects")
    if isinstance(cached, set):
        return cached
    out: set[int] = set()
    g.cache["share_subjects"] = out
    facts = sorted(p.facts, key=lambda f: f.start)
    for a, b in itertools.pairwise(facts):
        between = g.text(a.end, b.start)
        if re.match(r"^\s*[（(]", between) and _has_any(between, vocab.SHARE_WORDS) and _percent(b):
            out.add(a.id)
    return out


def _total_candidates(
    p: Passage,
    g: _Geometry,
    unit: str,
    before: int,
    exclude: set[int],
    context: Sequence[Passage],
    raw: str | None = None,
) -> list[tuple[Fact, Passage]]:
    """Amounts that could be the total of a share: in this passage before the shares, then
    in its lead passages (nearest first), never one that is itself a part with a share."""

    def pool(q: Passage, limit: int | None) -> list[tuple[Fact, Passage]]:
        geo = g if q is p else _context_geometry(g, q)
        parts = {s.part.id for s in _bracket_shares(q, geo)} | _share_subjects(q, geo)
        return [
            (f, q)
            for f in q.facts
            if f.quantity.unit == unit
            and (raw is None or f.quantity.raw_unit == raw)
            and _is_level(f)
            and f.id not in exclude
            and f.id not in parts
            and (limit is None or f.end <= limit)
        ][::-1]

    out = pool(p, before)
    for q in context:
        out.extend(pool(q, None))
    return out


def _context_geometry(g: _Geometry, q: Passage) -> _Geometry:
    key = f"context:{q.id}"
    geo = g.cache.get(key)
    if not isinstance(geo, _Geometry):
        geo = _Geometry.of(q)
        g.cache[key] = geo
    return geo


def _count_raw(f: Fact) -> str | None:
    """Counts must share their measure word to be part and whole (人 is not 人次)."""
    return f.quantity.raw_unit if f.quantity.unit == "count" else None


def bracket_share_checks(p: Passage, g: _Geometry, context: Sequence[Passage]) -> list[Check]:
    """``荷蘭 19 億美元（25.2％）…``: each part's share of the total stated in the lead."""
    out: list[Check] = []
    shares = _bracket_shares(p, g)
    by_sentence: dict[int, list[_Share]] = {}
    for s in shares:
        by_sentence.setdefault(g.sentence_id(s.part.start), []).append(s)
    for group in by_sentence.values():
        for s in group:
            if s.share.value > 100 + interval_of(s.share).half_width:
                out.append(_impossible_share(p, s.part, s.share))
        group = [s for s in group if s.share.value <= 100 + interval_of(s.share).half_width]
        if not group:
            continue
        unit = group[0].part.quantity.unit
        group = [s for s in group if s.part.quantity.unit == unit]
        biggest = max(interval_of(s.part).low for s in group)
        exclude = {s.part.id for s in group}
        candidates = [
            (f, q)
            for f, q in _total_candidates(
                p, g, unit, group[0].part.start, exclude, context, _count_raw(group[0].part)
            )
            if interval_of(f).high >= biggest
        ]
        if not candidates:
            continue
        best: tuple[int, int] | None = None
        best_checks: list[Check] = []
        for rank, (total, q) in enumerate(candidates):
            ctx = () if q is p else (q.id,)
            checks = [
                c
                for s in group
                if (c := _share_check(p, s.part, total, s.share, strict=True, context=ctx))
                is not None
            ]
            score = (sum(c.verdict == "consistent" for c in checks), -rank)
            if best is None or score > best:
                best, best_checks = score, checks
        if best is None:
            continue
        if len(candidates) == 1:
            out.extend(best_checks)
        else:
            # More than one amount could be the total: report only what adds up.
            out.extend(c for c in best_checks if c.verdict == "consistent")
    return out


def share_sums(p: Passage, g: _Geometry) -> list[Check]:
    """``…（25.2％）…（5.2％）分居前 5 名，合計約占總額 76.7％``: a sum of shares."""
    out: list[Check] = []
    shares = _bracket_shares(p, g)
    for total in p.facts:
        if not (_percent(total) and total.quantity.role == "level"):
            continue
        lead_in = g.text(g.clause_start(total.start), total.start)
        if not (_has_any(lead_in, ("合計", "共", "總計")) and _has_any(lead_in, vocab.SHARE_WORDS)):
            continue
        s, _ = g.sentence_of(total.start)
        parts = [x.share for x in shares if s <= x.share.start < total.start]
        if len(parts) < 2:
            continue
        c = _sum_check(p, parts, total, strict=True, kind="share")
        if c is not None:
            out.append(c)
    # 其中政府占 74.39％，金融機構占 25.61％ / 分別占累計容量之 58％及 42％: shares of one
    # whole that should make 100 %. Only reported when they do (a list may be partial).
    for m in re.finditer("其中|分別占|分別佔", p.text):
        kw = p.start + m.start()
        s, e = g.sentence_of(kw)
        together = m.group(0) != "其中"
        named = [
            f
            for f in g.facts_in(kw, e)
            if _percent(f)
            and f.quantity.role == "level"
            and (
                _has_any(g.text(g.clause_start(f.start), f.start), vocab.SHARE_WORDS)
                or (together and g.clause_start(f.start) <= kw)
            )
        ]
        if len(named) >= 2:
            # Stated as a check on the last share: 100％ minus the others.
            last, others = named[-1], named[:-1]
            rest = Interval(100.0, 100.0)
            for f in others:
                rest = rest - interval_of(f)
            if rest.gap(interval_of(last)) == 0:
                out.append(
                    Check(
                        kind="share",
                        verdict="consistent",
                        formula="100％ − "
                        + " − ".join(f.quantity.text for f in others)
                        + f" = {last.quantity.text}",
                        arithmetic="100％ − "
                        + " − ".join(f.quantity.text for f in others)
                        + f" = {fmt_number(rest.mid, 2)}％；報告寫 {last.quantity.text}",
                        inputs=tuple(others),
                        stated=last,
                        computed=rest,
                        expected=interval_of(last),
                        unit="%",
                        passage_id=p.id,
                        start=named[0].start,
                        end=last.end,
                        note="the named shares of one whole add up to 100 %",
                    )
                )
    return out


def named_shares(p: Passage, g: _Geometry, context: Sequence[Passage]) -> list[Check]:
    """``159.8 億元，約占總投資金額 30.3％`` and ``9,652 項，占貨品總數 1 萬 1,984 項之 80.54％``."""
    out: list[Check] = []
    for stated in p.facts:
        if not (_percent(stated) and stated.quantity.role == "level"):
            continue
        cs = g.clause_start(stated.start)
        lead_in = g.text(cs, stated.start)
        at = max((lead_in.rfind(w) for w in vocab.SHARE_WORDS), default=-1)
        if (
            at < 0
            or _has_any(lead_in[:at], ("合計", "共", "總計"))
            or lead_in[at + 1 : at + 2] == "比"
        ):
            continue
        kw = cs + at
        inside = [f for f in g.facts_in(kw, stated.start) if _additive(f)]
        subject = lead_in[:at].strip()
        if inside:
            # 占 <total> 之 P％: the total is named; the part is the amount before 占.
            total = inside[-1]
            s, _ = g.sentence_of(kw)
            before = [
                f
                for f in g.facts_in(s, kw)
                if f.quantity.unit == total.quantity.unit and _is_level(f)
            ]
            if not before:
                continue
            c = _share_check(p, before[-1], total, stated, strict=True)
            if c is not None:
                out.append(c)
            continue
        if subject.strip("約並且而") and not [f for f in g.facts_in(cs, kw) if _additive(f)]:
            continue  # "…廠商占全區投資比重約 85％": the part is not given as a figure
        part_pool = [f for f in g.facts_in(cs, kw) if _additive(f)]
        if not part_pool:
            prev_end = cs - 1
            prev_start = g.clause_start(prev_end) if prev_end > p.start else p.start
            part_pool = [f for f in g.facts_in(prev_start, prev_end) if _additive(f)]
        if not part_pool:
            continue
        part = part_pool[-1]
        candidates = [
            (f, q)
            for f, q in _total_candidates(
                p, g, part.quantity.unit, part.start, {part.id}, context, _count_raw(part)
            )
            if interval_of(f).high >= interval_of(part).low
        ]
        if not candidates:
            continue
        part_clause = g.text(g.clause_start(part.start), part.start)
        whole_named = _has_any(g.text(kw, stated.start), ("總", "全")) and (
            "其中" in part_clause
            or g.sentence_id(candidates[0][0].start) == g.sentence_id(part.start)
        )
        checks = [
            (c, q)
            for f, q in candidates
            if (
                c := _share_check(
                    p, part, f, stated, strict=True, context=() if q is p else (q.id,)
                )
            )
            is not None
        ]
        good = [c for c, _ in checks if c.verdict == "consistent"]
        if good:
            out.append(good[0])
        elif len(candidates) == 1 and whole_named and checks and checks[0][1] is p:
            out.append(checks[0][0])
    return out


# --- rates ---------------------------------------------------------------------------------


_RATE_GLUE = re.compile(r"^[\s為達約是]*$")


def rates(p: Passage, g: _Geometry) -> list[Check]:
    """達成率 (actual ÷ target), 合格率 (1 − failed ÷ total), 再利用率, 完成率 …"""
    out: list[Check] = []
    for stated in p.facts:
        if not _percent(stated):
            continue
        cs = g.clause_start(stated.start)
        lead_in = g.text(cs, stated.start)
        found = None
        for word, stem in vocab.RATE_WORDS:
            i = lead_in.rfind(word)
            if i >= 0 and _RATE_GLUE.match(lead_in[i + len(word) :]):
                found = (word, stem, cs + i)
                break
        if found is None:
            continue
        word, stem, kw = found
        s, _ = g.sentence_of(kw)
        pool = [f for f in g.facts_in(s, kw) if _additive(f) and g.paren_of(f.start) is None]
        if len(pool) < 2:
            continue

        def clause(f: Fact) -> str:
            return g.text(g.clause_start(f.start), f.start)

        c: Check | None = None
        if word == "達成率":
            targets = [f for f in pool if _has_any(clause(f), vocab.TARGET_WORDS)]
            if len(targets) != 1:
                targets = (
                    [f for f in pool if f.quantity.modality == "target"] if not targets else []
                )
            if len(targets) != 1:
                continue
            target = targets[0]
            actuals = [
                f for f in pool if f.quantity.unit == target.quantity.unit and f.id != target.id
            ]
            if not actuals:
                continue
            actual = actuals[-1]
            c = _ratio(p, actual, target, stated, complement=False, label=word)
        else:
            failed = [f for f in pool if _has_any(clause(f), vocab.FAILED_WORDS)]
            if failed:
                bad = failed[-1]
                totals = [
                    f for f in pool if f.end <= bad.start and f.quantity.unit == bad.quantity.unit
                ]
                if not totals:
                    continue
                # 合格率 = 1 − failed ÷ total; 不合格率 is failed ÷ total itself.
                failure_rate = _has_any(word, vocab.FAILED_WORDS)
                c = _ratio(p, bad, totals[-1], stated, complement=not failure_rate, label=word)
            else:
                named = [
                    f
                    for f in pool
                    if stem in clause(f) and not _has_any(clause(f), vocab.FAILED_WORDS)
                ]
                if not named:
                    continue
                num = named[-1]
                dens = [
                    f for f in pool if f.end <= num.start and f.quantity.unit == num.quantity.unit
                ]
                if not dens:
                    continue
                c = _ratio(p, num, dens[-1], stated, complement=False, label=word)
        if c is not None:
            out.append(c)
    return out


def _ratio(
    p: Passage,
    num: Fact,
    den: Fact,
    stated: Fact,
    *,
    complement: bool,
    label: str,
    strict: bool = True,
) -> Check | None:
    r = interval_of(num) / interval_of(den)
    if complement:
        computed = Interval(1 - r.high, 1 - r.low).scale(100.0)
        formula = f"{label} = (1 − {num.quantity.text} ÷ {den.quantity.text}) × 100％"
        arithmetic = (
            f"1 − {num.quantity.text} ÷ {den.quantity.text} = {fmt_number(computed.mid, 3)}％"
            f"；報告寫 {stated.quantity.text}"
        )
    else:
        computed = r.scale(100.0)
        formula = f"{label} = {num.quantity.text} ÷ {den.quantity.text} × 100％"
        arithmetic = (
            f"{num.quantity.text} ÷ {den.quantity.text} = {fmt_number(computed.mid, 3)}％"
            f"；報告寫 {stated.quantity.text}"
        )
    return _make(
        "ratio",
        p,
        [num, den],
        stated,
        computed,
        formula,
        arithmetic,
        strict=strict,
        relative_base=100.0,
    )


# --- products and growth -----------------------------------------------------------------------


def products(p: Passage, g: _Geometry) -> list[Check]:
    """``3 部…機組，每部 80 萬瓩，總裝置容量 240 萬瓩``: count × per-unit = total."""
    out: list[Check] = []
    for per in p.facts:
        if not _additive(per):
            continue
        lead_in = g.text(g.clause_start(per.start), per.start) + per.quantity.text
        # "每部 80 萬瓩", "每家補助 50 萬元": 每, the measure word, at most a short verb.
        m = re.search(r"每\s*(\S)[^0-9０-９，、；]{0,4}?\s*(?=[0-9０-９])", lead_in)
        if m is None or m.group(1) in vocab.TIME_MEASURES or "每" in lead_in[m.end() :]:
            continue
        measure = m.group(1)
        s, e = g.sentence_of(per.start)
        counts = [
            f
            for f in g.facts_in(s, per.start)
            if f.quantity.unit == "count" and f.quantity.raw_unit == measure and _is_level(f)
        ]
        if not counts:
            continue
        if "平均" in lead_in[: m.start() + 1] or "平均" in g.text(
            max(s, per.start - 12), per.start
        ):
            # 平均每件約 158 萬元: the average of a total stated before it.
            earlier = [
                f
                for f in g.facts_in(counts[-1].start, per.start)
                if f.quantity.unit == per.quantity.unit and _is_level(f) and f.id != per.id
            ]
            if earlier:
                out.extend(_average(p, earlier[-1], counts[-1], per, measure))
            continue
        after = g.facts_in(per.end, e)
        totals = [
            f
            for f in after
            if f.quantity.unit == per.quantity.unit
            and _is_level(f)
            and _has_any(g.text(g.clause_start(f.start), f.start), ("總", "合計", "共"))
        ]
        if not totals:
            continue
        n, total = counts[-1], totals[0]
        computed = interval_of(n) * interval_of(per)
        formula = f"{n.quantity.text} × 每{measure} {per.quantity.text} = {total.quantity.text}"
        arithmetic = (
            f"{fmt_number(n.value)} × {per.quantity.text} = {_show(computed.mid, total)}"
            f"；報告寫 {total.quantity.text}"
        )
        c = _make("product", p, [n, per], total, computed, formula, arithmetic, strict=True)
        if c is not None:
            out.append(c)
    return out


_PARTIES = re.compile(r"(?:由|與)?([^，；。由]{2,40}?)分別")


def each_totals(p: Passage, g: _Geometry) -> list[Check]:
    """``由本部及行政院農業委員會分別…各完成 75 MW（合計 150 MW）``: the parties named
    before 分別, each doing the same amount, add up to the total. The count of parties
    is read from the text, so this is reported only when it adds up."""
    out: list[Check] = []
    for each in p.facts:
        if not _additive(each) or not g.text(max(each.start - 4, p.start), each.start).count("各"):
            continue
        s, e = g.sentence_of(each.start)
        totals = [
            f
            for f in g.facts_in(each.end, e)
            if f.quantity.unit == each.quantity.unit
            and _is_level(f)
            and _has_any(g.text(max(each.end, f.start - 6), f.start), ("合計", "共", "總計"))
        ]
        found = list(_PARTIES.finditer(g.text(s, each.start)))
        m = found[-1] if found else None
        if not totals or m is None:
            continue
        names = [x for x in re.split(r"及|與|和|、", m.group(1)) if x.strip()]
        n = len(names)
        total = totals[0]
        if n < 2:
            continue
        computed = interval_of(each).scale(float(n))
        if computed.gap(interval_of(total)) > 0:
            continue
        parties = "、".join(x.strip() for x in names)
        c = Check(
            kind="product",
            verdict="consistent",
            formula=f"{n}（{parties}）× 各 {each.quantity.text} = {total.quantity.text}",
            arithmetic=f"{n} × {each.quantity.text} = {_show(computed.mid, total)}"
            f"；報告寫 {total.quantity.text}",
            inputs=(each,),
            stated=total,
            computed=computed,
            expected=interval_of(total),
            unit=total.quantity.unit,
            passage_id=p.id,
            start=each.start,
            end=total.end,
            note="the number of parties is counted from the names before 分別",
        )
        out.append(c)
    return out


def _average(p: Passage, total: Fact, n: Fact, per: Fact, measure: str) -> list[Check]:
    computed = interval_of(total) / interval_of(n)
    formula = f"{total.quantity.text} ÷ {n.quantity.text} = 平均每{measure} {per.quantity.text}"
    arithmetic = (
        f"{total.quantity.text} ÷ {n.quantity.text} = {_show(computed.mid, per)}"
        f"；報告寫 {per.quantity.text}"
    )
    c = _make("product", p, [total, n], per, computed, formula, arithmetic, strict=True)
    return [c] if c is not None else []


def _cue(g: _Geometry, figs: Sequence[Fact], floor: int, f: Fact, words: Sequence[str]) -> bool:
    """True when one of ``words`` stands between the previous figure and ``f``
    ("由 200 件降至 150 件": 由 belongs to 200, 降至 to 150)."""
    prev = max((x.end for x in figs if x.end <= f.start), default=floor)
    return _has_any(g.text(max(prev, f.start - 12), f.start), words)


_DOWN = ("減少", "下降", "降", "衰退", "減")


def growth_formula(
    old: Fact, new: Fact, change: Fact, computed: Interval, relative: bool, points: bool
) -> tuple[str, str]:
    """The formula of a change between two levels, and its arithmetic written out."""
    sym = "％" if relative else (" 個百分點" if points else "")
    formula = (
        f"({new.quantity.text} − {old.quantity.text}) ÷ {old.quantity.text} × 100％"
        if relative
        else f"{new.quantity.text} − {old.quantity.text}"
    )
    arithmetic = (
        f"{formula.removesuffix(' × 100％')} = {fmt_number(computed.mid, 2)}{sym}"
        f"；報告寫 {change.quantity.text}"
    )
    return formula, arithmetic


def growths(p: Passage, g: _Geometry) -> list[Check]:
    """``由 105 年 120 件增至 106 年 150 件，成長 25％``: both periods given with the change."""
    out: list[Check] = []
    for change in p.facts:
        if change.quantity.role != "change":
            continue
        s, _ = g.sentence_of(change.start)
        points = change.quantity.unit == "pp"
        # A change in percentage points is between two percentages; a relative change
        # (％) is between two amounts.
        before = [f for f in g.facts_in(s, change.start) if _is_level(f) and _percent(f) == points]

        frm = [f for f in before if _cue(g, before, s, f, vocab.GROWTH_FROM)]
        to = [f for f in before if _cue(g, before, s, f, vocab.GROWTH_TO)]
        if not frm or not to:
            continue
        old, new = frm[-1], to[-1]
        if old.start >= new.start or old.quantity.unit != new.quantity.unit:
            continue
        lead_in = g.text(g.clause_start(change.start), change.start)
        down = _has_any(lead_in, _DOWN)
        relative = change.quantity.unit == "%"
        if not relative and not points and change.quantity.unit != old.quantity.unit:
            continue
        delta = interval_of(new) - interval_of(old)
        computed = (delta / interval_of(old)).scale(100.0) if relative else delta
        stated_value = change.value
        if down and stated_value > 0:
            stated_value = -stated_value  # "減少 31.9％" written without a sign
        expected = Interval.around(stated_value, interval_of(change).half_width)
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
            expected=expected,
            relative_base=max(abs(stated_value), 1.0) if relative else None,
        )
        if c is not None:
            out.append(c)
    return out
