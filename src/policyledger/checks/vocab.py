"""The words the checker keys on, kept as data so a test can inspect them and a new cue
word is a one-line change rather than a regex edit."""

from __future__ import annotations

# A total written after its parts: "…99 天，…41 天，合計 140 天".
TOTAL_AFTER_PARTS: tuple[str, ...] = ("合計", "共計", "總計", "累計共", "共")
# Only these are strong enough that a total which does not add up is reported as
# inconsistent; "共" and "總計" often just mean "in all we did", after unrelated figures.
STRONG_TOTAL_WORDS: tuple[str, ...] = ("合計", "共計")

# Parts listed after their total: "5,241 MW，其中太陽光電 1,733 MW、…".
PARTS_AFTER_TOTAL: tuple[str, ...] = ("其中", "包括", "包含", "分別為", "除")
# Of those, the ones too common in other senses (除 in 除役, 排除) to vouch for a miss.
WEAK_PARTS_WORDS: tuple[str, ...] = ("除", "包含")

# A list that admits it is not complete: its parts need not add up to the total.
OPEN_LIST: tuple[str, ...] = ("等", "以上", "逾", "超過", "餘")

# A bracket that opens like this may list only some of the parts ("（其中北區 3 件…）").
PARTIAL_BRACKET: tuple[str, ...] = ("其中", "含", "包括")

# Ratios named in the text. ``stem`` is what the numerator's clause says ("再利用量"),
# ``complement`` means the rate is 1 − failed/total (合格率 from 不合格 counts).
RATE_WORDS: tuple[tuple[str, str], ...] = (
    ("不合格率", "不合格"),  # before 合格率, which it contains
    ("達成率", "達成"),
    ("合格率", "合格"),
    ("再利用率", "再利用"),
    ("完成率", "完成"),
    ("利用率", "利用"),
    ("執行率", "執行"),
    ("通過率", "通過"),
    ("及格率", "及格"),
)
FAILED_WORDS: tuple[str, ...] = ("不合格", "不及格", "未通過", "不符")
TARGET_WORDS: tuple[str, ...] = ("目標", "預計", "預定", "預期", "計畫", "規劃")

# Units whose amounts add up; shares, rates and durations do not.
ADDITIVE_UNITS: frozenset[str] = frozenset(
    {
        "TWD",
        "USD",
        "EUR",
        "JPY",
        "CNY",
        "kW",
        "kWh",
        "t",
        "t/day",
        "t/h",
        "t/year",
        "kL",
        "m3",
        "ha",
        "m2",
        "km2",
        "km",
        "m",
        "count",
        "day",
    }
)
PERCENT_UNITS: frozenset[str] = frozenset({"%", "pp", "permille"})

# "占…％": the figure before is a share of a total.
SHARE_WORDS: tuple[str, ...] = ("占", "佔")

# A percentage inside brackets that is a change, not a share: "馬來西亞（成長 73.5％）".
CHANGE_WORDS: tuple[str, ...] = ("成長", "增加", "減少", "下降", "衰退", "增", "減", "較")

# "每部 80 萬瓩": a per-unit figure; the measure word must match the count it multiplies.
PER_UNIT_PREFIX = "每"
TIME_MEASURES: frozenset[str] = frozenset({"日", "天", "年", "月", "週", "時", "小時", "季"})

# A stated difference of two figures: "出口 3,172.5 億美元…進口 2,592.7 億美元；出超 579.8 億美元".
DIFFERENCE_WORDS: tuple[tuple[str, str, str], ...] = (
    ("出超", "出口", "進口"),
    ("入超", "進口", "出口"),
    ("順差", "出口", "進口"),
    ("逆差", "進口", "出口"),
)

# Change cues for growth checks: "由 X 增至 Y，成長 P％".
GROWTH_FROM: tuple[str, ...] = ("由", "從", "自")
GROWTH_TO: tuple[str, ...] = (
    "增至",
    "增加至",
    "提高至",
    "提升至",
    "成長至",
    "降至",
    "減至",
    "下降至",
    "減少至",
    "升至",
)

# "破獲率 81.87％，較去年同期 81.58％上升 0.29 個百分點": the figure compared with stands
# after one of these, between the current figure and the change.
COMPARE_WORDS: tuple[str, ...] = ("較", "比", "與")

# A named rate whose inputs are the two counts before it ("申報家數 2 萬 7,868 家，申報率
# 達 95.73％"). Any word ending in 率 qualifies except these, which name changes, prices
# or shares of something else (年增率, 利率, 占有率 …).
NOT_A_COUNT_RATE: tuple[str, ...] = (
    "增率",
    "成長率",
    "增加率",
    "減少率",
    "降低率",
    "下降率",
    "降低比率",
    "利率",
    "稅率",
    "匯率",
    "費率",
    "占有率",
    "占率",
    "報酬率",
    "獲利率",
    "失業率",
    "經濟成長率",
    "比率差",
)

# A total of a two-way flow and its two directions: "雙邊貿易總額達 15.9 億美元，我國向印度
# 出口 7.7 億美元，自印度進口 8.3 億美元". Trade totals are exports plus imports by
# definition, so a miss is reported; other two-way totals (雙邊觀光人數) only when they add up.
TWO_WAY_TOTALS: tuple[str, ...] = ("貿易總額", "貿易額", "雙邊")
EXPORT_WORDS: tuple[str, ...] = ("出口", "輸")
IMPORT_WORDS: tuple[str, ...] = ("進口",)
