"""What the words around a figure say about it: qualifier, role and modality.

All three are read from the clause and sentence around a figure with plain string
searches over the tables in :mod:`policyledger.extract.lexicon` — no regexes, so there is
nothing to backtrack.
"""

from __future__ import annotations

from typing import Final

from policyledger.extract.lexicon import (
    ACTUAL_CUES,
    APPROX_YUE_BAD_BEFORE,
    CHANGE_GAP,
    CHANGE_REACH,
    CHANGE_VERB_BAD_BEFORE,
    CHANGE_VERB_NOT_BEFORE,
    CUE_EXCEPTIONS,
    DECIDED_CUES,
    DECREASE_WORDS,
    FUTURE_JIANG_NEXT,
    INCREASE_WORDS,
    LATER_CLAUSE_ACTUAL_CUES,
    LEVEL_AFTER_CHANGE,
    QUALIFIER_PREFIXES,
    QUALIFIER_REACH,
    SHORT_VERB_GAPS,
    TARGET_CUES,
    TARGET_NEAR_CUES,
    TARGET_NEAR_REACH,
    TARGET_POST_CUES,
    TARGET_QI_BAD_BEFORE,
    TARGET_QI_NEXT,
)

SENTENCE_ENDS: Final = frozenset("。；;！!？?")
CLAUSE_ENDS: Final = SENTENCE_ENDS | frozenset("，,：:")
# A qualifier must sit right before its figure: stop at anything that ends a phrase.
QUALIFIER_STOPS: Final = CLAUSE_ENDS | frozenset("、（()）「」0123456789０１２３４５６７８９")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = start
    while s > 0 and text[s - 1] not in SENTENCE_ENDS:
        s -= 1
    e = end
    while e < len(text) and text[e] not in SENTENCE_ENDS:
        e += 1
    return s, e


def clause_start(text: str, pos: int, floor: int) -> int:
    s = pos
    while s > floor and text[s - 1] not in CLAUSE_ENDS:
        s -= 1
    return s


def clause_end(text: str, pos: int, ceil: int) -> int:
    e = pos
    while e < ceil and text[e] not in CLAUSE_ENDS:
        e += 1
    return e


def prefix_qualifier(text: str, start: int) -> str | None:
    """约 / 逾 / 至少 … written shortly before the figure (合計約占總額 76.7％)."""
    lo = start
    while lo > 0 and start - lo < QUALIFIER_REACH and text[lo - 1] not in QUALIFIER_STOPS:
        lo -= 1
    window = text[lo:start]
    best: tuple[int, str] | None = None
    for word, q in QUALIFIER_PREFIXES.items():
        i = window.rfind(word)
        if i < 0:
            continue
        # 近 only right before the number (近年, 附近 are not qualifiers).
        if word == "近" and window[i + 1 :].strip():
            continue
        if word == "近" and i > 0 and window[i - 1] in "將接附最鄰":
            continue
        if word == "約" and i > 0 and window[i - 1] in APPROX_YUE_BAD_BEFORE:
            continue
        key = i + len(word)
        if best is None or key > best[0] or (key == best[0] and len(word) > 0):
            best = (key, q)
    return best[1] if best else None


def _find_cue(window: str, cues: tuple[str, ...]) -> int:
    """Position just after the last target cue in ``window``, or -1."""
    last = -1
    for cue in cues:
        i = window.rfind(cue)
        while i >= 0:
            if not any(
                window.startswith(x, j)
                for x in CUE_EXCEPTIONS
                for j in range(max(0, i - len(x) + 1), i + 1)
            ):
                last = max(last, i + len(cue))
                break
            i = window.rfind(cue, 0, i)
    # 將 as the future, not the object marker.
    i = window.rfind("將")
    while i >= 0:
        nxt = window[i + 1] if i + 1 < len(window) else ""
        if nxt in FUTURE_JIANG_NEXT:
            last = max(last, i + 1)
            break
        i = window.rfind("將", 0, i)
    # 期 alone: only 期至 / 期能 / 期使 … and not 同期 / 本期 / 第 1 期.
    i = window.rfind("期")
    while i >= 0:
        nxt = window[i + 1] if i + 1 < len(window) else ""
        prv = window[i - 1] if i > 0 else ""
        if nxt in TARGET_QI_NEXT and prv not in TARGET_QI_BAD_BEFORE:
            last = max(last, i + 1)
            break
        i = window.rfind("期", 0, i)
    return last


