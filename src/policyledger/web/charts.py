"""Charts as inline SVG rendered on the server: no script, no CDN, readable when printed.

A chart is a grouped horizontal bar chart — one row per chapter, one bar per series
(actual beside target) — because chapter names are long Chinese labels that only fit
on the left of a row, and the same scale across rows keeps bars comparable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from policyledger.web.common import num

LABEL_WIDTH = 150
BAR_AREA = 250
VALUE_WIDTH = 120
BAR_HEIGHT = 16
ROW_GAP = 12
TOP = 30


def bar_chart(
    rows: Sequence[Mapping[str, Any]],
    *,
    series: Sequence[tuple[str, str, str]],
    scale: float = 1.0,
    unit_label: str = "",
    title: str,
    chart_id: str,
) -> Markup:
    """``series`` is ``(key in each row, legend label, css class)``; values are divided by
    ``scale`` and printed with ``unit_label`` at the end of each bar."""
    if not rows:
        return Markup("")
    peak = max((float(r[key] or 0) for r in rows for key, _, _ in series), default=0.0)
    peak = peak if peak > 0 else 1.0
    row_height = BAR_HEIGHT * len(series) + ROW_GAP
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = TOP + row_height * len(rows)
    title_id = f"{chart_id}-title"
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{title_id}"'
        f' viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]
    # Legend along the top.
    x = LABEL_WIDTH
    for _key, label, css in series:
        parts.append(
            f'<rect class="bar {escape(css)}" x="{x}" y="6" width="12" height="12" rx="2"/>'
            f'<text class="legend" x="{x + 16}" y="16">{escape(label)}</text>'
        )
        x += 16 + 15 * len(label) + 24
    for i, row in enumerate(rows):
        y0 = TOP + i * row_height
        label = f"{row.get('chapter', '')}、{row.get('title', '')}"
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y0 + row_height / 2}"'
            f' text-anchor="end" dominant-baseline="middle">{escape(_clip(label, 9))}'
            f"<title>{escape(label)}</title></text>"
        )
        for j, (key, series_label, css) in enumerate(series):
            value = float(row[key] or 0)
            w = round(BAR_AREA * value / peak, 1)
            y = y0 + j * BAR_HEIGHT
            shown = f"{num(value / scale)} {unit_label}".strip()
            parts.append(
                f'<rect class="bar {escape(css)}" x="{LABEL_WIDTH}" y="{y}" width="{w}"'
                f' height="{BAR_HEIGHT - 2}" rx="2"><title>{escape(label)} {escape(series_label)}：'
                f"{escape(shown)}</title></rect>"
                f'<text class="value" x="{LABEL_WIDTH + w + 4}" y="{y + BAR_HEIGHT / 2}"'
                f' dominant-baseline="middle">{escape(shown)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
