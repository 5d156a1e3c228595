"""The relation logic on hand-built Quantity records: each kind, its rounding edges, the
near misses that must be flagged and the lookalikes that must not be."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyledger.checks import Check, Fact, Interval, Passage, check_passage
from policyledger.checks.numbers import derived_precision, interval_of
from policyledger.checks.vocab import ADDITIVE_UNITS, PERCENT_UNITS, RATE_WORDS
from policyledger.models import Quantity

# --- building passages by hand -------------------------------------------------------------


def fig(text: str, value: float, unit: str, raw: str, **kw: Any) -> dict[str, Any]:
    return {"text": text, "value": value, "unit": unit, "raw_unit": raw, **kw}


def passage(text: str, *figs: dict[str, Any], pid: int = 1, start: int = 0) -> Passage:
    """``text`` with its figures located in order (each spec's text must occur in it)."""
    facts = []
    pos = 0
    for i, spec in enumerate(figs, 1):
        at = text.index(spec["text"], pos)
        pos = at + len(spec["text"])
        q = Quantity(start=start + at, end=start + pos, **spec)
        facts.append(Fact(pid * 100 + i, q))
    return Passage(pid, start, text, tuple(facts))


def only(checks: list[Check], kind: str | None = None) -> Check:
    picked = [c for c in checks if kind is None or c.kind == kind]
    assert len(picked) == 1, [c.formula for c in checks]
    return picked[0]


def usd(text: str, yi: float, **kw: Any) -> dict[str, Any]:
    return fig(text, yi * 1e8, "USD", "億美元", **kw)


def pct(text: str, v: float, **kw: Any) -> dict[str, Any]:
    return fig(text, v, "%", "％", **kw)


def jian(text: str, n: float, raw: str = "件", **kw: Any) -> dict[str, Any]:
    return fig(text, n, "count", raw, **kw)


# --- intervals and precision ------------------------------------------------------------------


def test_interval_arithmetic() -> None:
    a, b = Interval(1.0, 2.0), Interval(3.0, 5.0)
    assert (a + b) == Interval(4.0, 7.0)
    assert (b - a) == Interval(1.0, 4.0)
    assert (a * b) == Interval(3.0, 10.0)
    assert (b / a) == Interval(1.5, 5.0)
    assert a.gap(b) == 1.0 and b.gap(a) == 1.0 and a.gap(Interval(2.0, 3.0)) == 0.0
    with pytest.raises(ZeroDivisionError):
        a / Interval(-1.0, 1.0)
    with pytest.raises(ValueError):
        Interval(2.0, 1.0)


@pytest.mark.parametrize(
    ("text", "value", "unit", "raw", "half"),
    [
        ("75.1 億美元", 75.1e8, "USD", "億美元", 0.05e8),
        ("19 億美元", 19e8, "USD", "億美元", 0.5e8),
        ("346 件", 346, "count", "件", 0.0),
        ("25.2％", 25.2, "%", "％", 0.05),
        ("82％", 82, "%", "％", 0.5),
        ("333 萬 2,240 具", 3332240, "count", "具", 0.0),
        ("4 億 8,817 萬元", 488170000, "TWD", "萬元", 5000.0),
        ("1,757 萬公噸", 17570000, "t", "萬公噸", 5000.0),
        ("89.26萬瓩", 892600, "kW", "萬瓩", 50.0),
        ("9 成", 90, "%", "成", 5.0),
    ],
)
def test_precision_is_half_the_last_printed_digit(
    text: str, value: float, unit: str, raw: str, half: float
) -> None:
    q = Quantity(text, 0, len(text), value, unit, raw)
    assert derived_precision(q) == pytest.approx(half)


def test_extractor_precision_wins_and_approx_widens() -> None:
    q = Quantity("75.1 億美元", 0, 8, 75.1e8, "USD", "億美元", precision=0.01e8)
    assert interval_of(Fact(1, q)).half_width == pytest.approx(0.01e8)
    about = Quantity("30.3％", 0, 5, 30.3, "%", "％", qualifier="approx")
    # 約: own precision plus max(precision, 0.5 % of the value).
    assert interval_of(Fact(2, about)).half_width == pytest.approx(0.05 + 0.1515)


def test_vocabulary_tables_are_consistent() -> None:
    assert not (ADDITIVE_UNITS & PERCENT_UNITS)
    assert all(word.endswith("率") and stem in word for word, stem in RATE_WORDS)


# --- sums ---------------------------------------------------------------------------------------

APPLICATIONS = "共受理 346 件計畫申請（174 件前瞻技術研發計畫、{b} 件整合型研發計畫）。"


def test_bracket_breakdown_adds_up() -> None:
    p = passage(
        APPLICATIONS.format(b=172), jian("346 件", 346), jian("174 件", 174), jian("172 件", 172)
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("sum", "consistent")
    assert [f.id for f in c.inputs] == [102, 103] and c.stated.id == 101
    assert c.formula == "174 件 + 172 件 = 346 件"
    assert c.miss == 0 and c.tolerance == 0


def test_bracket_breakdown_near_miss_is_flagged() -> None:
    p = passage(
        APPLICATIONS.format(b=173), jian("346 件", 346), jian("174 件", 174), jian("173 件", 173)
    )
    c = only(check_passage(p))
    assert c.verdict == "inconsistent"
    assert c.computed.mid == 347 and c.difference == 1 and c.miss == 1
    assert "347 件" in c.arithmetic and "報告寫 346 件" in c.arithmetic


def test_decimal_breakdown_within_rounding_and_beyond() -> None:
    text = "面積 14.63 公頃（北區 1.05 公頃；中區 10.95 公頃；南區 {c} 公頃）。"

    def run(c: str, v: float) -> Check:
        p = passage(
            text.format(c=c),
            fig("14.63 公頃", 14.63, "ha", "公頃"),
            fig("1.05 公頃", 1.05, "ha", "公頃"),
            fig("10.95 公頃", 10.95, "ha", "公頃"),
            fig(f"{c} 公頃", v, "ha", "公頃"),
        )
        return only(check_passage(p))

    # 1.05 + 10.95 + 2.64 = 14.64: each printed figure may be off by 0.005, so it holds.
    assert run("2.64", 2.64).verdict == "consistent"
    assert run("2.73", 2.73).verdict == "inconsistent"


def test_total_after_parts_with_heji() -> None:
    text = "石油煉製業及輸入業安全存量 99 天，政府儲油安全存量 41 天，合計 {t} 天。"

    def run(t: int) -> list[Check]:
        return check_passage(
            passage(
                text.format(t=t),
                fig("99 天", 99, "day", "天"),
                fig("41 天", 41, "day", "天"),
                fig(f"{t} 天", t, "day", "天"),
            )
        )

    assert only(run(140)).verdict == "consistent"
    miss = only(run(141))
    assert miss.verdict == "inconsistent" and miss.difference == -1


def test_loose_gong_after_unrelated_figures_is_not_a_relation() -> None:
    # "總計共推廣 500 個臺灣品牌": the 6 and 1 are other things; no check at all.
    text = "開設 6 個臺灣商品專區、1 個跨境直送專區，總計共推廣 500 個臺灣品牌。"
    p = passage(text, jian("6 個", 6, "個"), jian("1 個", 1, "個"), jian("500 個", 500, "個"))
    assert check_passage(p) == []


def test_partial_qizhong_list_is_not_flagged_but_overshoot_is() -> None:
    text = "共補助 67 案，其中獲判撤銷 4 案，不課稅 20 案，課稅 {c} 案。"

    def run(c: int) -> list[Check]:
        return check_passage(
            passage(
                text.format(c=c),
                jian("67 案", 67, "案"),
                jian("4 案", 4, "案"),
                jian("20 案", 20, "案"),
                jian(f"{c} 案", c, "案"),
            )
        )

    assert run(40) == []  # 64 of 67: the list may leave some out (pending cases)
    assert only(run(43)).verdict == "consistent"
    assert only(run(48)).verdict == "inconsistent"  # 72 parts of a 67 whole


def test_rates_in_brackets_are_not_summed() -> None:
    text = "南區獲補助率達 30.9％（北區 29.7％、中區 34.8％）。"
    p = passage(text, pct("30.9％", 30.9), pct("29.7％", 29.7), pct("34.8％", 34.8))
    assert check_passage(p) == []


def test_trade_total_and_surplus() -> None:
    text = (
        "對外貿易總額 5,765.2 億美元，其中出口 3,172.5 億美元，進口 2,592.7 億美元；"
        "累計出超 579.8 億美元。"
    )
    p = passage(
        text,
        usd("5,765.2 億美元", 5765.2),
        usd("3,172.5 億美元", 3172.5),
        usd("2,592.7 億美元", 2592.7),
        usd("579.8 億美元", 579.8),
    )
    checks = check_passage(p)
    assert [c.verdict for c in checks] == ["consistent", "consistent"]
    surplus = next(c for c in checks if "出超" in c.formula)
    assert surplus.formula.startswith("出口 3,172.5 億美元 − 進口 2,592.7 億美元")


def test_negative_count_is_impossible() -> None:
    text = "合計 5 件：甲 8 件，乙 -3 件，合計 5 件。"
    p = passage(text, jian("5 件", 5), jian("8 件", 8), jian("-3 件", -3), jian("5 件", 5))
    assert {c.verdict for c in check_passage(p)} == {"impossible"}


# --- shares ---------------------------------------------------------------------------------


FOREIGN = "106 年核准僑外投資計 3,415 件，投（增）資金額 75.1 億美元，減少 31.9％。"


def _lead(pid: int = 1, start: int = 0) -> Passage:
    return passage(
        FOREIGN,
        jian("3,415 件", 3415),
        usd("75.1 億美元", 75.1),
        pct("31.9％", -31.9, role="change"),
        pid=pid,
        start=start,
    )


def _shares(body: str, *figs: dict[str, Any]) -> list[Check]:
    lead = _lead()
    p = passage(body, *figs, pid=2, start=lead.end + 1)
    return check_passage(p, [lead])


def test_share_that_agrees_only_with_both_roundings() -> None:
    # 7.2 / 75.1 = 9.587 %, which prints as 9.6 %. But 7.2 stands for [7.15, 7.25] and
    # 75.1 for [75.05, 75.15]: 7.15 / 75.15 = 9.514 % is within 9.5's [9.45, 9.55].
    checks = _shares("不動產業 7.2 億美元（9.5％）。", usd("7.2 億美元", 7.2), pct("9.5％", 9.5))
    c = only(checks)
    assert c.kind == "share" and c.verdict == "consistent"
    assert round(7.2 / 75.1 * 100, 1) == 9.6
    assert c.computed.low < 9.55 < c.computed.high
    assert c.context_ids == (1,)  # the total came from the lead paragraph
    assert "75.1 億美元" in c.formula


def test_share_near_miss_names_the_implied_total() -> None:
    checks = _shares(
        "江蘇省 23.3 億美元（25.1％）。", usd("23.3 億美元", 23.3), pct("25.1％", 25.1)
    )
    lead = passage(
        "106年核准對中國大陸投資計484件，投（增）資金額 87.4 億美元。",
        jian("484件", 484),
        usd("87.4 億美元", 87.4),
    )
    p = passage(
        "江蘇省 23.3 億美元（25.1％）。",
        usd("23.3 億美元", 23.3),
        pct("25.1％", 25.1),
        pid=2,
        start=lead.end + 1,
    )
    c = only(check_passage(p, [lead]))
    assert c.verdict == "inconsistent"
    assert c.computed.mid == pytest.approx(26.659, abs=1e-3)
    assert c.miss == pytest.approx(26.5866 - 25.2, abs=1e-3)  # 25.1 rounded or truncated
    assert "92.83 億美元" in c.note or "92.8287 億美元" in c.note
    assert only(checks).verdict == "inconsistent"  # 23.3 / 75.1 is no better


def test_share_total_is_the_one_the_parts_fit() -> None:
    lead = passage(
        "106 年核准陸資來臺投資，投（增）資金額 2.7 億美元。累計投（增）資金額 19.6 億美元。",
        usd("2.7 億美元", 2.7),
        usd("19.6 億美元", 19.6),
    )
    body = "批發及零售業 5.5 億美元（28.2％）、銀行業 2 億美元（10.3％）及電子零組件製造業 1.9 億美元（9.8％）。"
    p = passage(
        body,
        usd("5.5 億美元", 5.5),
        pct("28.2％", 28.2),
        usd("2 億美元", 2),
        pct("10.3％", 10.3),
        usd("1.9 億美元", 1.9),
        pct("9.8％", 9.8),
        pid=2,
        start=lead.end + 1,
    )
    checks = check_passage(p, [lead])
    assert [c.verdict for c in checks] == ["consistent"] * 3
    assert all("19.6 億美元" in c.formula for c in checks)


def test_two_plausible_totals_and_no_fit_gives_no_verdict() -> None:
    lead = passage(
        "甲年 40 億美元，乙年 50 億美元。",
        usd("40 億美元", 40),
        usd("50 億美元", 50),
    )
    p = passage(
        "某國 10 億美元（30.0％）。",
        usd("10 億美元", 10),
        pct("30.0％", 30.0),
        pid=2,
        start=lead.end + 1,
    )
    assert check_passage(p, [lead]) == []


def test_share_over_100_percent_is_impossible() -> None:
    c = only(_shares("某國 12 億美元（120.0％）。", usd("12 億美元", 12), pct("120.0％", 120.0)))
    assert c.verdict == "impossible" and "100％" in c.arithmetic


def test_yue_widens_a_named_share() -> None:
    def run(prefix: str) -> Check:
        text = f"投資額達 526.2 億元。其中生技新藥公司投資額達 159.8 億元，{prefix}占總投資金額 30.2％。"
        return only(
            check_passage(
                passage(
                    text,
                    fig("526.2 億元", 526.2e8, "TWD", "億元"),
                    fig("159.8 億元", 159.8e8, "TWD", "億元"),
                    pct("30.2％", 30.2),
                )
            )
        )

    # 159.8 / 526.2 = 30.37 %: no rounding of the inputs gets below 30.356 %, so a plain
    # "占 30.2％" misses even if the report truncated; "約占 30.2％" claims only about that.
    assert run("約").verdict == "consistent"
    plain = run("")
    assert plain.verdict == "inconsistent" and plain.computed.low > 30.35


def test_share_with_its_total_named_inline() -> None:
    text = "准許進口中國大陸農工產品 9,652 項，占貨品總數 1 萬 1,984 項之 80.54％。"
    p = passage(
        text,
        jian("9,652 項", 9652, "項"),
        jian("1 萬 1,984 項", 11984, "項"),
        pct("80.54％", 80.54),
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("share", "consistent")


def test_sum_of_shares() -> None:
    def run(total: str) -> Check:
        text = (
            "荷蘭 19 億美元（25.2％）、英國 11.3 億美元（15.0％）及日本 6.4 億美元（8.5％）"
            f"分居前 3 名，合計約占總額 {total}％。"
        )
        lead = _lead()
        p = passage(
            text,
            usd("19 億美元", 19),
            pct("25.2％", 25.2),
            usd("11.3 億美元", 11.3),
            pct("15.0％", 15.0),
            usd("6.4 億美元", 6.4),
            pct("8.5％", 8.5),
            pct(f"{total}％", float(total), qualifier="approx"),
            pid=2,
            start=lead.end + 1,
        )
        checks = check_passage(p, [lead])
        return next(c for c in checks if c.stated.quantity.text == f"{total}％")

    assert run("48.7").verdict == "consistent"
    assert run("50.7").verdict == "inconsistent"


def test_named_shares_of_one_whole_make_100() -> None:
    text = "信保基金獲捐助 1,360.85 億元，其中政府占 74.39％，金融機構占 25.61％。"
    p = passage(
        text,
        fig("1,360.85 億元", 1360.85e8, "TWD", "億元"),
        pct("74.39％", 74.39),
        pct("25.61％", 25.61),
    )
    c = only(check_passage(p))
    assert c.verdict == "consistent" and c.formula == "100％ − 74.39％ = 25.61％"


# --- ratios, products, growth ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "verdict"), [("106.05", "consistent"), ("107.05", "inconsistent")]
)
def test_achievement_rate(rate: str, verdict: str) -> None:
    text = f"實際利用外資金額為 116.65 億美元，目標 110 億美元，達成率 {rate}％。"
    p = passage(
        text,
        usd("116.65 億美元", 116.65),
        usd("110 億美元", 110, modality="target"),
        pct(f"{rate}％", float(rate)),
    )
    c = only(check_passage(p))
    assert c.kind == "ratio" and c.verdict == verdict
    assert c.formula == "達成率 = 116.65 億美元 ÷ 110 億美元 × 100％"


@pytest.mark.parametrize(("rate", "verdict"), [("99.86", "consistent"), ("99.96", "inconsistent")])
def test_pass_rate_from_failures(rate: str, verdict: str) -> None:
    text = f"完成法定度量衡器檢定計 333 萬 2,240 具，不合格者為 4,623 具，合格率為 {rate}％。"
    p = passage(
        text,
        jian("333 萬 2,240 具", 3332240, "具"),
        jian("4,623 具", 4623, "具"),
        pct(f"{rate}％", float(rate)),
    )
    c = only(check_passage(p))
    assert c.verdict == verdict
    assert c.formula == "合格率 = (1 − 4,623 具 ÷ 333 萬 2,240 具) × 100％"
    assert c.computed.mid == pytest.approx((1 - 4623 / 3332240) * 100)


def test_reuse_and_completion_rates() -> None:
    reuse = passage(
        "工業廢棄物產生量為 1,757 萬公噸，再利用量達 1,420 萬公噸，再利用率 80.8％。",
        fig("1,757 萬公噸", 17570000, "t", "萬公噸"),
        fig("1,420 萬公噸", 14200000, "t", "萬公噸"),
        pct("80.8％", 80.8),
    )
    c = only(check_passage(reuse))
    assert c.verdict == "consistent" and c.inputs[0].quantity.text == "1,420 萬公噸"
    done = passage(
        "通報協處案件計 627 件，完成協處 598件，完成率達 95.6％。",
        jian("627 件", 627),
        jian("598件", 598),
        pct("95.6％", 95.6),
    )
    assert only(check_passage(done)).verdict == "inconsistent"  # 598 / 627 = 95.37 %


def test_rate_without_both_inputs_is_not_checked() -> None:
    text = "可支用預算為 1,130.22 億元，預算達成率 96.02％。"
    p = passage(text, fig("1,130.22 億元", 1130.22e8, "TWD", "億元"), pct("96.02％", 96.02))
    assert check_passage(p) == []


@pytest.mark.parametrize(("total", "verdict"), [(240, "consistent"), (250, "inconsistent")])
def test_product_per_unit_times_count(total: int, verdict: str) -> None:
    text = f"預計裝置 3 部超超臨界燃煤機組，每部 80 萬瓩，總裝置容量 {total} 萬瓩。"
    p = passage(
        text,
        jian("3 部", 3, "部"),
        fig("80 萬瓩", 800000, "kW", "萬瓩"),
        fig(f"{total} 萬瓩", total * 1e4, "kW", "萬瓩"),
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("product", verdict)
    assert c.formula == f"3 部 × 每部 80 萬瓩 = {total} 萬瓩"


def test_per_day_is_not_a_per_unit_product() -> None:
    text = "興建 4 座儲槽，每日 80 萬噸，總量 320 萬噸。"
    p = passage(
        text,
        jian("4 座", 4, "座"),
        fig("80 萬噸", 8e5, "t", "萬噸"),
        fig("320 萬噸", 3.2e6, "t", "萬噸"),
    )
    assert check_passage(p) == []


@pytest.mark.parametrize(
    ("words", "value", "verdict"),
    [("成長 25％", 25.0, "consistent"), ("成長 30％", 30.0, "inconsistent")],
)
def test_growth_when_both_periods_are_given(words: str, value: float, verdict: str) -> None:
    text = f"核准件數由 105 年 120 件增至 106 年 150 件，{words}。"
    p = passage(
        text, jian("120 件", 120), jian("150 件", 150), pct(words.split()[1], value, role="change")
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("growth", verdict)


def test_decline_written_without_a_sign() -> None:
    text = "漏水件數由 200 件降至 150 件，減少 25％。"
    p = passage(text, jian("200 件", 200), jian("150 件", 150), pct("25％", 25.0, role="change"))
    assert only(check_passage(p)).verdict == "consistent"


# --- model guards and a property: what holds within rounding is never flagged -----------------


def test_models_validate_themselves() -> None:
    q = Quantity("5 件", 10, 13, 5, "count", "件")
    with pytest.raises(ValueError):
        Passage(1, 0, "短", (Fact(1, q),))
    p = passage("共 5 件", jian("5 件", 5))
    with pytest.raises(ValueError):
        Check(
            kind="median",
            verdict="consistent",
            formula="",
            arithmetic="",
            inputs=(),
            stated=p.facts[0],
            computed=Interval(0, 0),
            expected=Interval(0, 0),
            unit="count",
            passage_id=1,
            start=0,
            end=1,
        )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.1, max_value=900.0), min_size=2, max_size=5))
def test_rounded_breakdowns_are_never_inconsistent(true_parts: list[float]) -> None:
    printed = [round(x, 1) for x in true_parts]
    total = round(sum(true_parts), 1)
    inner = "、".join(f"第{i}項 {v:.1f} 億元" for i, v in enumerate(printed))
    text = f"總額 {total:.1f} 億元（{inner}）。"
    figs = [fig(f"{total:.1f} 億元", total * 1e8, "TWD", "億元")]
    figs += [fig(f"{v:.1f} 億元", v * 1e8, "TWD", "億元") for v in printed]
    checks = check_passage(passage(text, *figs))
    assert [c.verdict for c in checks] == ["consistent"]


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=50.0, max_value=500.0),
    st.floats(min_value=0.01, max_value=1.0),
)
def test_rounded_shares_are_never_inconsistent(total: float, fraction: float) -> None:
    part = total * fraction
    t, pp, s = round(total, 1), round(part, 1), round(fraction * 100, 1)
    text = f"投資金額 {t:.1f} 億美元。其中某國 {pp:.1f} 億美元（{s:.1f}％）。"
    p = passage(text, usd(f"{t:.1f} 億美元", t), usd(f"{pp:.1f} 億美元", pp), pct(f"{s:.1f}％", s))
    assert {c.verdict for c in check_passage(p)} <= {"consistent"}


