"""The pure helpers behind the pages: highlighting a paragraph and drawing a chart."""

from __future__ import annotations

from typing import Any

from policyledger.web.charts import bar_chart
from policyledger.web.common import num, period_display, section_url, value_display
from policyledger.web.highlight import segments


def _para(
    text: str,
    start: int,
    quantities: list[dict[str, Any]],
    dates: tuple[dict[str, Any], ...] = (),
) -> dict[str, Any]:
    return {
        "text": text,
        "start": start,
        "sentences": [{"quantities": quantities, "dates": list(dates)}],
    }


def _at(text: str, part: str, base: int) -> dict[str, Any]:
    i = text.index(part)
    return {"text": part, "start": base + i, "end": base + i + len(part)}


def test_segments_cover_the_text_and_mark_each_figure() -> None:
    text = "106 年投資 54.4 億元，成長 82％。"
    base = 1000
    q1, q2 = _at(text, "54.4 億元", base), _at(text, "82％", base)
    d = _at(text, "106 年", base)
    segs = segments(_para(text, base, [q2, q1], (d,)))
    assert "".join(s["text"] for s in segs) == text
    assert [s["text"] for s in segs if s["fact"]] == ["54.4 億元", "82％"]
    assert [s["text"] for s in segs if s["date"]] == ["106 年"]


def test_segments_skip_stale_or_overlapping_offsets() -> None:
    text = "總面積 10.9 公頃，可達 4,630 攤。"
    good = _at(text, "10.9 公頃", 0)
    stale = {**_at(text, "4,630 攤", 0), "start": 1, "end": 8}  # offsets point elsewhere
    overlapping = _at(text, "9 公頃", 0)
    outside = {"text": "攤。", "start": 40, "end": 42}
    segs = segments(_para(text, 0, [good, stale, overlapping, outside]))
    assert "".join(s["text"] for s in segs) == text
    assert [s["fact"]["text"] for s in segs if s["fact"]] == ["10.9 公頃"]


def test_bar_chart_is_inline_svg_with_escaped_labels() -> None:
    rows = [
        {
            "chapter": "壹",
            "title": "<script>x</script>",
            "actual_total": 5.44e9,
            "target_total": 0.0,
        },
        {"chapter": "拾", "title": "能源", "actual_total": 0.0, "target_total": 9.0e11},
    ]
    svg = str(
        bar_chart(
            rows,
            series=[("actual_total", "實績", "actual"), ("target_total", "目標", "target")],
            scale=1e8,
            unit_label="億元",
            title="金額",
            chart_id="t",
        )
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "54.4 億元" in svg and "9,000 億元" in svg
    # The largest value fills the bar area; the rest scale to it.
    assert 'width="250.0"' in svg
    assert bar_chart([], series=[], title="t", chart_id="e") == ""


def test_number_and_period_display() -> None:
    assert num(1234567.0) == "1,234,567"
    assert (num(0.5), num(2.0), num(-0.001)) == ("0.5", "2", "0")
    assert num(float("nan")) == "—"
    assert value_display(5.44e9, "TWD") == "54.4 億元"
    assert value_display(6438, "count", "人") == "6,438 人"
    assert value_display(2.0e7, "kW") == "2,000 萬瓩"
    assert period_display("2017-01-01", "2017-12-31") == "2017 年（民國 106 年）"
    assert period_display(None, "2018-06-30") == "2018-06-30 前"
    assert period_display(None, None) == "未標示"
    assert (
        section_url("ab", "壹/一/（一）", 3)
        == "/reports/ab/sections/%E5%A3%B9/%E4%B8%80/%EF%BC%88%E4%B8%80%EF%BC%89#p-3"
    )