def modality(text: str, start: int, end: int, *, structural: bool) -> str:
    """``target`` when a plan/forecast cue governs the figure, else ``actual``.

    ``structural`` figures (兩廠, 3 大策略) name what exists and stay actual.
    """
    if structural:
        return "actual"
    s, e = sentence_bounds(text, start, end)
    before = text[s:start]
    cs = clause_start(text, start, s)
    ce = clause_end(text, end, e)
    after = text[end:ce]
    if any(after.startswith(c, k) for c in TARGET_POST_CUES for k in range(min(len(after), 4))):
        return "target"
    if any(c in after for c in ("為目標", "之目標", "的目標")):
        return "target"
    for cue in TARGET_NEAR_CUES:
        i = before.rfind(cue)
        if i >= 0:
            gap = before[i + len(cue) :]
            if len(gap) <= TARGET_NEAR_REACH and not any(c.isdigit() for c in gap):
                return "target"
    t = _find_cue(before, TARGET_CUES)
    if t < 0:
        return "actual"
    a = -1
    for cue in ACTUAL_CUES:
        i = before.rfind(cue)
        if i >= 0:
            a = max(a, i)
    if a >= t:
        return "actual"
    # 預計…，總計完成 4 萬筆: a completion word in a later clause than the cue.
    cue_clause_end = clause_end(before, t, len(before))
    for cue in LATER_CLAUSE_ACTUAL_CUES:
        if before.find(cue, cue_clause_end) >= 0:
            return "actual"
    clause = text[cs:ce]
    if any(c in clause for c in DECIDED_CUES):
        return "actual"
    return "target"


def role_and_sign(text: str, start: int, *, is_count: bool) -> tuple[str, int]:
    """(``change``/``level``, sign) from the verb before the figure."""
    j = start - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    if j >= 0 and text[j] in "+-＋－" and j > 0 and text[j - 1] in "(（":
        return "change", (-1 if text[j] in "-－" else 1)
    lo = start
    while lo > 0 and start - lo < CHANGE_REACH and text[lo - 1] not in CLAUSE_ENDS:
        lo -= 1
    window = text[lo:start]
    best = -1
    sign = 1
    verb = ""
    for words, sg in ((INCREASE_WORDS, 1), (DECREASE_WORDS, -1)):
        for w in words:
            i = window.rfind(w)
            if i < 0:
                continue
            after = window[i + len(w) :]
            if after.startswith(CHANGE_VERB_NOT_BEFORE):
                continue
            if i > 0 and window[i - 1] in CHANGE_VERB_BAD_BEFORE:
                continue
            # 增資, 增建, 減稅: a one-character verb counts only right before the figure.
            if len(w) == 1 and after.strip(" \t\u3000") not in SHORT_VERB_GAPS:
                continue
            if i + len(w) > best or (i + len(w) == best and len(w) > len(verb)):
                best, sign, verb = i + len(w), sg, w
    if best < 0:
        return "level", 1
    gap = window[best:].strip()
    if len(gap) > CHANGE_GAP:
        return "level", 1
    if any(gap.startswith(x) or gap.endswith(x) for x in LEVEL_AFTER_CHANGE):
        return "level", 1
    # 增建 3 座, 提升 30 家: with a count, a verb is a change only against a baseline
    # (較上年增加 5 件) or when it stands right before the figure.
    if is_count and "較" not in window and (gap or len(verb) < 2):
        return "level", 1
    return "change", sign