def test_long_paragraphs_stay_fast() -> None:
    import time

    unit = "辦理 12 場（北區 5 場、南區 7 場），合計 12 場，其中甲占 40％，達成率 90％，"
    repeat = 20_000 // len(unit)
    text = unit * repeat
    figs: list[dict[str, Any]] = []
    for _ in range(repeat):
        figs += [jian("12 場", 12, "場"), jian("5 場", 5, "場"), jian("7 場", 7, "場")]
        figs += [jian("12 場", 12, "場"), pct("40％", 40.0), pct("90％", 90.0)]
    p = passage(text, *figs)
    began = time.monotonic()
    checks = check_passage(p)
    assert time.monotonic() - began < 15
    assert checks and {c.verdict for c in checks} == {"consistent"}
    plain = "經濟部推動產業創新，" * 10_000  # 10⁵ characters, no figures
    began = time.monotonic()
    assert check_passage(passage(plain)) == []
    assert time.monotonic() - began < 5


def test_truncated_rate_is_accepted_but_a_real_miss_is_not() -> None:
    def run(rate: str) -> Check:
        text = f"執行檢查 14萬1,015件次，合格件數 12萬4,778件次，檢查合格率達 {rate}％。"
        p = passage(
            text,
            jian("14萬1,015件次", 141015, "件次"),
            jian("12萬4,778件次", 124778, "件次"),
            pct(f"{rate}％", float(rate)),
        )
        return only(check_passage(p))

    assert run("88.48").verdict == "consistent"  # 88.4856 cut off, not rounded
    assert run("88.38").verdict == "inconsistent"


