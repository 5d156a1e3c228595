"""Finding commitments in one report's sentences: pure functions over stored facts.

A commitment is a deadline the report sets itself (``107 年底前``, ``3 年內``, the end of a
programme's ``計畫期程``) together with the target figure it promises by then, or on its
own when the promise is an action (``預計於 107 年 8 月招標``). Target figures without any
deadline are kept too, flagged ``no_deadline``, so a reader sees what cannot be checked.
Forecasts (``預估``, ``預測``: other economies' growth, firms' expected orders), targets
already met (``達成率``) and dates in the report's own past are not promises.

The facts come from ``policyledger.extract`` via the store; this module only decides
which dates are promises and which figures belong to them, from the cue words in
:mod:`policyledger.commitments.vocab`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from policyledger.commitments import vocab
from policyledger.commitments.calendar import (
    month_start,
    resolve_horizon,
    window_start,
)
from policyledger.commitments.models import Commitment, Deadline, Figure
from policyledger.models import CalendarExpr, Quantity

_CN_NUM = {"一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HORIZON = re.compile(r"([0-9０-９]{1,2}|[一二兩三四五六七八九十]{1,3})\s*(年|個月)\s*內")
_FUTURE = re.compile("|".join(map(re.escape, vocab.FUTURE_CUES)))
_PAST = re.compile("|".join(map(re.escape, vocab.PAST_CUES)))
# 本年1至8月26日: a 至 right after a number ends a span whose start had no unit of its own
# (期至 111 年, 至 107 年 2 月底 are not spans).
_SPAN_TAIL = re.compile(r"[0-9０-９]\s*[至到]\s*$")
# 於6月15日將會議紀錄函送…: a 將 right after a day is the object marker (把), not the future.
_OBJECT_JIANG = re.compile(r"日\s*將(?!於|可|要)")
_LEADING_MARKER = re.compile(r"^\s*(?:[（(]?[0-9０-９一二三四五六七八九十]+[)）、]\s*)+")


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """One stored sentence with its facts; every offset is into the report text."""

    text: str
    start: int
    end: int
    quantities: tuple[tuple[int | None, Quantity], ...] = ()
    dates: tuple[CalendarExpr, ...] = ()
    sentence_id: int | None = None
    paragraph_id: int | None = None
    paragraph_ord: int | None = None
    section_id: int | None = None
    section_path: str | None = None
    section_title: str | None = None
    domain: str = ""


def _cn_int(s: str) -> int:
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN_NUM.get(tens, 1) * 10 + _CN_NUM.get(ones, 0)
    return _CN_NUM.get(s, 0)


class _Sentence:
    """Clause geometry and cue positions of one sentence, in sentence-local offsets."""

    def __init__(self, facts: SentenceFacts) -> None:
        self.f = facts
        self.text = facts.text
        bounds = [0]
        for i, ch in enumerate(self.text):
            if ch in vocab.CLAUSE_BREAKS and ch not in ",:;":
                bounds.append(i + 1)
        bounds.append(len(self.text))
        self.clauses = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
        self.cues = sorted(
            [
                (m.start(), True)
                for m in _FUTURE.finditer(self.text)
                if not (m.group() == "將" and _OBJECT_JIANG.match(self.text, max(0, m.start() - 1)))
            ]
            + [(m.start(), False) for m in _PAST.finditer(self.text)]
        )

    def local(self, offset: int) -> int:
        return offset - self.f.start

    def clause(self, local: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= local < b:
                return a, b
        return self.clauses[-1] if self.clauses else (0, len(self.text))

    def clause_text(self, local: int) -> str:
        a, b = self.clause(local)
        return self.text[a:b]

    def future_at(self, local: int) -> bool:
        """Is ``local`` inside future talk: a future cue in its clause, or the last cue
        before it in the sentence is a future one (預計 107 年底…，108 年底…)."""
        a, b = self.clause(local)
        if any(future and a <= pos < b for pos, future in self.cues):
            # ``已於 106 年底前完成…`` shares no clause with a future cue, but a clause
            # like ``已…，將…`` can: the cue nearest before the date decides.
            before = [future for pos, future in self.cues if a <= pos < local]
            return before[-1] if before else True
        before = [future for pos, future in self.cues if pos < local]
        return bool(before) and before[-1]


def _is_past(end: str, began: str, reference: str | None) -> bool:
    """Was a period ending ``end`` over when the report was written? Its month still
    counts as ahead (a March report's ``3 月底前``), but a period that began before that
    month and ends by the report's date (101 年, or 101年7月至12月, in a report on
    101年7月至12月) is the report's own past."""
    if reference is None:
        return False
    first = month_start(reference)
    return end < first or (began < first and end <= reference)


