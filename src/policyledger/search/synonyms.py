"""Words people type for what the reports write differently (language data, as data).

Each entry maps a query word to alternatives; a query word matches a passage containing
itself or any alternative, and counts once toward how much of the query a passage covers.
Written in Traditional Chinese as the reports are; both sides are folded before use, so
Simplified input finds them too. Keep it short: every entry widens recall for everyone.
"""

from __future__ import annotations

from functools import lru_cache

from policyledger.search.text import fold, squeeze

SYNONYMS: dict[str, tuple[str, ...]] = {
    "風電": ("風力發電", "風力"),
    "離岸風電": ("離岸風力",),
    "陸域風電": ("陸域風力",),
    "光電": ("太陽光電",),
    "太陽能": ("太陽光電",),
    "綠電": ("綠色電力", "再生能源電力"),
    "核電": ("核能",),
    "核電廠": ("核能電廠", "核一廠", "核二廠", "核三廠"),
    "火電": ("火力發電",),
    "燃煤": ("燃煤機組",),
    "外資": ("僑外投資",),
    "陸資": ("陸資來臺",),
    "台商": ("臺商",),
    "電動車": ("電動車輛",),
    "人工智慧": ("AI",),
    "AI": ("人工智慧",),
    "物聯網": ("IoT",),
    "IoT": ("物聯網",),
    "碳排": ("二氧化碳排放", "減碳"),
    "節電": ("節約用電", "節能"),
    "缺水": ("供水",),
    "停電": ("供電",),
    "中小企業信保": ("信保基金",),
    "WTO": ("世界貿易組織",),
    "世貿": ("WTO",),
}


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    return {squeeze(fold(k)): tuple(fold(v) for v in vs) for k, vs in SYNONYMS.items()}


def alternatives(folded_word: str) -> tuple[str, ...]:
    """The folded alternatives of a folded query word (empty when there are none)."""
    return _table().get(squeeze(folded_word), ())