def test_failure_rate_is_failed_over_total() -> None:
    text = "執行市場商品檢查 2 萬 6,840 件，不合格 1,082 件，不合格率 4.0％。"
    p = passage(text, jian("2 萬 6,840 件", 26840), jian("1,082 件", 1082), pct("4.0％", 4.0))
    c = only(check_passage(p))
    assert c.verdict == "consistent" and c.formula.startswith("不合格率 = 1,082 件 ÷")


def test_percentage_point_change_between_two_percentages() -> None:
    text = "線上申辦比率由 113 年 62.5％提升至 114 年 71.8％，增加 {d} 個百分點。"

    def run(d: str) -> Check:
        p = passage(
            text.format(d=d),
            pct("62.5％", 62.5),
            pct("71.8％", 71.8),
            fig(f"{d} 個百分點", float(d), "pp", "個百分點", role="change"),
        )
        return only(check_passage(p))

    assert run("9.3").verdict == "consistent"
    assert run("8.3").verdict == "inconsistent"


def test_average_per_unit_against_the_total() -> None:
    text = "核貸 6,240 件，貸款金額 98.6 億元，平均每件約 {v} 萬元。"

    def run(v: int) -> Check:
        p = passage(
            text.format(v=v),
            jian("6,240 件", 6240),
            fig("98.6 億元", 98.6e8, "TWD", "億元"),
            fig(f"{v} 萬元", v * 1e4, "TWD", "萬元", qualifier="approx"),
        )
        return only(check_passage(p))

    assert run(158).kind == "product" and run(158).verdict == "consistent"
    assert run(178).verdict == "inconsistent"