def _deadline_from_date(s: _Sentence, d: CalendarExpr, reference: str | None) -> Deadline | None:
    lo, hi = s.local(d.start), s.local(d.end)
    after = s.text[hi : hi + 4].lstrip()
    clause = s.clause_text(lo)
    if after.startswith("之") or (after[:1].isascii() and after[:1].isalpha()):
        return None  # 120 年之公共用水需求, 107 年 APEC: a year naming something
    if s.text[max(0, lo - 2) : lo].rstrip().endswith(("~", "～", "-")) or _SPAN_TAIL.search(
        s.text[max(0, lo - 6) : lo]
    ):
        return None  # the end of a span the extractor split (1~4 月電費, 本年1至8月26日)
    if any(w in clause for w in vocab.NOT_PROMISE_CUES):
        return None
    end = d.end_date or d.start_date
    if end is None:
        return None
    gran = d.granularity
    kind = d.type
    text = d.text
    win = window_start(end, gran)
    if d.type == "range":
        kind = "range_end"
        win = window_start(end, gran)
    if after.startswith("起") and d.start_date:
        kind, end, win, text = "from", d.start_date, d.start_date, d.text + "起"
    elif gran == "year" and after.startswith("中"):
        # 111 年中: the middle of the year, read as its end of June.
        end, win, gran, text = end[:5] + "06-30", end[:5] + "06-01", "month", d.text + "中"
    elif gran == "year" and after.startswith("下半年"):
        win, text = end[:5] + "07-01", d.text + "下半年"
    elif gran == "year" and after.startswith("上半年"):
        end, win, text = end[:5] + "06-30", end[:5] + "01-01", d.text + "上半年"
    began = d.start_date if d.type == "range" and d.start_date else win
    if _is_past(end, min(began, win), reference):
        return None  # already past when the report was written: an achievement
    if kind == "range_end":
        # A span is a deadline as a programme's period (計畫期程為 95 年 1 月至 111 年
        # 12月), or when its own clause plans it; 1~4 月電費 is just a span.
        before = s.text[max(0, lo - 8) : lo]
        promised = any(w in before for w in vocab.PROGRAMME_PERIOD_CUES) or any(
            w in clause for w in vocab.FUTURE_CUES
        )
    else:
        promised = s.future_at(lo)
    if not promised and d.type == "by":
        # 107 年 4 月 30 日前 promises on its own; 累計至 101 年 12 月底止 reports.
        before = s.text[s.clause(lo)[0] : lo]
        promised = not any(w in before for w in vocab.PAST_CUES)
    if not promised:
        return None
    return Deadline(end, min(win, end), text, kind, gran, d.start, d.start + len(text))


def _horizons(s: _Sentence, reference: str | None) -> list[Deadline]:
    if reference is None:
        return []
    out = []
    for m in _HORIZON.finditer(s.text):
        clause = s.clause_text(m.start())
        if any(w in clause for w in (*vocab.NOT_PROMISE_CUES, *vocab.OBLIGATION_CUES)):
            continue
        if not s.future_at(m.start()):
            continue
        # 於 3 年內（至 109 年底）: the explicit date the report gives wins.
        tail = s.text[m.end() : m.end() + 3]
        if tail.startswith(("（至", "(至")):
            continue
        amount = _cn_int(m.group(1))
        unit = "year" if m.group(2) == "年" else "month"
        date = resolve_horizon(reference, amount, unit)
        start = s.f.start + m.start()
        out.append(Deadline(date, date, m.group(0), "horizon", "day", start, s.f.start + m.end()))
    return out


