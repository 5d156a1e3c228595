"""Rule-level tests of the grammar in shared/spec/facts.md, one behaviour per test."""

from __future__ import annotations

import pytest

from policyledger.extract import extract


def one(text: str) -> tuple[str, float, str]:
    (q,) = extract(text).quantities
    return q.text, q.value, q.unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("計有１２３件", 123, "count"),
        ("３萬３,５４３人", 33543, "count"),
        ("投資 22.3\n億元", 2_230_000_000, "TWD"),
        ("共 3 萬\n3,543 人次", 33543, "count"),
        ("一百二十人", 120, "count"),
        ("兩千家", 2000, "count"),
        ("五大產業", 5, "count"),
        ("電力 60 萬瓩", 600_000, "kW"),
        ("裝置 6,500MW", 6_500_000, "kW"),
        ("9 成", 90, "%"),
        ("9成5", 95, "%"),
        ("上升 2.1 個百分點", 2.1, "pp"),
        ("45 萬坪", 450_000 * 3.305785, "m2"),
        ("每日 200 萬噸", 2_000_000, "t/day"),
        ("900 噸/時", 900, "t/h"),
        ("16 萬公秉", 160_000, "kL"),
        ("2 億 7,028 萬 400 度", 270_280_400, "kWh"),
        ("0.74‰", 0.74, "permille"),
        ("60 天", 60, "day"),
        ("6 個月", 6, "month"),
        ("3 年內完成", 3, "year"),
        ("24 小時", 24, "hour"),
        ("人民幣 3,016 萬元", 30_160_000, "CNY"),
        ("5,000 歐元", 5000, "EUR"),
        ("7.2 公升油當量/千元", 7.2, "other"),
    ],
)
def test_units_and_numerals(text: str, value: float, unit: str) -> None:
    _, v, u = one(text)
    assert (v, u) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("約 50 家", "approx"),
        ("近 9 萬人", "approx"),
        ("50 家左右", "approx"),
        ("逾 300 億元", "over"),
        ("1萬餘元", "over"),
        ("超過 500 個", "over"),
        ("1 億元以上", "over"),
        ("突破 3,000 億美元", "over"),
        ("3,000多人", "over"),
        ("未滿 5 人", "under"),
        ("不到 3 成", "under"),
        ("20 人以下", "under"),
        ("最高 200 萬元", "at_most"),
        ("至少 3 人", "at_least"),
        ("共 3 人", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    (q,) = extract(text).quantities
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "role", "value"),
    [
        ("較上年成長 82％", "change", 82),
        ("較上年減少 31.9％", "change", -31.9),
        ("增加 0.03％", "change", 0.03),
        ("提高產能至每年 550 萬噸", "level", 5_500_000),
        ("降至 2.7%", "level", 2.7),
        ("經濟成長率 2.5%", "level", 2.5),
        ("增建 3 座儲槽", "level", 3),
        ("較 97 年同期減少 629 件", "change", -629),
    ],
)
def test_roles(text: str, role: str, value: float) -> None:
    q = extract(text).quantities[-1]
    assert (q.role, q.value) == (role, pytest.approx(value))


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("預計輔導 100 家", "target"),
        ("預期可容納 100 家", "target"),
        ("目標 110 億美元", "target"),
        ("可望達 5 億元", "target"),
        ("規劃新增 2 GW", "target"),
        ("將於明年增加 3 座", "target"),
        ("擬補助 20 案", "target"),
        ("期至 111 年提供 1,442 公頃", "target"),
        ("預定完成 3 座", "target"),
        ("以 86.8 公頃為目標", "target"),
        ("已完成 3 座", "actual"),
        ("截至 106 年底共 117 家", "actual"),
        ("預計明年啟用，已完成 3 座", "actual"),
    ],
)
def test_modality(text: str, modality: str) -> None:
    q = extract(text).quantities[-1]
    assert q.modality == modality


@pytest.mark.parametrize(
    "text",
    [
        "106 年",  # a bare year is a date, never a quantity
        "依第 24 條規定",
        "符合 CNS 15663 標準",
        "推動 4G 及 5G 應用",
        "參與 3GPP 會議",
        "第 16 屆年會",
        "第 1 期工程",
        "1、 推動",
        "（1） 推動",
        "(１)本期",
        "舉辦「2017 臺北國際發明暨技術交易展」",
        "（H0018 花蓮縣石梯坪）",
        "五萬分之一地質圖",
        "分居前 5 名",
        "統一發票",
    ],
)
def test_not_quantities(text: str) -> None:
    assert extract(text).quantities == ()


@pytest.mark.parametrize(
    ("text", "typ", "start", "end", "granularity"),
    [
        ("106 年", "date", "2017-01-01", "2017-12-31", "year"),
        ("106 年度", "date", "2017-01-01", "2017-12-31", "year"),
        ("106 年底", "date", "2017-12-31", "2017-12-31", "year"),
        ("107 年 2 月", "date", "2018-02-01", "2018-02-28", "month"),
        ("106 年 5 月底", "date", "2017-05-31", "2017-05-31", "month"),
        ("95年上半年", "date", "2006-01-01", "2006-06-30", "year"),
        ("95年下半年", "date", "2006-07-01", "2006-12-31", "year"),
        ("2017 年", "date", "2017-01-01", "2017-12-31", "year"),
        ("107 年 6 月底前", "by", None, "2018-06-30", "month"),
        ("108 年以前", "by", None, "2019-12-31", "year"),
        ("期限至 101年12月31日止", "by", None, "2012-12-31", "day"),
        ("至 107 年 12 月止", "by", None, "2018-12-31", "month"),
        ("預計至 119 年底", "by", None, "2030-12-31", "year"),
        ("101 年 7 月至 106 年 12 月", "range", "2012-07-01", "2017-12-31", "month"),
        ("98至100年期間", "range", "2009-01-01", "2011-12-31", "year"),
        ("104 年至 108 年", "range", "2015-01-01", "2019-12-31", "year"),
        ("106 年 10 月 21 日至 30 日", "range", "2017-10-21", "2017-10-30", "day"),
        ("本(98)年", "date", "2009-01-01", "2009-12-31", "year"),
        ("今（101）年", "date", "2012-01-01", "2012-12-31", "year"),
        ("去（2011）年", "date", "2011-01-01", "2011-12-31", "year"),
    ],
)
def test_calendar(text: str, typ: str, start: str | None, end: str, granularity: str) -> None:
    dates = [d for d in extract(text).dates]
    assert len(dates) == 1, dates
    d = dates[0]
    assert (d.type, d.start_date, d.end_date, d.granularity) == (typ, start, end, granularity)


def test_dates_without_a_year_take_the_last_one_written() -> None:
    ds = extract("106 年 2 月及 8 月赴越南，並於 5月及 12 月參加研討會").dates
    assert [d.end_date for d in ds] == ["2017-02-28", "2017-08-31", "2017-05-31", "2017-12-31"]


def test_default_year_dates_the_rest_roc_or_western() -> None:
    assert extract("於 8 月 10 日召開").dates == ()
    (d,) = extract("於 8 月 10 日召開", default_year=106).dates
    assert d.start_date == "2017-08-10"
    (d,) = extract("於 8 月 10 日召開", default_year=2017).dates
    assert d.start_date == "2017-08-10"


def test_relative_years_without_a_number_are_not_dates() -> None:
    assert extract("上年、本期、今年").dates == ()


def test_a_duration_is_not_a_date() -> None:
    r = extract("預計 3 年內完成")
    assert r.dates == ()
    assert [(q.value, q.unit) for q in r.quantities] == [(3.0, "year")]