def test_shares_of_one_whole_written_together() -> None:
    text = "屋頂型及地面型系統分別占累計容量之 58％及 42％。"
    p = passage(text, pct("58％", 58.0), pct("42％", 42.0))
    assert only(check_passage(p)).verdict == "consistent"


def test_item_opening_with_qizhong_takes_its_total_from_the_item_before() -> None:
    lead = passage(
        "1、 新增核准 186 家企業，投資金額 4,862 億元。",
        jian("186 家", 186, "家"),
        fig("4,862 億元", 4862e8, "TWD", "億元"),
    )
    body = "2、 其中臺商回臺投資 74 家、金額 2,215 億元，根留臺灣企業 85 家、金額 1,936 億元，中小企業 27 家、金額 711 億元。"
    p = passage(
        body,
        jian("74 家", 74, "家"),
        fig("2,215 億元", 2215e8, "TWD", "億元"),
        jian("85 家", 85, "家"),
        fig("1,936 億元", 1936e8, "TWD", "億元"),
        jian("27 家", 27, "家"),
        fig("711 億元", 711e8, "TWD", "億元"),
        pid=2,
        start=lead.end + 1,
    )
    checks = check_passage(p, [lead])
    assert sorted(c.stated.quantity.text for c in checks) == ["186 家", "4,862 億元"]
    assert {c.verdict for c in checks} == {"consistent"}