def _usable(s: _Sentence, q: Quantity) -> bool:
    if q.unit in vocab.DURATION_UNITS:
        return False
    if not any(ch.isdigit() for ch in q.text):
        # 兩廠, 一條龍: the reports write figures in digits; a Chinese numeral is a word.
        return False
    lo = s.local(q.start)
    a, _ = s.clause(lo)
    prefix = s.text[a:lo]
    if any(w in prefix for w in (*vocab.BUDGET_CUES, *vocab.EQUIVALENCE_CUES)):
        return False
    near = s.text[max(0, lo - 4) : lo]
    return not any(w in near for w in vocab.PER_UNIT_CUES)


def _past_clause(s: _Sentence, q: Quantity, reference: str | None) -> bool:
    lo = s.local(q.start)
    a, b = s.clause(lo)
    if any(w in s.text[a:lo] for w in vocab.PAST_CUES):
        return True
    if reference is None:
        return False
    for d in s.f.dates:
        dl = s.local(d.start)
        end = d.end_date or d.start_date
        if a <= dl < b and end is not None:
            began = d.start_date or end
            if _is_past(end, min(began, window_start(end, d.granularity)), reference):
                return True
    return False


def _figure(qid: int | None, q: Quantity) -> Figure:
    return Figure(
        q.text,
        q.start,
        q.end,
        q.value,
        q.unit,
        q.raw_unit,
        q.qualifier,
        q.value_max,
        q.precision,
        qid,
    )


def _subject(s: _Sentence, offset: int) -> str:
    a, b = s.clause(s.local(offset))
    text = s.text[a:b].strip().rstrip("，,；;。：:")
    text = _LEADING_MARKER.sub("", text)
    return re.sub(r"\s+", " ", text)[:80]


def commitments_in_sentence(
    facts: SentenceFacts, *, report_id: str, reference: str | None
) -> list[Commitment]:
    """Every commitment one sentence makes, in text order (see the module docstring)."""
    nothing_dated = not facts.dates and "內" not in facts.text
    if nothing_dated and not any(q.modality == "target" for _, q in facts.quantities):
        return []  # no date, no horizon, no target: most sentences of a report
    if any(w in facts.text for w in vocab.FORECAST_CUES) and not any(
        w in facts.text for w in vocab.FORECAST_EXCEPT
    ):
        return []  # an estimate or somebody's forecast, not a promise
    s = _Sentence(facts)
    deadlines = [dl for d in facts.dates if (dl := _deadline_from_date(s, d, reference))]
    deadlines += _horizons(s, reference)
    deadlines.sort(key=lambda d: d.start)
    qs = sorted(facts.quantities, key=lambda iq: iq[1].start)
    used: set[int] = set()
    out: list[Commitment] = []

    def make(fig: Figure | None, dl: Deadline | None, at: int, flags: tuple[str, ...]) -> None:
        out.append(
            Commitment(
                report_id=report_id,
                source=facts.text,
                start=facts.start,
                end=facts.end,
                subject=_subject(s, at),
                domain=facts.domain,
                section_path=facts.section_path,
                section_title=facts.section_title,
                figure=fig,
                deadline=dl,
                flags=flags,
                sentence_id=facts.sentence_id,
                paragraph_id=facts.paragraph_id,
                paragraph_ord=facts.paragraph_ord,
                section_id=facts.section_id,
            )
        )

    for i, dl in enumerate(deadlines):
        nxt = deadlines[i + 1].start if i + 1 < len(deadlines) else facts.end
        prev = deadlines[i - 1].end if i > 0 else facts.start
        home = s.clause(s.local(dl.start))
        picked: list[tuple[int, Quantity]] = []
        for n, (_qid, q) in enumerate(qs):
            if n in used or q.start < dl.end or q.start >= nxt:
                continue
            a, _ = s.clause(s.local(q.start))
            between = s.text[s.local(dl.end) : s.local(q.start)]
            prefix = s.text[a : s.local(q.start)]
            effect = between
            for w in vocab.ON_COMPLETION:
                effect = effect.replace(w, "")
            if any(w in effect for w in vocab.CONSEQUENCE_MARKS) or (
                (a, _) != home and any(w in prefix for w in vocab.PAST_CUES)
            ):
                break  # 機制後…, 俟…結果, 已…: past the promise itself (完工後 is not)
            if _usable(s, q):
                picked.append((n, q))
        if not picked:
            tail = s.text[s.local(dl.end) : home[1]]
            if dl.kind == "range_end" or any(v in tail for v in vocab.DELIVERY_VERBS):
                for n, (_qid, q) in enumerate(qs):
                    if n in used or q.end > dl.start or q.start < prev:
                        continue
                    if _usable(s, q) and not _past_clause(s, q, reference):
                        picked.append((n, q))
        for n, q in picked:
            used.add(n)
            make(_figure(qs[n][0], q), dl, q.start, ())
        if not picked:
            make(None, dl, dl.start, ("no_figure",))

    achieved = any(w in facts.text for w in vocab.ACHIEVED_CUES)
    for n, (qid, q) in enumerate(qs):
        if n in used or achieved or q.modality != "target" or not _usable(s, q):
            continue
        if _past_clause(s, q, reference):
            continue
        make(_figure(qid, q), None, q.start, ("no_deadline",))
    return out


