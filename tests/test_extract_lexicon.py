"""The extractor's language data is consistent: every code is one facts.md defines,
no word shadows another by accident, and every table the grammar relies on is sane."""

from __future__ import annotations

import re

from policyledger.extract import lexicon as lx

# The canonical unit codes of shared/spec/facts.md.
SPEC_CODES = {
    "TWD", "USD", "EUR", "JPY", "CNY", "kW", "kWh", "t", "t/day", "t/h", "t/year", "kL",
    "m3", "ha", "m2", "km2", "km", "m", "%", "pp", "permille", "day", "month", "year",
    "hour", "count", "other",
}  # fmt: skip
QUALIFIERS = {"exact", "approx", "over", "under", "at_most", "at_least"}


def test_every_unit_maps_to_a_spec_code_with_a_positive_factor() -> None:
    for word, (code, factor) in lx.UNITS.items():
        assert code in SPEC_CODES, word
        assert factor > 0, word
        assert word == word.strip() and word, word


def test_the_units_the_spec_names_are_known() -> None:
    spec_examples = {
        "元": "TWD", "美元": "USD", "歐元": "EUR", "日圓": "JPY", "人民幣": "CNY", "瓩": "kW",
        "MW": "kW", "GW": "kW", "度": "kWh", "瓩時": "kWh", "噸": "t", "公噸": "t",
        "噸/日": "t/day", "噸/時": "t/h", "公秉": "kL", "立方公尺": "m3", "公頃": "ha",
        "平方公尺": "m2", "坪": "m2", "平方公里": "km2", "公里": "km", "公尺": "m", "％": "%",
        "%": "%", "成": "%", "個百分點": "pp", "‰": "permille", "天": "day", "個月": "month",
        "小時": "hour",
    }  # fmt: skip
    for word, code in spec_examples.items():
        assert lx.UNITS[word][0] == code, word
    assert lx.UNITS["MW"][1] == 1e3 and lx.UNITS["GW"][1] == 1e6
    assert lx.UNITS["坪"][1] == 3.305785 and lx.UNITS["成"][1] == 10


def test_measure_words_from_the_spec_are_counts_and_not_units() -> None:
    spec_words = "人 人次 家 家次 件 案 項 場 場次 座 部 戶 張 枚 口 處 班 所 篇 則 類 國 團 個 支 種 筆 款 攤"
    for w in spec_words.split():
        assert w in lx.MEASURE_WORDS, w
    assert len(set(lx.MEASURE_WORDS)) == len(lx.MEASURE_WORDS)
    assert not set(lx.MEASURE_WORDS) & set(lx.UNITS)
    assert set(lx.MEASURE_WORD_BAD_AFTER) <= set(lx.MEASURE_WORDS) | set(lx.UNITS)


def test_numerals_and_magnitudes() -> None:
    assert sorted(lx.CHINESE_DIGITS.values()) == [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]
    assert lx.MAGNITUDES == {"萬": 10**4, "億": 10**8, "兆": 10**12}
    assert not set(lx.MAGNITUDES) & set(lx.CHINESE_DIGITS)
    assert "０１２３４５６７８９".translate(lx.FULLWIDTH_DIGITS) == "0123456789"


def test_qualifier_words_map_to_spec_qualifiers() -> None:
    for table in (lx.QUALIFIER_PREFIXES, lx.QUALIFIER_INFIXES, lx.QUALIFIER_SUFFIXES):
        assert set(table.values()) <= QUALIFIERS
    for word, q in {
        "約": "approx", "近": "approx", "逾": "over", "超過": "over", "突破": "over",
        "未滿": "under", "不到": "under", "最高": "at_most", "至少": "at_least",
    }.items():  # fmt: skip
        assert lx.QUALIFIER_PREFIXES[word] == q
    assert lx.QUALIFIER_SUFFIXES["以上"] == "over"
    assert lx.QUALIFIER_SUFFIXES["左右"] == "approx"
    assert lx.QUALIFIER_SUFFIXES["以下"] == "under"
    assert lx.QUALIFIER_INFIXES["餘"] == "over"


def test_modality_and_role_words_do_not_overlap() -> None:
    assert not set(lx.TARGET_CUES) & set(lx.ACTUAL_CUES)
    assert not set(lx.INCREASE_WORDS) & set(lx.DECREASE_WORDS)
    for cue in ("預計", "預期", "規劃", "擬", "預定", "可望"):
        assert cue in lx.TARGET_CUES
    assert "已" in lx.ACTUAL_CUES


def test_calendar_vocabulary() -> None:
    assert lx.ROC_OFFSET == 1911
    for part, (m0, m1) in lx.YEAR_PARTS.items():
        assert 1 <= m0 <= m1 <= 12, part
    assert lx.YEAR_PARTS["上半年"] == (1, 6) and lx.YEAR_PARTS["下半年"] == (7, 12)
    assert set(lx.RELATIVE_BRACKET_OFFSET) == set(lx.RELATIVE_YEAR_WORDS)
    assert lx.RELATIVE_YEAR_PREFIXES["去年"] == -1 and lx.RELATIVE_YEAR_PREFIXES["本年"] == 0
    for j in lx.RANGE_JOINERS:
        assert re.escape(j)


def test_tables_hold_no_empty_or_padded_words() -> None:
    for table in (
        lx.TARGET_CUES, lx.ACTUAL_CUES, lx.INCREASE_WORDS, lx.DECREASE_WORDS,
        lx.DEADLINE_PREFIXES, lx.DEADLINE_SUFFIXES, tuple(lx.CURRENCY_PREFIXES),
        tuple(lx.RATE_PREFIXES), tuple(lx.QUALIFIER_PREFIXES), lx.MEASURE_WORDS,
    ):  # fmt: skip
        for w in table:
            assert w and w == w.strip(), repr(w)
