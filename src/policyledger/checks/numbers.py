"""What a printed figure stands for: the interval its digits allow.

``Quantity.precision`` (half-width of that interval, in the canonical unit) is used when
the extractor supplied it; otherwise it is derived here from the text as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policyledger.checks.model import Fact, Interval
from policyledger.checks.vocab import PERCENT_UNITS
from policyledger.models import Quantity

_GROUP = re.compile(r"([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*([萬億兆千百]?)")
_MAGNITUDE = {"": 1.0, "百": 1e2, "千": 1e3, "萬": 1e4, "億": 1e8, "兆": 1e12}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

# 約 widens the stated interval by this share of the value (or by its own precision,
# whichever is larger): "about 30.3 %" is not a claim to the last digit.
APPROX_RELATIVE = 0.005


def derived_precision(q: Quantity) -> float:
    """Half the place value of the last printed digit, in the canonical unit.

    Integers written in full (``346 件``, ``5,241 MW`` counts of things) are exact; an
    integer percentage (``82％``) is taken as rounded to the unit.
    """
    groups = [
        (m.group(1).translate(_FULLWIDTH).replace(",", ""), m.group(2))
        for m in _GROUP.finditer(q.text)
    ]
    if not groups:
        return 0.0
    digits, magnitude = groups[-1]
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    if len(groups) == 1:
        try:
            number = float(digits) * _MAGNITUDE[magnitude]
        except ValueError:
            return 0.0
        # The canonical value per printed unit (億美元 -> 1e8, MW -> 1e3, 成 -> 10).
        factor = q.value / number if number else _MAGNITUDE[magnitude]
        place = abs(factor) * _MAGNITUDE[magnitude] * 10.0**-decimals
        exact_integer = decimals == 0 and abs(abs(factor) - 1.0) < 1e-9 and magnitude == ""
    else:
        # Mixed Chinese magnitudes ("4 億 8,817 萬元"): the last group sets the precision.
        place = _MAGNITUDE[magnitude] * 10.0**-decimals
        exact_integer = decimals == 0 and magnitude == ""
    if exact_integer and q.unit not in PERCENT_UNITS:
        return 0.0
    return place / 2


def precision_of(q: Quantity) -> float:
    return q.precision if q.precision > 0 else derived_precision(q)


def interval_of(fact: Fact, *, approx: bool = False) -> Interval:
    """The interval a fact stands for; 約 (its qualifier, or ``approx``) widens it."""
    return _interval(fact.quantity, approx)


@lru_cache(maxsize=8192)
def _interval(q: Quantity, approx: bool) -> Interval:
    half = precision_of(q)
    if approx or q.qualifier == "approx":
        half += max(half, APPROX_RELATIVE * abs(q.value))
    return Interval.around(q.value, half)


def fmt_number(x: float, digits: int = 4) -> str:
    """A readable number for explanations: thousands separators, trailing zeros trimmed."""
    if x == 0:
        return "0"
    s = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"
