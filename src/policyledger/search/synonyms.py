"""Words people type for what the reports write differently (language data, as data).

Each entry maps a query word to alternatives; a query word matches a passage containing
itself or any alternative, and counts once toward how much of the query a passage covers.
Written in Traditional Chinese as the reports are; both sides are folded before use, so
Simplified input finds them too. Keep it short: every entry widens recall for everyone.

Words of the mainland's vocabulary (智能, 数据, 软件, 信息) also find the word Taiwan's
reports use (智慧, 資料, 軟體, 資訊) through OpenCC's Simplified → Taiwan phrase table
(``s2twp``), so that list is OpenCC's, not ours.
"""

from __future__ import annotations

import re
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
    "空污": ("空氣污染", "PM2.5"),
    "貸款": ("融資",),
    "意外": ("事故",),
    "早收": ("早期收穫",),
    "安裝": ("設置", "建置"),
    "缺電": ("電力供應", "電力穩定供應", "供電吃緊", "備用容量率"),
    "限電": ("停電", "電力供應", "供電吃緊"),
    "缺工": ("缺人",),
    # the mainland's words that OpenCC's Taiwan table leaves alone
    "光伏": ("太陽光電",),
    "裝機容量": ("裝置容量",),
    "營商": ("經商",),
}


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    return {squeeze(fold(k)): tuple(fold(v) for v in vs) for k, vs in SYNONYMS.items()}


@lru_cache(maxsize=1)
def _taiwan_converter() -> object:
    import opencc

    return opencc.OpenCC("s2twp")


@lru_cache(maxsize=4096)
def taiwan_word(folded_word: str) -> str | None:
    """The folded Taiwan word for a folded mainland word (智能 → 智慧), or None."""
    conv = _taiwan_converter()
    out = fold(conv.convert(folded_word))  # type: ignore[attr-defined]
    return out if out != folded_word else None


_LETTER_DIGIT = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")
_YEAR = re.compile(r"^(\d{2,4})(?=年)")


def written_forms(folded_word: str) -> tuple[str, ...]:
    """Other ways the reports write a number a user typed: 5.5gw as 5.5 GW, 2018年 as
    107年 and 107年 as 2018年 (ROC years: Western − 1911)."""
    out: list[str] = []
    spaced = _LETTER_DIGIT.sub(" ", folded_word)
    if spaced != folded_word and any(c.isdigit() for c in folded_word):
        out.append(spaced)
    if m := _YEAR.match(folded_word):
        y = int(m.group(1))
        other = y - 1911 if 1912 <= y <= 2100 else y + 1911 if 1 <= y <= 189 else None
        if other is not None:
            out.append(f"{other}{folded_word[m.end() :]}")
    return tuple(out)


def alternatives(folded_word: str) -> tuple[str, ...]:
    """The folded alternatives of a folded query word (empty when there are none): the
    synonym table's, the Taiwan word for a mainland word, other written forms of a
    number."""
    alts = [*_table().get(squeeze(folded_word), ())]
    if (tw := taiwan_word(folded_word)) is not None:
        alts.append(tw)
    alts.extend(written_forms(folded_word))
    return tuple(dict.fromkeys(a for a in alts if a != folded_word))