def test_each_of_the_named_parties() -> None:
    text = "由本部及行政院農業委員會分別就水庫等水域，各完成 75 MW（合計 {t} MW）裝置容量為目標。"

    def run(t: int) -> list[Check]:
        p = passage(
            text.format(t=t),
            fig("75 MW", 75000, "kW", "MW"),
            fig(f"{t} MW", t * 1000, "kW", "MW"),
        )
        return check_passage(p)

    c = only(run(150))
    assert (c.kind, c.verdict) == ("product", "consistent") and c.formula.startswith("2（")
    assert run(225) == []  # the count is read, not stated: a miss is not reported


# --- comparisons: a figure against the one it is compared with, named rates, two-way totals --


def pp(text: str, v: float) -> dict[str, Any]:
    return fig(text, v, "pp", "個百分點", role="change")


@pytest.mark.parametrize(("d", "verdict"), [("0.29", "consistent"), ("0.92", "inconsistent")])
def test_points_change_against_the_compared_rate(d: str, verdict: str) -> None:
    text = f"破獲率81.87%，較98年同期81.58%上升{d}個百分點。"
    p = passage(text, pct("81.87%", 81.87), pct("81.58%", 81.58), pp(f"{d}個百分點", float(d)))
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("growth", verdict)


def test_count_change_and_its_percentage_against_the_compared_count() -> None:
    text = "擄人勒贖案件發生8件，較去年同期10件，減少2件(-20.00%)，破獲率75.00%。"
    p = passage(
        text,
        jian("8件", 8),
        jian("10件", 10),
        jian("2件", -2, role="change"),
        pct("-20.00%", -20.0, role="change"),
        pct("75.00%", 75.0),
    )
    checks = check_passage(p)
    assert sorted(c.formula for c in checks) == [
        "(8件 − 10件) ÷ 10件 × 100％",
        "8件 − 10件",
    ]
    assert {(c.kind, c.verdict) for c in checks} == {("growth", "consistent")}


