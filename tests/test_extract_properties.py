"""Properties of the number grammar and of the scanner as a whole (Hypothesis).

Numbers rendered the ways the reports print them parse back to their value; the
extractor never raises, keeps offsets exact, and stays linear on long adversarial text.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyledger.extract import extract, parse_number

FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
CN_DIGITS = "零一二三四五六七八九"


def arabic(n: int, *, commas: bool) -> str:
    return f"{n:,}" if commas else str(n)


def render_magnitudes(n: int, sep: str, commas: bool) -> str:
    """12,345,678 -> '1234 萬 5,678' style: 兆/億/萬 groups, groups written in Arabic."""
    parts = []
    for word, size in (("兆", 10**12), ("億", 10**8), ("萬", 10**4)):
        if n >= size:
            parts.append(arabic(n // size, commas=commas) + sep + word)
            n %= size
    if n or not parts:
        parts.append(arabic(n, commas=commas))
    return sep.join(parts)


def chinese_below_10000(n: int) -> str:
    """Chinese numeral for 0 < n < 10000 (一千零五, 一百二十, 十二)."""
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10)):
        d = n // size
        n %= size
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (unit == "十" and d == 1 and not out) else CN_DIGITS[d]) + unit
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + CN_DIGITS[n]
    return out


@given(
    st.integers(min_value=0, max_value=10**15),
    st.sampled_from(["", " ", "\n", " \n "]),
    st.booleans(),
)
def test_integers_with_magnitudes_parse_back(n: int, sep: str, commas: bool) -> None:
    assert parse_number(render_magnitudes(n, sep, commas)) == n


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_full_width_digits_parse_back(n: int, commas: bool) -> None:
    assert parse_number(arabic(n, commas=commas).translate(FULL)) == n


@given(
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["萬", "億", "兆", ""]),
)
def test_decimals_with_a_magnitude_parse_back(whole: int, frac: int, word: str) -> None:
    scale = {"萬": 10**4, "億": 10**8, "兆": 10**12, "": 1}[word]
    text = f"{whole:,}.{frac:02d} {word}".strip()
    assert parse_number(text) == pytest.approx((whole + frac / 100) * scale, rel=1e-12)


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_parse_back(n: int) -> None:
    assert parse_number(chinese_below_10000(n)) == n


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["萬", "億"]))
def test_chinese_with_magnitude_parse_back(n: int, word: str) -> None:
    assert parse_number(chinese_below_10000(n) + word) == n * {"萬": 10**4, "億": 10**8}[word]


def test_known_renderings() -> None:
    assert parse_number("1 兆 7,955.51 億") == 1_795_551_000_000
    assert parse_number("2 億 7,028 萬 400") == 270_280_400
    assert parse_number("3 萬\n3,543") == 33543
    assert parse_number("兩千") == 2000
    assert parse_number("一百二十") == 120
    with pytest.raises(ValueError):
        parse_number("億元")


ALPHABET = (
    "0123456789０１２３ ,.\n萬億兆千百十一二兩年月日至~-（）()「」本今去第約逾元人％%成大每噸前止底"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200) | st.text(max_size=200))
def test_never_raises_and_offsets_are_exact(text: str) -> None:
    result = extract(text)
    for q in result.quantities:
        assert text[q.start : q.end] == q.text
        assert q.qualifier in {"exact", "approx", "over", "under", "at_most", "at_least"}
        assert q.role in {"level", "change"} and q.modality in {"actual", "target"}
    for d in result.dates:
        assert text[d.start : d.end] == d.text
        assert d.type in {"date", "range", "by"}
        if d.start_date and d.end_date:
            assert d.start_date <= d.end_date


def _cpu_seconds(text: str) -> float:
    t0 = time.process_time()
    extract(text)
    return time.process_time() - t0


# 10^5 characters each: digit runs, separators, magnitudes, brackets, quotes, cue words.
CHEAP = [
    "1" * 100_000,
    "1," * 50_000,
    "1萬" * 50_000,
    "1 萬 " * 25_000,
    "一" * 100_000,
    ("（本(" + "1" * 10) * 7_000,
    "「" * 100_000,
    "約" * 50_000 + "1件",
    "較" + "增加" * 50_000 + "1件",
    " \n" * 50_000 + "1",
    "CNS 15663、" * 10_000,
]


@pytest.mark.parametrize("text", CHEAP, ids=lambda t: repr(t[:12]))
def test_fast_on_long_adversarial_text(text: str) -> None:
    assert _cpu_seconds(text) < 1.0


# Text that is nothing but facts (a date or a figure every 3-6 characters) costs the
# full grammar per fact; what matters is that it grows linearly, not quadratically.
DENSE = [
    "106年", "1至", "1~", "1年1月1日至", "3 萬 3,543 人次，",
    # table rows, signed and medal figures, 自…起…至 spans: each looks back a bounded way
    "| 1 | 2 | 3%", "-3%，", "34金10銀", "自95年起辦理至", "較上年增加3人或1%，",
]  # fmt: skip


@pytest.mark.parametrize("unit", DENSE)
def test_linear_on_text_made_of_facts(unit: str) -> None:
    small = unit * (12_500 // len(unit))
    big = unit * (50_000 // len(unit))
    # Best of two runs: a busy CI machine slows single runs, never speeds them up.
    t_small = max(min(_cpu_seconds(small), _cpu_seconds(small)), 1e-3)
    t_big = min(_cpu_seconds(big), _cpu_seconds(big))
    assert t_big < 3.0
    # Four times the text: about four times the time (quadratic would be sixteen).
    assert t_big / t_small < 8.0