_PROGRAMME_SPAN = re.compile(r"[（(]\s*(\d{2,3})\s*年\s*[至到~～－-]\s*(\d{2,3})\s*年\s*[)）]")


def programme_period(facts: SentenceFacts, reference: str | None) -> Deadline | None:
    """A programme's period written in brackets after its name, 「無自來水地區供水改善計畫
    第三期（106 年至 109 年）」, when it ends after the report: its end is the deadline of
    the programme's targets stated later in the same paragraph."""
    found = None
    for m in _PROGRAMME_SPAN.finditer(facts.text):
        end = f"{int(m.group(2)) + 1911}-12-31"
        if reference is None or end >= month_start(reference):
            start = facts.start + m.start() + 1
            text = m.group(0)[1:-1]
            found = Deadline(
                end, end[:5] + "01-01", text, "range_end", "year", start, start + len(text)
            )
    return found


def _stated_period(facts: SentenceFacts, found: Sequence[Commitment]) -> Deadline | None:
    """A programme period stated as a clause of its own (期程自 106 年 9 月至 110 年 8 月),
    which dates the 預期 figures of the sentences after it."""
    for c in found:
        dl = c.deadline
        if dl is None or dl.kind != "range_end" or c.figure is not None:
            continue
        lo = dl.start - facts.start
        if any(w in facts.text[max(0, lo - 8) : lo] for w in vocab.PROGRAMME_PERIOD_CUES):
            return dl
    return None


def derive_commitments(
    sentences: Iterable[SentenceFacts], *, report_id: str, reference: str | None
) -> list[Commitment]:
    """All commitments of a report, in text order.

    A target stated as a 目標 (or 預期, 預計) without a date of its own takes the period of
    the programme named earlier in its paragraph (see :func:`programme_period` and
    :func:`_stated_period`).
    """
    out: list[Commitment] = []
    programme: tuple[int | None, Deadline | None] = (None, None)
    for facts in sentences:
        if programme[0] != facts.paragraph_id:
            programme = (facts.paragraph_id, None)
        found = commitments_in_sentence(facts, report_id=report_id, reference=reference)
        period = programme[1]
        if period is not None:
            found = [
                replace(c, deadline=period, flags=())
                if c.flags == ("no_deadline",)
                and any(w in c.subject for w in vocab.PERIOD_TARGET_CUES)
                else c
                for c in found
            ]
        out.extend(found)
        programme = (
            facts.paragraph_id,
            programme_period(facts, reference) or _stated_period(facts, found) or period,
        )
    return out


def sort_key(c: Commitment) -> tuple[int, int]:
    return (c.start, c.figure.start if c.figure else (c.deadline.start if c.deadline else 0))


__all__: Sequence[str] = ("SentenceFacts", "commitments_in_sentence", "derive_commitments")
