"""What the words around a figure say about it: qualifier, role and modality.

All three are read from the clause and sentence around a figure with plain string
searches over the tables in :mod:`policyledger.extract.lexicon` — no regexes, so there is
nothing to backtrack.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final

from policyledger.extract.lexicon import (
    ACTUAL_CUES,
    APPROX_FAR_NEXT,
    APPROX_YUE_BAD_BEFORE,
    CHANGE_GAP,
    CHANGE_REACH,
    CHANGE_VERB_BAD_BEFORE,
    CHANGE_VERB_NOT_BEFORE,
    COMPARATIVE_GAPS,
    COMPARATIVE_WORDS,
    COMPARISON_WORDS,
    COMPLETION_BEFORE_CUE,
    COMPLETION_NOT_NEXT,
    COUNT_CHANGE_VERBS,
    CUE_EXCEPTIONS,
    CURRENCY_PREFIXES,
    DECIDED_CUES,
    DECREASE_WORDS,
    FROM_TO_VERBS,
    FROM_WORD,
    FUTURE_JIANG_NEXT,
    INCREASE_WORDS,
    LATER_CLAUSE_ACTUAL_CUES,
    LEVEL_AFTER_CHANGE,
    LEVEL_AFTER_CHANGE_NOT_WORDS,
    NEAR_NOT_AFTER,
    OWN_CLAUSE_ACTUAL_CUES,
    POINT_CHANGE_REACH,
    QUALIFIER_GAP,
    QUALIFIER_GAPS,
    QUALIFIER_NOT_BEFORE,
    QUALIFIER_PREFIXES,
    QUALIFIER_REACH,
    SHORT_CHANGE_VERB_NOT_BEFORE,
    SHORT_VERB_GAPS,
    TARGET_CUE_NOUN_NEXT,
    TARGET_CUES,
    TARGET_NEAR_BASELINE_REACH,
    TARGET_NEAR_CUES,
    TARGET_NEAR_REACH,
    TARGET_POST_CUES,
    TARGET_QI_BAD_BEFORE,
    TARGET_QI_NEXT,
)

SENTENCE_ENDS: Final = frozenset("。；;！!？?")
SENTENCE_REACH: Final = 200
CLAUSE_ENDS: Final = SENTENCE_ENDS | frozenset("，,：:")
# A qualifier must sit right before its figure: stop at anything that ends a phrase.
QUALIFIER_STOPS: Final = CLAUSE_ENDS | frozenset("、（()）「」0123456789０１２３４５６７８９")


@dataclass(frozen=True, slots=True)
class Layout:
    """Where sentences and clauses end and where modality cues stand in one text, found
    once, so each figure's context is a few binary searches rather than a walk (which
    would be quadratic in text without punctuation)."""

    sentence_ends: tuple[int, ...]
    clause_ends: tuple[int, ...]
    target_ends: tuple[int, ...]  # end of each target cue (exceptions removed)
    target_starts: tuple[int, ...]  # start of the same cues
    actual_starts: tuple[int, ...]
    later_actual_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Layout:
        excluded = [(m.start(), m.end()) for m in _EXCEPTION_RE.finditer(text)]
        targets: list[int] = []
        target_starts: list[int] = []
        k = 0
        for m in _TARGET_RE.finditer(text):
            while k < len(excluded) and excluded[k][1] <= m.start():
                k += 1
            if k < len(excluded) and excluded[k][0] <= m.start():
                continue
            # 先期規劃及設計作業: a cue joined to another noun is a noun itself.
            if len(m.group()) > 1 and text[m.end() : m.end() + 1] in TARGET_CUE_NOUN_NEXT:
                continue
            targets.append(m.end())
            target_starts.append(m.start())
        return cls(
            tuple(m.start() for m in _SENTENCE_END_RE.finditer(text)),
            tuple(m.start() for m in _CLAUSE_END_RE.finditer(text)),
            tuple(targets),
            tuple(target_starts),
            tuple(m.start() for m in _ACTUAL_RE.finditer(text)),
            tuple(m.start() for m in _LATER_ACTUAL_RE.finditer(text)),
        )

    def sentence(self, start: int, end: int, length: int) -> tuple[int, int]:
        """The sentence around ``[start, end)``, cut at :data:`SENTENCE_REACH` each way."""
        return self._around(self.sentence_ends, start, end, length)

    def clause(self, start: int, end: int, length: int) -> tuple[int, int]:
        return self._around(self.clause_ends, start, end, length)

    @staticmethod
    def _around(ends: tuple[int, ...], start: int, end: int, length: int) -> tuple[int, int]:
        i = bisect_left(ends, start)
        s = ends[i - 1] + 1 if i > 0 else 0
        j = bisect_left(ends, end)
        e = ends[j] if j < len(ends) else length
        return max(s, start - SENTENCE_REACH), min(e, end + SENTENCE_REACH)

    @staticmethod
    def last_in(positions: tuple[int, ...], lo: int, hi: int) -> int:
        """The last position p with lo <= p <= hi, or -1."""
        i = bisect_right(positions, hi) - 1
        return positions[i] if i >= 0 and positions[i] >= lo else -1


_SENTENCE_END_RE: Final = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]")
_CLAUSE_END_RE: Final = re.compile("[" + re.escape("".join(sorted(CLAUSE_ENDS))) + "]")


def _alternation(words: object) -> re.Pattern[str]:
    """One regex for a word table, longest words first (so 大約 wins over 約)."""
    assert isinstance(words, (tuple, dict, frozenset, list))
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_QUALIFIER_RE: Final = _alternation(QUALIFIER_PREFIXES)
_TARGET_RE: Final = re.compile(
    _alternation(TARGET_CUES).pattern
    + "|將(?=["
    + re.escape("".join(sorted(FUTURE_JIANG_NEXT)))
    + "])|(?<!["
    + re.escape("".join(sorted(TARGET_QI_BAD_BEFORE)))
    + "])期(?=["
    + re.escape("".join(sorted(TARGET_QI_NEXT)))
    + "])"
)
_EXCEPTION_RE: Final = _alternation(CUE_EXCEPTIONS)
_ACTUAL_RE: Final = _alternation(ACTUAL_CUES)
_LATER_ACTUAL_RE: Final = _alternation(LATER_CLAUSE_ACTUAL_CUES)
_POST_CUE_RE: Final = _alternation(TARGET_POST_CUES)
_NEAR_CUE_RE: Final = _alternation(TARGET_NEAR_CUES)
_DECIDED_RE: Final = _alternation(DECIDED_CUES)
_COMPARATIVE_RE: Final = _alternation(COMPARATIVE_WORDS)
_CHANGE_WORDS: Final[dict[str, int]] = {
    **{w: 1 for w in INCREASE_WORDS},
    **{w: -1 for w in DECREASE_WORDS},
}
_CHANGE_RE: Final = _alternation(_CHANGE_WORDS)
_POST_CUE_OFFSET: Final = 4


_BLANKS: Final = frozenset(" \t\u3000\r\n")


def _window_back(text: str, start: int, reach: int, stops: frozenset[str]) -> str:
    """Up to ``reach`` characters before ``start``, stopping at ``stops``, with spaces and
    PDF line breaks left out (超\n\n過 100 家 still reads 超過)."""
    out: list[str] = []
    j = start
    floor = max(0, start - 3 * reach)
    while j > floor and len(out) < reach:
        c = text[j - 1]
        if c in stops:
            break
        if c not in _BLANKS:
            out.append(c)
        j -= 1
    return "".join(reversed(out))


def prefix_qualifier(text: str, start: int) -> str | None:
    """約 / 逾 / 至少 … written shortly before the figure (合計約占總額 76.7％)."""
    window = _window_back(text, start, QUALIFIER_REACH, QUALIFIER_STOPS)
    found: str | None = None
    for m in _QUALIFIER_RE.finditer(window):
        word, i = m.group(), m.start()
        # 近 only right before the number (近年, 附近 are not qualifiers).
        if word == "近" and (
            window[i + 1 :].strip() or (i > 0 and window[i - 1] in NEAR_NOT_AFTER)
        ):
            continue
        if word == "約" and i > 0 and window[i - 1] in APPROX_YUE_BAD_BEFORE:
            continue
        # 突破類 21 案: most qualifiers stand right before the figure; 約 and the bounds
        # may name what they qualify first (約占總額 76.7%, 最高貸款額度 50 萬元).
        rest = window[m.end() :]
        if rest[:1] and rest[0] in QUALIFIER_NOT_BEFORE.get(word, frozenset()):
            continue
        # A currency word between is no distance (超過新臺幣 3.5 億元).
        gap = len(rest)
        for cur in CURRENCY_PREFIXES:
            if rest.endswith(cur):
                gap -= len(cur)
                break
        allowed = QUALIFIER_GAPS.get(word, QUALIFIER_GAP)
        if word in ("約", "大約") and gap > 2 and rest[:1] not in APPROX_FAR_NEXT:
            allowed = 2
        if gap > allowed:
            continue
        found = QUALIFIER_PREFIXES[word]
    return found


def _is_starting_point(text: str, start: int, end: int, floor: int) -> bool:
    """由 5,000 萬元提高至 1.5 億元: the figure a planned change starts from."""
    i = text.rfind(FROM_WORD, max(floor, start - 20), start)
    if i < 0 or any(c in CLAUSE_ENDS for c in text[i:start]):
        return False
    after = "".join(text[end : end + 12].split())
    return any(v in after[:8] for v in FROM_TO_VERBS)


def _completed_before(text: str, word: str, lo: int, hi: int, layout: Layout) -> bool:
    """``word`` (完成) in ``text[lo:hi]``, neither as 完成後 (which starts a plan) nor
    itself planned by an earlier cue (期能達成未來 4 年)."""
    i = text.find(word, lo, hi)
    while i >= 0:
        if not text.startswith(COMPLETION_NOT_NEXT, i + len(word)) and (
            layout.last_in(layout.target_ends, lo, i) < 0
        ):
            return True
        i = text.find(word, i + 1, hi)
    return False


def modality(text: str, start: int, end: int, *, structural: bool, layout: Layout) -> str:
    """``target`` when a plan/forecast cue governs the figure, else ``actual``.

    ``structural`` figures (兩廠, 3 大策略) name what exists and stay actual.
    """
    if structural:
        return "actual"
    s, _ = layout.sentence(start, end, len(text))
    before = text[s:start]
    cs, ce = layout.clause(start, end, len(text))
    after = text[end:ce]
    pm = _POST_CUE_RE.search(after)
    if pm is not None and pm.start() < _POST_CUE_OFFSET:
        return "target"
    if any(c in after for c in TARGET_POST_CUES if len(c) > 2):
        return "target"
    for nm in _NEAR_CUE_RE.finditer(before, max(0, len(before) - TARGET_NEAR_REACH - 4)):
        gap = before[nm.end() :]
        # 較計畫目標低 0.11 個百分點: a goal compared against is the baseline.
        lead = before[max(0, nm.start() - TARGET_NEAR_BASELINE_REACH) : nm.start()]
        if any(w in lead for w in COMPARISON_WORDS):
            continue
        # 目標達成率 111.62%, 達成預定目標的 34.62%: how far a goal was reached is a result.
        if len(gap) <= TARGET_NEAR_REACH and not any(c.isdigit() or c in "率的之" for c in gap):
            return "target"
    t = layout.last_in(layout.target_ends, s + 1, start)
    if t < 0:
        return "actual"
    if t <= cs and any(w in after for w in OWN_CLAUSE_ACTUAL_CUES):
        return "actual"
    if _is_starting_point(text, start, end, s):
        return "actual"
    # 辦理完成…先期規劃 6 區: a plan that was completed is a result.
    ti = bisect_left(layout.target_ends, t)
    cue_start = layout.target_starts[ti]
    cue_cs, _ = layout.clause(cue_start, t, len(text))
    if any(_completed_before(text, w, cue_cs, cue_start, layout) for w in COMPLETION_BEFORE_CUE):
        return "actual"
    if layout.last_in(layout.actual_starts, s, start - 1) >= t:
        return "actual"
    # 預計…，總計完成 4 萬筆: a completion word in a later clause than the cue.
    ci = bisect_left(layout.clause_ends, t)
    cue_clause_end = layout.clause_ends[ci] if ci < len(layout.clause_ends) else len(text)
    la = layout.last_in(layout.later_actual_starts, cue_clause_end, start - 1)
    if la >= 0:
        # ...unless a goal is set for it in its own clause (目標 107 年完成 20 萬戶).
        la_cs, _ = layout.clause(la, la + 1, len(text))
        if _NEAR_CUE_RE.search(text, la_cs, la) is None:
            return "actual"
    if _DECIDED_RE.search(text, cs, ce) is not None:
        return "actual"
    return "target"


def _comparative(window: str) -> int:
    """Sign of 較上年高 / 比計畫低 / 較上年縮短 written right before the figure, else 0."""
    found = 0
    for m in _COMPARATIVE_RE.finditer(window):
        if window[m.end() :].strip(" \t\u3000") not in COMPARATIVE_GAPS:
            continue
        if any(c in window[: m.start()] for c in COMPARISON_WORDS):
            found = COMPARATIVE_WORDS[m.group()]
    return found


def _names_new_level(gap: str) -> bool:
    """提高至 / 降為 …: the words between verb and figure make the figure the new level
    (but 降低成本 2.3 億元 is a reduction: 成本 is a noun)."""
    if gap.startswith(LEVEL_AFTER_CHANGE_NOT_WORDS):
        return gap.endswith(LEVEL_AFTER_CHANGE)
    return any(gap.startswith(x) or gap.endswith(x) for x in LEVEL_AFTER_CHANGE)


def role_and_sign(
    text: str, start: int, *, is_count: bool, points: bool = False
) -> tuple[str, int]:
    """(``change``/``level``, sign) from the verb before the figure.

    ``points`` figures (個百分點) are differences of rates: any change verb earlier in
    their clause governs them, whatever stands between.
    """
    j = start - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    if j >= 0 and text[j] in "+-＋－" and j > 0:
        k = j - 1
        while k >= 0 and text[k] in " \t\u3000":
            k -= 1
        # (-15.21%), a table cell | -8.5%: a signed figure is a change.
        if k >= 0 and text[k] in "(（|｜":
            return "change", (-1 if text[j] in "-－" else 1)
        start = j  # read the words before the sign (降幅擴大為-10.13%)
    window = _window_back(text, start, CHANGE_REACH, CLAUSE_ENDS)
    comparative = _comparative(window)
    if comparative:
        return "change", comparative
    if points:
        wide = _window_back(text, start, POINT_CHANGE_REACH, CLAUSE_ENDS)
        last = None
        for m in _CHANGE_RE.finditer(wide):
            after = wide[m.end() :]
            if after.startswith(CHANGE_VERB_NOT_BEFORE) or len(m.group()) == 1:
                continue
            if m.start() > 0 and wide[m.start() - 1] in CHANGE_VERB_BAD_BEFORE:
                continue
            last = m
        if last is not None:
            gap = wide[last.end() :].strip()
            if not _names_new_level(gap):
                return "change", _CHANGE_WORDS[last.group()]
    best = -1
    sign = 1
    verb = ""
    for m in _CHANGE_RE.finditer(window):
        w, i = m.group(), m.start()
        after = window[m.end() :]
        if after.startswith(CHANGE_VERB_NOT_BEFORE):
            continue
        if len(w) == 1 and after.startswith(SHORT_CHANGE_VERB_NOT_BEFORE):
            continue
        if i > 0 and window[i - 1] in CHANGE_VERB_BAD_BEFORE:
            continue
        # 增資, 增建, 減稅: a one-character verb counts only right before the figure.
        if len(w) == 1 and after.strip(" \t\u3000") not in SHORT_VERB_GAPS:
            continue
        best, sign, verb = m.end(), _CHANGE_WORDS[w], w
    if best < 0:
        return "level", 1
    gap = window[best:].strip()
    # 節電率達 20%: a rate named after the verb is a level, not the change itself.
    # 貢獻占 75%: a share is a level too.
    if len(gap) > CHANGE_GAP or "率" in gap or "占" in gap:
        return "level", 1
    if _names_new_level(gap):
        return "level", 1
    # 增建 3 座, 提升 30 家: with a count, a verb is a change only against a baseline
    # (較上年增加 5 件) or when it stands right before the figure.
    # 增加就業機會 20 人: 增加/減少 govern the counted noun between.
    if (
        is_count
        and "較" not in window
        and (gap or len(verb) < 2)
        and not (verb in COUNT_CHANGE_VERBS and not any(c.isdigit() for c in gap))
    ):
        return "level", 1
    return "change", sign