def test_a_typo_in_the_compared_figure_is_flagged() -> None:
    # 15,568 − 24,558 = −8,990, not −9,020 (the report's 24,558 should read 24,588).
    text = "本期汽車竊盗案件發生數1萬5,568件，與前期(發生數2萬4,558件)比較，減少9,020件。"
    p = passage(
        text,
        jian("1萬5,568件", 15568),
        jian("2萬4,558件", 24558),
        jian("9,020件", -9020, role="change"),
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("growth", "inconsistent")


def test_a_change_after_a_semicolon_is_not_compared_with_the_figure_before() -> None:
    text = "本期網路犯罪發生1萬3,856件，較97年同期增加1,967件(+16.54%)；破獲1萬1,574件，較97年同期增加2,167件(+23.04%)。"
    p = passage(
        text,
        jian("1萬3,856件", 13856),
        jian("1,967件", 1967, role="change"),
        pct("+16.54%", 16.54, role="change"),
        jian("1萬1,574件", 11574),
        jian("2,167件", 2167, role="change"),
        pct("+23.04%", 23.04, role="change"),
    )
    checks = check_passage(p)
    # Each change is read against its own implied base (1,967 ÷ (13,856 − 1,967)), never
    # 破獲 against 發生.
    assert all({f.value for f in c.inputs} != {13856, 11574} for c in checks)
    assert sorted(c.stated.quantity.text for c in checks) == ["+16.54%", "+23.04%"]
    assert {c.verdict for c in checks} == {"consistent"}


def test_truncated_change_and_direction_words_are_not_misses() -> None:
    # 373 vs 431 is −13.457 %, printed truncated; 升值 of a currency is a falling rate.
    p = passage(
        "本期軍紀案件373件，與97年同期431件相較，減少58件(-13.45%)。",
        jian("373件", 373),
        jian("431件", 431),
        jian("58件", -58, role="change"),
        pct("-13.45%", -13.45, role="change"),
    )
    assert {c.verdict for c in check_passage(p)} == {"consistent"}
    q = passage(
        "新台幣兌美元匯率為32.596元，較94年12月底之32.850元升值0.254元。",
        fig("32.596元", 32.596, "TWD", "元"),
        fig("32.850元", 32.850, "TWD", "元"),
        fig("0.254元", 0.254, "TWD", "元", role="change"),
    )
    assert only(check_passage(q)).verdict == "consistent"


@pytest.mark.parametrize(("rate", "found"), [("4.74", True), ("5.74", False)])
def test_percentage_of_a_change_whose_base_is_implied(rate: str, found: bool) -> None:
    text = f"本期A1類交通事故死亡人數為985人，比去年同期減少49人，降低比率{rate}%。"
    p = passage(
        text,
        jian("985人", 985, "人"),
        jian("49人", -49, "人", role="change"),
        pct(f"{rate}%", float(rate)),
    )
    checks = check_passage(p)
    if found:
        c = only(checks)
        assert (c.kind, c.verdict) == ("growth", "consistent") and "1,034" in c.arithmetic
    else:
        assert checks == []  # the ％ might be of something else: a miss is not reported


def test_named_rate_of_two_counts() -> None:
    text = "甲類場所列管家數2萬9,111家，申報家數2萬7,868家，申報率達95.73%。"
    p = passage(
        text, jian("2萬9,111家", 29111, "家"), jian("2萬7,868家", 27868, "家"), pct("95.73%", 95.73)
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("ratio", "consistent") and c.formula.startswith("申報率 =")


def test_named_rate_of_unrelated_counts_is_not_reported() -> None:
    # 實到率 is attendance of those called up, not 完訓 ÷ 計畫召訓.
    text = "計畫召訓662梯次、14萬5,593人，本期計完訓378梯次、6萬3,339人，實到率98.63%。"
    p = passage(
        text,
        jian("662梯次", 662, "梯次"),
        jian("14萬5,593人", 145593, "人"),
        jian("378梯次", 378, "梯次"),
        jian("6萬3,339人", 63339, "人"),
        pct("98.63%", 98.63),
    )
    assert check_passage(p) == []


@pytest.mark.parametrize(("total", "verdict"), [(102.1, "consistent"), (101.5, "inconsistent")])
def test_trade_total_is_exports_plus_imports(total: float, verdict: str) -> None:
    text = (
        f"臺韓雙邊貿易總額{total}億美元，我國對韓國出口金額41.4億美元，自韓國進口金額60.7億美元。"
    )
    p = passage(
        text, usd(f"{total}億美元", total), usd("41.4億美元", 41.4), usd("60.7億美元", 60.7)
    )
    c = only(check_passage(p))
    assert (c.kind, c.verdict) == ("sum", verdict)


@pytest.mark.parametrize(("total", "found"), [("25萬8千", True), ("27萬8千", False)])
def test_other_two_way_totals_only_when_they_add_up(total: str, found: bool) -> None:
    text = f"臺韓雙邊觀光人數{total}人次，國人赴韓16萬9千人次，韓人來華8萬9千人次。"
    value = 258000 if found else 278000
    p = passage(
        text,
        jian(f"{total}人次", value, "人次", precision=500),
        jian("16萬9千人次", 169000, "人次", precision=500),
        jian("8萬9千人次", 89000, "人次", precision=500),
    )
    checks = check_passage(p)
    assert [c.verdict for c in checks] == (["consistent"] if found else [])


def test_comparison_vocabulary() -> None:
    from policyledger.checks import vocab

    assert all(w.endswith(("率", "率差")) for w in vocab.NOT_A_COUNT_RATE)
    assert not set(vocab.EXPORT_WORDS) & set(vocab.IMPORT_WORDS)
    assert all(len(w) == 1 for w in vocab.COMPARE_WORDS)
