"""The pure core of commitments: deadlines, statuses around their boundaries, horizons,
evidence and the sentence reader, on hand-built facts (no extractor, no database)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from policyledger.commitments.calendar import reference_date, resolve_horizon, window_start
from policyledger.commitments.derive import SentenceFacts, commitments_in_sentence
from policyledger.commitments.linking import similarity, unit_family
from policyledger.commitments.models import Deadline, Figure
from policyledger.commitments.status import evidence_status, schedule_status
from policyledger.models import CalendarExpr, Quantity


def _deadline(date: str, gran: str) -> Deadline:
    return Deadline(date, window_start(date, gran), "x", "by", gran, 0, 1)


# --- schedule status around its boundaries ------------------------------------------------


def test_day_deadline_boundaries() -> None:
    dl = _deadline("2018-11-01", "day")
    assert [schedule_status(dl, d) for d in ("2018-10-31", "2018-11-01", "2018-11-02")] == [
        "not_due",
        "due",
        "overdue",
    ]


def test_end_of_month_deadline_is_due_through_its_month() -> None:
    # 預計在 107 年 6 月底前達成 1,520 MW
    dl = _deadline("2018-06-30", "month")
    assert dl.window_start == "2018-06-01"
    got = [
        schedule_status(dl, d)
        for d in ("2018-05-31", "2018-06-01", "2018-06-29", "2018-06-30", "2018-07-01")
    ]
    assert got == ["not_due", "due", "due", "due", "overdue"]


def test_end_of_year_deadline() -> None:
    # 目標 107 年完成 20 萬戶
    dl = _deadline("2018-12-31", "year")
    got = [
        schedule_status(dl, d)
        for d in ("2017-12-31", "2018-01-01", "2018-12-30", "2018-12-31", "2019-01-01")
    ]
    assert got == ["not_due", "due", "due", "due", "overdue"]


def test_february_month_end_in_a_leap_year() -> None:
    dl = _deadline("2020-02-29", "month")
    assert [schedule_status(dl, d) for d in ("2020-01-31", "2020-02-29", "2020-03-01")] == [
        "not_due",
        "due",
        "overdue",
    ]


def test_no_deadline() -> None:
    assert schedule_status(None, "2019-01-01") == "no_deadline"


def test_reversed_window_is_refused() -> None:
    with pytest.raises(ValueError, match="reversed"):
        Deadline("2018-01-01", "2018-02-01", "x", "by", "day", 0, 1)


# --- report dates and horizons -----------------------------------------------------------


def test_reference_date_from_report_date_or_period() -> None:
    assert reference_date(None, "107年3月") == "2018-03-31"
    assert reference_date("2018-03", None) == "2018-03-31"
    assert reference_date("2018-03-12", "107年3月") == "2018-03-12"
    # A half-year report speaks from the end of its period, as its file name says.
    assert reference_date(None, "98年1月至6月") == "2009-06-30"
    assert reference_date(None, "101年7月至12月") == "2012-12-31"
    assert reference_date(None, "101年7月至102年6月") == "2013-06-30"
    assert reference_date(None, None) is None


def test_horizons_resolve_and_clamp() -> None:
    assert resolve_horizon("2018-03-31", 3, "year") == "2021-03-31"
    assert resolve_horizon("2018-03-31", 6, "month") == "2018-09-30"
    assert resolve_horizon("2020-02-29", 1, "year") == "2021-02-28"


# --- evidence ------------------------------------------------------------------------------


def _fig(
    value: float, qualifier: str = "exact", value_max: float | None = None, precision: float = 0.0
) -> Figure:
    return Figure("t", 0, 1, value, "kW", "MW", qualifier, value_max, precision)


def test_evidence_met_partly_missed() -> None:
    target = _fig(1_520_000)
    assert evidence_status(target, 1_680_000) == "met"
    assert evidence_status(target, 1_520_000) == "met"
    assert evidence_status(target, 1_000_000) == "partly_met"
    assert evidence_status(target, 700_000) == "missed"
    assert evidence_status(target, None) == "no_figure"
    assert evidence_status(None, 5.0) == "no_figure"


def test_evidence_for_a_range_an_upper_bound_and_a_rounded_target() -> None:
    assert evidence_status(_fig(10, value_max=12), 10) == "met"  # 10~12 場
    assert evidence_status(_fig(1.15, "at_most"), 0.74) == "met"  # 1.15‰以下
    assert evidence_status(_fig(1.15, "at_most"), 2.0) == "partly_met"
    assert evidence_status(_fig(110_000, "approx", precision=5_000), 109_600) == "met"


# --- reading one sentence ------------------------------------------------------------------


def _facts(
    text: str,
    quantities: list[tuple[str, float, str, str, str]],
    dates: list[tuple[str, str, str | None, str, str]],
) -> SentenceFacts:
    qs = []
    for n, (qtext, value, unit, raw, modality) in enumerate(quantities):
        at = text.index(qtext)
        qs.append(
            (n + 1, Quantity(qtext, at, at + len(qtext), value, unit, raw, modality=modality))
        )
    ds = []
    for dtext, typ, start, end, gran in dates:
        at = text.index(dtext)
        ds.append(CalendarExpr(dtext, at, at + len(dtext), typ, start, end, gran))
    return SentenceFacts(text, 0, len(text), tuple(qs), tuple(ds), domain="能源")


def test_two_deadlines_in_one_sentence_each_take_their_figure() -> None:
    text = "目標 107 年完成 20 萬戶、109 年累計完成 100 萬戶。"
    f = _facts(
        text,
        [("20 萬戶", 2e5, "count", "萬戶", "target"), ("100 萬戶", 1e6, "count", "萬戶", "target")],
        [
            ("107 年", "date", "2018-01-01", "2018-12-31", "year"),
            ("109 年", "date", "2020-01-01", "2020-12-31", "year"),
        ],
    )
    got = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert [
        (c.deadline.date if c.deadline else None, c.figure.text if c.figure else None) for c in got
    ] == [("2018-12-31", "20 萬戶"), ("2020-12-31", "100 萬戶")]
    assert all(c.measurable and c.source == text and c.domain == "能源" for c in got)


def test_relative_horizon_is_resolved_on_the_report_date() -> None:
    text = "預計 3 年內帶動投資 22.3 億元。"
    f = _facts(
        text,
        [("3 年", 3, "year", "年", "target"), ("22.3 億元", 22.3e8, "TWD", "億元", "target")],
        [],
    )
    (c,) = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert c.deadline is not None and c.deadline.kind == "horizon"
    assert c.deadline.date == "2021-03-31" and c.deadline.text == "3 年內"
    assert c.figure is not None and c.figure.text == "22.3 億元"


def test_past_dates_and_rules_for_others_are_not_promises() -> None:
    text = "已於 106 年底前完成設計，申請人應於 2 年內取得使用執照。"
    f = _facts(text, [], [("106 年底前", "by", None, "2017-12-31", "year")])
    assert commitments_in_sentence(f, report_id="r", reference="2018-03-31") == []


def test_dated_action_without_figure_is_kept_and_flagged() -> None:
    text = "預計於 107 年 8 月招標。"
    f = _facts(text, [], [("107 年 8 月", "date", "2018-08-01", "2018-08-31", "month")])
    (c,) = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert c.flags == ("no_figure",) and not c.measurable
    assert c.deadline is not None and c.deadline.window_start == "2018-08-01"


def test_target_without_deadline_is_flagged_not_dropped() -> None:
    text = "預計可新增產業用地面積 203.8 公頃。"
    f = _facts(text, [("203.8 公頃", 203.8, "ha", "公頃", "target")], [])
    (c,) = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert c.flags == ("no_deadline",) and c.deadline is None and not c.measurable


def test_budget_and_per_unit_figures_are_not_the_promise() -> None:
    text = "總投資金額 27.5 億元，每部 80 萬瓩，預計 108 年完工商轉，共 3.3 萬瓩。"
    f = _facts(
        text,
        [
            ("27.5 億元", 27.5e8, "TWD", "億元", "actual"),
            ("80 萬瓩", 8e5, "kW", "萬瓩", "actual"),
            ("3.3 萬瓩", 3.3e4, "kW", "萬瓩", "target"),
        ],
        [("108 年", "date", "2019-01-01", "2019-12-31", "year")],
    )
    got = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert [c.figure.text for c in got if c.figure] == ["3.3 萬瓩"]


# --- linking helpers -----------------------------------------------------------------------


def test_unit_families() -> None:
    assert unit_family("count", "萬戶") == unit_family("count", "戶") == "count:戶"
    assert unit_family("count", "家") != unit_family("count", "戶")
    assert unit_family("kW", "MW") == "kW"


def test_similarity_prefers_the_same_programme() -> None:
    promise = "低壓智慧電表 目標 107 年完成 20 萬戶"
    assert similarity(promise, "低壓智慧電表截至 107 年底累計完成") > similarity(
        promise, "無自來水地區供水受益戶"
    )


def test_the_core_does_not_import_the_faces() -> None:
    code = (
        "import sys, policyledger.commitments as c;"
        "bad = [m for m in ('fastapi', 'typer', 'jinja2') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_reference_from_a_file_name() -> None:
    from policyledger.commitments.calendar import reference_from_name

    assert reference_from_name("moea-report-2018-03.txt") == "2018-03-31"
    assert reference_from_name("followup-2019-03.txt") == "2019-03-31"
    assert reference_from_name("ey-2006h2-report.txt") == "2006-12-31"
    assert reference_from_name("ey-2009h1-report.txt") == "2009-06-30"
    assert reference_from_name("notes.txt") is None
    assert reference_from_name(None) is None


def test_cue_vocabulary_is_clean() -> None:
    from policyledger.commitments import vocab

    tables = {
        name: value
        for name, value in vars(vocab).items()
        if name.isupper() and isinstance(value, tuple)
    }
    assert len(tables) >= 8
    for name, words in tables.items():
        assert words and all(isinstance(w, str) and w.strip() == w and w for w in words), name
        assert len(set(words)) == len(words), name
    assert not set(vocab.FUTURE_CUES) & set(vocab.PAST_CUES)


def test_a_programme_period_dates_a_later_target_in_its_paragraph() -> None:
    from policyledger.commitments.derive import derive_commitments

    first = "持續推動「無自來水地區供水改善計畫第三期（106 年至 109 年）」。"
    second = "供水受益戶數目標為 4.2 萬戶。"
    at = len(first) + second.index("4.2")
    a = SentenceFacts(first, 0, len(first), paragraph_id=1)
    q = Quantity("4.2 萬戶", at, at + 6, 42000, "count", "萬戶", modality="target")
    b = SentenceFacts(second, len(first), len(first) + len(second), ((7, q),), paragraph_id=1)
    assert (first + second)[q.start : q.end] == "4.2 萬戶"
    (c,) = derive_commitments([a, b], report_id="r", reference="2018-03-31")
    assert c.deadline is not None and c.deadline.date == "2020-12-31"
    assert c.deadline.text == "106 年至 109 年" and c.flags == ()
    # In another paragraph the programme's period does not carry over.
    other = SentenceFacts(second, b.start, b.end, ((7, q),), paragraph_id=2)
    (d,) = derive_commitments([a, other], report_id="r", reference="2018-03-31")
    assert d.deadline is None and d.flags == ("no_deadline",)


# --- audit of issue 6: general rules found by reading the 2018 report blind -----------------


def test_a_forecast_is_not_a_promise() -> None:
    # Other parties' forecasts (GI, the park's firms) carry dates and figures too.
    text = "環球透視機構(GI)預估2009年世界經濟成長率為-2.4%，2010年將回升至2.3%。"
    f = _facts(
        text,
        [("-2.4%", -2.4, "percent", "%", "target"), ("2.3%", 2.3, "percent", "%", "target")],
        [
            ("2009年", "date", "2009-01-01", "2009-12-31", "year"),
            ("2010年", "date", "2010-01-01", "2010-12-31", "year"),
        ],
    )
    assert commitments_in_sentence(f, report_id="r", reference="2009-06-30") == []
    text = "未來 1 年內接單金額估計 6,000 萬元。"
    f = _facts(text, [("6,000 萬元", 6e7, "TWD", "萬元", "target")], [])
    assert commitments_in_sentence(f, report_id="r", reference="2018-03-31") == []


def test_capacity_promised_on_completion_takes_the_completion_deadline() -> None:
    text = "並以 111 年完工為目標，完工後可供應彰化地區每日 21 萬噸水量。"
    f = _facts(
        text,
        [("每日 21 萬噸", 2.1e5, "t/day", "萬噸", "target")],
        [("111 年", "date", "2022-01-01", "2022-12-31", "year")],
    )
    (c,) = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert c.deadline is not None and c.deadline.date == "2022-12-31"
    assert c.figure is not None and c.figure.text == "每日 21 萬噸"
    # A contingency still is not dated: 俟…結果 waits on something else.
    text = "預定 107 年底前鑽鑿 2 口試驗井，並俟產能測試結果設置 200 瓩之試驗機組。"
    f = _facts(
        text,
        [("2 口", 2, "count", "口", "target"), ("200 瓩", 200, "kW", "瓩", "target")],
        [("107 年底前", "by", None, "2018-12-31", "year")],
    )
    got = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert [(c.figure.text if c.figure else None, c.flags) for c in got] == [
        ("2 口", ()),
        ("200 瓩", ("no_deadline",)),
    ]


def test_a_stated_programme_period_dates_the_expected_figures_after_it() -> None:
    from policyledger.commitments.derive import derive_commitments

    first = "擇定區內 4.17 公頃土地做為示範基地，期程自 106 年 9 月至 110 年 8 月。"
    second = "預期新增就業機會 2,700 人。"
    a = _facts(
        first,
        [("4.17 公頃", 4.17, "ha", "公頃", "actual")],
        [("106 年 9 月至 110 年 8 月", "range", "2017-09-01", "2021-08-31", "month")],
    )
    a = replace(a, paragraph_id=1)
    at = len(first) + second.index("2,700")
    q = Quantity("2,700 人", at, at + 7, 2700, "count", "人", modality="target")
    b = SentenceFacts(second, len(first), len(first) + len(second), ((2, q),), paragraph_id=1)
    got = derive_commitments([a, b], report_id="r", reference="2018-03-31")
    assert [(c.figure.text if c.figure else None, c.deadline and c.deadline.date) for c in got] == [
        (None, "2021-08-31"),  # the site chosen is not the target; the period stays an action
        ("2,700 人", "2021-08-31"),
    ]


def test_scheduled_dates_and_the_object_marker() -> None:
    text = "本部訂於 107 年 4 月 2 日邀請專家學者組成查核小組。"
    f = _facts(text, [], [("107 年 4 月 2 日", "date", "2018-04-02", "2018-04-02", "day")])
    (c,) = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert c.deadline is not None and c.deadline.date == "2018-04-02"
    # 於…日將… is 把 (what was done that day), not the future.
    text = "中油公司並於7月15日將會議紀錄函送相關單位。"
    f = _facts(text, [], [("7月15日", "date", "2009-07-15", "2009-07-15", "day")])
    assert commitments_in_sentence(f, report_id="r", reference="2009-06-30") == []


def test_a_half_year_report_does_not_promise_its_own_past() -> None:
    # In a report on 101年7月至12月, 101 年 and a span ending in it are over.
    text = "目標於101年完成廢彈處理2,019公噸，本年1至12月26日共計發行30兆元。"
    f = _facts(
        text,
        [("2,019公噸", 2019, "t", "公噸", "target"), ("30兆元", 3e13, "TWD", "兆元", "actual")],
        [
            ("101年", "date", "2012-01-01", "2012-12-31", "year"),
            ("12月26日", "date", "2012-12-26", "2012-12-26", "day"),
        ],
    )
    got = commitments_in_sentence(f, report_id="r", reference="2012-12-31")
    assert [c for c in got if c.deadline is not None] == []
    # ...while a March report's own month is still ahead of it.
    text = "預定於107年3月底前報行政院。"
    f = _facts(text, [], [("107年3月底前", "by", None, "2018-03-31", "month")])
    (c,) = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert c.deadline is not None and c.deadline.date == "2018-03-31"


def test_comparisons_and_met_targets_are_not_targets() -> None:
    text = "預期年節水潛力 27 萬噸，相當於省下 675 戶家庭 1 年用水量。"
    f = _facts(
        text,
        [("27 萬噸", 2.7e5, "t", "萬噸", "target"), ("675 戶", 675, "count", "戶", "target")],
        [],
    )
    got = commitments_in_sentence(f, report_id="r", reference="2018-03-31")
    assert [c.figure.text for c in got if c.figure] == ["27 萬噸"]
    text = "本部 106 年金額為 116.65 億美元，目標 110 億美元，達成率 106.05％。"
    f = _facts(text, [("110 億美元", 1.1e10, "USD", "億美元", "target")], [])
    assert commitments_in_sentence(f, report_id="r", reference="2018-03-31") == []
