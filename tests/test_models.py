from __future__ import annotations

from dataclasses import fields

from policyledger.models import CalendarExpr, Extraction, Quantity


def test_shifted_moves_offsets_and_keeps_every_other_field() -> None:
    q = Quantity("1,520 MW", 3, 11, 1520000.0, "kW", "MW", "approx", "change", "target", 2e6, 500.0)
    d = CalendarExpr("107 年 6 月底前", 0, 2, "by", None, "2018-06-30", "month")
    moved = Extraction((q,), (d,)).shifted(100)
    (mq,), (md,) = moved.quantities, moved.dates
    assert (mq.start, mq.end, md.start, md.end) == (103, 111, 100, 102)
    for f in fields(Quantity):
        if f.name not in ("start", "end"):
            assert getattr(mq, f.name) == getattr(q, f.name), f.name
    for f in fields(CalendarExpr):
        if f.name not in ("start", "end"):
            assert getattr(md, f.name) == getattr(d, f.name), f.name
    assert Extraction((q,), (d,)).shifted(0).quantities[0] is q
