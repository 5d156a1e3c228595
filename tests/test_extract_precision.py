"""``Quantity.precision``: half-width of the interval the printed digits imply."""

from __future__ import annotations

import pytest

from policyledger.extract import extract


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("75.1 億美元", 0.05e8),  # last digit is tenths of 億
        ("1,524.9 億元", 0.05e8),
        ("6,438 人", 0.0),  # a count written in full is exact
        ("3 萬 3,543 人次", 0.0),
        ("3 萬人", 0.5e4),  # a round magnitude
        ("25.2％", 0.05),
        ("15％", 0.5),
        ("約 3,000 人", 500.0),  # approximate: good to the last non-zero digit
    ],
)
def test_precision(text: str, precision: float) -> None:
    (q,) = extract(text).quantities
    assert q.precision == pytest.approx(precision)


def test_values_carry_no_binary_noise() -> None:
    (q,) = extract("75.1 億美元").quantities
    assert q.value == 7_510_000_000
