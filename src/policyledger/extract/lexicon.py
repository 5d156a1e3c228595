"""The language data of the extractor: every word the grammar knows, as plain tables.

The grammar modules only ever look words up here, so adding a unit, a qualifier or a
modality cue is a one-line change to a table (checked by ``tests/test_extract_lexicon.py``)
rather than an edit to a regular expression.
"""

from __future__ import annotations

from typing import Final

# --- numerals ------------------------------------------------------------------------

FULLWIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９，．", "0123456789,.")

CHINESE_DIGITS: Final[dict[str, int]] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Small multipliers inside a Chinese numeral (一百二十).
CHINESE_SMALL_UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}

# Magnitude words that scale everything before them (3 萬 3,543; 1 兆 7,955.51 億).
MAGNITUDES: Final[dict[str, int]] = {"萬": 10**4, "億": 10**8, "兆": 10**12}
# Magnitudes also written straight after Arabic digits (1千餘人次, 3百萬).
SMALL_MAGNITUDES_AFTER_DIGITS: Final[dict[str, int]] = {"千": 1000, "百": 100}

# A lone 一 is far more often an article ("一項重要措施", "統一") than a count.
LONE_CHINESE_NUMERALS_REJECTED: Final = frozenset({"一", "〇", "零", "百", "千", "萬"})
# A Chinese numeral preceded by one of these is part of a word, not a number.
# 核四廠 and 核二廠 name a plant.
CHINESE_NUMERAL_BAD_BEFORE: Final = frozenset(
    "第統唯同單初其萬之專整逐一二三四五六七八九十百千週星禮數幾核"
)

# PDF text layers sometimes print a CJK compatibility ideograph (U+F98E for 年, U+F90A for
# 金): these blocks are read as the unified character they stand for, one for one, so
# offsets are kept.
COMPAT_IDEOGRAPH_BLOCKS: Final = ((0xF900, 0xFAFF), (0x2F00, 0x2FDF))

# --- units -----------------------------------------------------------------------------
# written form -> (canonical code, factor to the canonical unit). The scanner tries the
# longest written form first, so 瓩時 wins over 瓩 and 萬人次 over 人.

UNITS: Final[dict[str, tuple[str, float]]] = {
    # money
    "新臺幣元": ("TWD", 1.0),
    "元": ("TWD", 1.0),
    "塊": ("TWD", 1.0),
    "美元": ("USD", 1.0),
    "美金": ("USD", 1.0),
    "歐元": ("EUR", 1.0),
    "日圓": ("JPY", 1.0),
    "日幣": ("JPY", 1.0),
    "日元": ("JPY", 1.0),
    "人民幣": ("CNY", 1.0),
    "港幣": ("other", 1.0),
    "港元": ("other", 1.0),
    # power and energy
    "瓩時": ("kWh", 1.0),
    "千瓦時": ("kWh", 1.0),
    "kWh": ("kWh", 1.0),
    "KWh": ("kWh", 1.0),
    "度": ("kWh", 1.0),
    "瓩": ("kW", 1.0),
    "千瓦": ("kW", 1.0),
    "kW": ("kW", 1.0),
    "KW": ("kW", 1.0),
    "kw": ("kW", 1.0),
    "MW": ("kW", 1e3),
    "MWp": ("kW", 1e3),
    "kWp": ("kW", 1.0),
    "GW": ("kW", 1e6),
    # mass and rates of mass
    "公噸/日": ("t/day", 1.0),
    "噸/日": ("t/day", 1.0),
    "公噸/年": ("t/year", 1.0),
    "噸/年": ("t/year", 1.0),
    "公噸/時": ("t/h", 1.0),
    "噸/時": ("t/h", 1.0),
    "公噸": ("t", 1.0),
    "噸": ("t", 1.0),
    # volume, area, length
    "公秉油當量": ("other", 1.0),
    "公秉": ("kL", 1.0),
    "KL": ("kL", 1.0),
    "kL": ("kL", 1.0),
    "立方公尺": ("m3", 1.0),
    "立方米": ("m3", 1.0),
    "公頃": ("ha", 1.0),
    "平方公里": ("km2", 1.0),
    "平方公尺": ("m2", 1.0),
    "坪": ("m2", 3.305785),
    "公里": ("km", 1.0),
    "公尺": ("m", 1.0),
    # ratios
    "％": ("%", 1.0),
    "﹪": ("%", 1.0),
    "%": ("%", 1.0),
    "成": ("%", 10.0),
    "個百分點": ("pp", 1.0),
    "百分點": ("pp", 1.0),
    "‰": ("permille", 1.0),
    # durations ("年" and "日" are only durations when the date grammar has not taken them)
    "個月": ("month", 1.0),
    "小時": ("hour", 1.0),
    "天": ("day", 1.0),
    "日": ("day", 1.0),
    "年": ("year", 1.0),
    # measured things with no canonical code: value kept as written
    "公斤": ("other", 1.0),
    "公克": ("other", 1.0),
    "公升": ("other", 1.0),
    "倍": ("other", 1.0),
    "歲": ("other", 1.0),
    "分/戶-年": ("other", 1.0),
    "公升油當量/千元": ("other", 1.0),
    "噸級": ("other", 1.0),
    "吋": ("other", 1.0),
    "奈米": ("other", 1.0),
    "分鐘": ("other", 1.0),
    "週": ("other", 1.0),
    "學分": ("other", 1.0),
    "秒": ("other", 1.0),
    "毫米": ("other", 1.0),
    "微米": ("other", 1.0),
    "公分": ("other", 1.0),
    "立方公分": ("other", 1.0),
    "CMD": ("other", 1.0),
    "公釐": ("other", 1.0),
    "海浬": ("other", 1.0),
    "浬": ("other", 1.0),
}

# Written before its number: 百分之二 is 2 %.
PERCENT_WORD: Final = "百分之"

# Measure words: the canonical code is "count" and raw_unit keeps the word.
MEASURE_WORDS: Final[tuple[str, ...]] = (
    "人次",
    "人",
    "家次",
    "家",
    "件次",
    "件",
    "案次",
    "案",
    "項",
    "場次",
    "場",
    "座",
    "部",
    "戶",
    "張",
    "枚",
    "口",
    "處",
    "班次",
    "班",
    "所",
    "篇次",
    "篇",
    "則",
    "類",
    "國",
    "團",
    "個",
    "支",
    "種",
    "筆",
    "款",
    "攤",
    "名",
    "次",
    "架次",
    "航次",
    "梯次",
    "位",
    "校",
    "輛",
    "艘",
    "棟",
    "間",
    "顆",
    "枝",
    "具",
    "隻",
    "頭",
    "株",
    "棵",
    "冊",
    "套",
    "台",
    "臺",
    "組",
    "批",
    "廠",
    "幅",
    "波",
    "集",
    "首",
    "站",
    "床",
    "門",
    "隊",
    "區",
    "縣市",
    "縣(市)",
    "條",
    "屆",
    "檔",
    "份",
    "層",
    "階段",
    "片",
    "盞",
    "把",
    "粒",
    "包",
    "箱",
    "袋",
    "面",
    "股",
    "單位",
    "科",
    "系",
    "堂",
    "節",
    "輪",
    "回",
    "關",
    "道",
    "趟",
    "例",
    "對",
    "員",
    "車次",
    "艘次",
    "輯",
    "通",
    "本",
    "只",
    "架",
    "宗",
    "頁次",
    "頁",
    "構面",
    "面向",
    "雙",
    "品目",
    "章",
    "單元",
    "州",
    "縣",
    "船",
    "直轄市",
    "鄉鎮市",
    "鄉(鎮、市)",
    "鄉鎮",
    "標",
    "期",
    "領域",
    "點",
    "學程",
    "學科",
    "方案",
    "友邦",
    "邦交國",
    "辦事處",
    "館處",
    "展團",
    "時段",
    "地區",
    "目",
    "地",
)
# 第7、25點, 第1、2、3期: what joins ordinals in a list, and how far back its 第 may stand.
ORDINAL_LIST_JOINERS: Final = frozenset("、及至")
ORDINAL_LIST_REACH: Final = 12
# Measure words that count only after a verb of doing or tallying (計辦理 8 期, 發行 23 期);
# elsewhere 14 期國家建設計畫, 2 期工程 name one phase or issue, an ordinal.
MEASURE_WORD_NEEDS_BEFORE: Final[dict[str, tuple[str, ...]]] = {
    # 季報及 4 期年報: a list joiner continues a count (第1、2期 is an ordinal list, read first).
    "期": (
        "辦理",
        "計",
        "共",
        "各",
        "分",
        "發行",
        "出版",
        "開辦",
        "舉辦",
        "開設",
        "完成",
        "及",
        "、",
    ),
}

# Medals (34金10銀18銅) count only in a tally: followed by a digit, 牌 or the end of the
# tally's clause, or standing after another medal.
MEDAL_WORDS: Final = ("金", "銀", "銅")
MEDAL_NEXT: Final = frozenset("0123456789０１２３４５６７８９牌、，,；;。()（）及與")

# Measure words that are too often the start of an ordinary word after a number; they
# count only when the next character is not one of these.
MEASURE_WORD_BAD_AFTER: Final[dict[str, frozenset[str]]] = {
    "成": frozenset("長立果本員效為功交熟績就形型品份分"),
    # 4 度調升, 第 3 度通過, 二度就業: 度 counts times there, not kilowatt-hours.
    "度": frozenset("假調就通過量"),
    "區": frozenset("域隔分別"),
    "國": frozenset("內外際家中營民產立小稅"),
    "面": frozenset("向對臨積"),
    "道": frozenset("路德"),
    "關": frozenset("係於鍵注稅懷"),
    "對": frozenset("於外應象話策"),
    "回": frozenset("收饋應歸復流"),
    "例": frozenset("如外行"),
    "節": frozenset("能約省電水"),
    "台": frozenset("灣商北中南"),
    "臺": frozenset("灣商北中南"),
    "系": frozenset("統列"),
    "科": frozenset("技學"),
    "門": frozenset("檻"),
    "層": frozenset("級面"),
    "包": frozenset("括含"),
    "條": frozenset("件例款"),
    "股": frozenset("份票東權"),
    "員": frozenset("工會額生警"),
    "通": frozenset("過知報訊常路關用信車"),
    "本": frozenset("部年期國土島地會身位質案次屆月日週季署局院市縣府處校著於"),
    "單位": frozenset(),
    # 七年級 is a school grade; 二次污染, 二次電池 are secondary, not twice.
    # 二年制技術系 is a kind of programme.
    "年": frozenset("級制"),
    "次": frozenset("污級"),
    "只": frozenset("是有要能限需在要"),
    "架": frozenset("構設"),
    "頁": frozenset("面"),
    "章": frozenset("程節則"),
    "州": frozenset("長政立際"),
    "縣": frozenset("長政府議級內境"),
    "船": frozenset("舶隻員長東主上"),
    "雙": frozenset("方向邊軌語贏層手星"),
    "標": frozenset("準的章示竿記誌榜語題售"),
    "目": frozenset("標前的錄次光睹"),
    # 921地震, 1/25000 地形圖: 地 starts a word there; 印度等 6 地 counts places.
    "地": frozenset("震形區方點圖產標價上下中理質政址位面帶球"),
}
# Measure words counted only after Arabic digits: 三地門 and 兩岸三地 are names.
DIGITS_ONLY_MEASURE_WORDS: Final = frozenset({"地"})
# 九年一貫, 十二年國民基本教育: after a Chinese numeral, 年 and these name a school system.
CHINESE_YEAR_NAME_NEXT: Final = ("一貫", "國民", "國教")
# A lone 一 counts only before 年 (經過一年, 超過一年), and not after these (最差的一年).
LONE_YI_UNITS: Final = ("年",)
# 最近一年度 is "the latest year", not a span of one year.
LONE_YI_NOT_UNITS: Final = ("年度",)
LONE_YI_BAD_BEFORE: Final = frozenset("的這那每哪")

# Cells of a table row as the text layer prints them (關稅 | 39,220 | 42,858 | -8.5%).
TABLE_CELL_SEPARATOR: Final = "|"
# 關稅 | 39,220 | 42,858 | 8.1%: a percentage after this many figure cells (this period,
# the same period before) is the change between them.
TABLE_CHANGE_FIGURE_CELLS: Final = 2
# How far back a figure's table row is read (a row is short; this keeps scanning linear).
TABLE_ROW_REACH: Final = 160
# A unit followed by one of these names a rate (千人率, 萬人比), not a quantity.
UNIT_NOT_BEFORE: Final = frozenset("率比")
# ...but 失業率 3.86% 比較 compares the figure.
UNIT_NOT_BEFORE_EXCEPT: Final = ("比較",)
# 3 大策略, 五大產業: "大" plus the noun it counts (kept in raw_unit).
BIG_COUNT_WORD: Final = "大"
BIG_COUNT_NOUN_CHARS: Final = 2
# 五大專利局, 六大港: an institution's head character after the two-character noun is part
# of what is counted.
BIG_COUNT_NOUN_HEADS: Final = frozenset("局署院港廳館")
# 3 大類, 10 大類 66 項: 大 and a measure word with no noun after it count with that word.
# 十大建設, 20 大貿易伙伴 count; 311 大地震 and 百大 name an event or a ranking.
BIG_COUNT_MAX: Final = 50

# Currency words written before the number (美金 2.7 億元, 新臺幣 300 億元).
CURRENCY_PREFIXES: Final[dict[str, str]] = {
    "新臺幣": "TWD",
    "新臺幤": "TWD",
    "新台幣": "TWD",
    "臺幣": "TWD",
    "台幣": "TWD",
    "美金": "USD",
    "美元": "USD",
    "人民幣": "CNY",
    "日圓": "JPY",
    "日幣": "JPY",
    "歐元": "EUR",
    "港幣": "other",
}

# Rate words before a mass (每日 100 萬噸 -> t/day).
RATE_PREFIXES: Final[dict[str, str]] = {
    "每日": "day",
    "每天": "day",
    "日": "day",
    "每年": "year",
    "年": "year",
    "每小時": "h",
    "每時": "h",
}
RATE_UNIT_CODES: Final[dict[str, str]] = {"day": "t/day", "year": "t/year", "h": "t/h"}

# --- qualifiers ---------------------------------------------------------------------------

QUALIFIER_PREFIXES: Final[dict[str, str]] = {
    "大約": "approx",
    "約": "approx",
    "將近": "approx",
    "接近": "approx",
    "近": "approx",
    "逾": "over",
    "超過": "over",
    "突破": "over",
    "超出": "over",
    "高達": "exact",
    "未滿": "under",
    "不到": "under",
    "不足": "under",
    "低於": "under",
    "少於": "under",
    "最高": "at_most",
    "上限": "at_most",
    "至多": "at_most",
    "最多": "at_most",
    "不超過": "at_most",
    "最低": "at_least",
    "至少": "at_least",
    "不低於": "at_least",
    "不得低於": "at_least",
    "不得少於": "at_least",
    "不得超過": "at_most",
    "不得高於": "at_most",
    "不少於": "at_least",
    "最少": "at_least",
}
# Between the number and the unit (1萬餘元, 3,000多人).
QUALIFIER_INFIXES: Final[dict[str, str]] = {
    "以上": "over",
    "餘": "over",
    "多": "over",
    "幾": "over",
}
QUALIFIER_SUFFIXES: Final[dict[str, str]] = {
    "以上": "over",
    "以下": "under",
    "以內": "under",
    "左右": "approx",
    "有餘": "over",
    "多": "over",
    "額度內": "at_most",
    # 以提供 3 個月為限, 以 5 人為限: 以…為限 caps the figure.
    "為限": "at_most",
}
# 約 is "about" except inside words (合約, 契約, 節約, 預約).
APPROX_YUE_BAD_BEFORE: Final = frozenset("合契條公簽節預制邀違規締解租續和盟")
# Characters allowed between a qualifier word and its figure (spaces not counted).
QUALIFIER_GAP: Final = 0
QUALIFIER_GAPS: Final[dict[str, int]] = {
    "約": 10, "大約": 10, "最高": 4, "最低": 4, "上限": 4, "至多": 4, "至少": 4, "不超過": 3,
    "不得低於": 8, "不得少於": 8, "不得超過": 8, "不得高於": 8,
}  # fmt: skip
# How far before a number a qualifier word may stand (合計約占總額 76.7％).
QUALIFIER_REACH: Final = 12
# 約 may stand far from its figure only through these (約占全區僱用員工人數 46.99%).
APPROX_FAR_NEXT: Final = frozenset("占為有計達可相")
# 最高峰 is a peak, not "at most".
QUALIFIER_NOT_BEFORE: Final[dict[str, frozenset[str]]] = {
    "最高": frozenset("峰點"),
    "最低": frozenset("點"),
}

# --- roles --------------------------------------------------------------------------------

INCREASE_WORDS: Final = (
    "成長",
    "增加",
    "增長",
    "上升",
    "提高",
    "提升",
    "擴增",
    "增產",
    "增撥",
    "調升",
    "調高",
    "改善幅度",
    "成長幅度",
    "增加幅度",
    "增",
    "上漲",
    "攀升",
    "回升",
    "多出",
    "增幅",
    "漲幅",
    "漲",
    "升值",
    # 協助增聘 320 名社工: hiring more staff is an increase of the staff.
    "增聘",
)
DECREASE_WORDS: Final = (
    "減少",
    "減產",
    "調降",
    "調低",
    "下降幅度",
    "減少幅度",
    "下降",
    "降低",
    "衰退",
    "縮減",
    "負成長",
    "下滑",
    "減",
    "下跌",
    "跌",
    "減幅",
    "降幅",
    "跌幅",
    "縮小",
    "貶值",
)
# After these the verb names a rate or a kind, not a change (成長率 2.5%, 增長動能).
CHANGE_VERB_NOT_BEFORE: Final = (
    "率", "幅度", "為", "型", "動能", "力", "值", "的", "之", "貢獻",
)  # fmt: skip
# ...and after a one-character verb these make a word of it (增資, 減資).
SHORT_CHANGE_VERB_NOT_BEFORE: Final = ("資",)
# 新增 (newly added) is an amount, not a difference.
CHANGE_VERB_BAD_BEFORE: Final = frozenset("新遞倍")
# What may stand between a one-character verb (增, 減) and its figure.
SHORT_VERB_GAPS: Final = frozenset({"", "約", "逾", "達", "了", "加", "少"})
# 提高…至 550 萬噸, 降至: the number is the new level, not the difference.
LEVEL_AFTER_CHANGE: Final = ("至", "到", "為", "成")
# ...unless they start a noun (降低成本 2.3 億元).
LEVEL_AFTER_CHANGE_NOT_WORDS: Final = ("成本", "成效", "成果", "為期")
# 較上年高 0.36 個百分點, 較計畫目標低 0.11 個百分點, 較上年縮短 3.8 個月: after a
# comparison word (較, 比) these adjectives state the difference, written right before it.
COMPARISON_WORDS: Final = ("較", "比")
COMPARATIVE_WORDS: Final[dict[str, int]] = {
    "高": 1, "多": 1, "增": 1, "延長": 1, "低": -1, "少": -1, "減": -1, "縮短": -1,
}  # fmt: skip
# What may stand between a comparative adjective and its figure.
COMPARATIVE_GAPS: Final = frozenset({"", "約", "逾", "了", "出", "近"})
# A difference in percentage points belongs to the change verb anywhere in its clause
# (調升重貼現率、…及短期融通利率共 0.5 個百分點).
POINT_UNITS: Final = frozenset({"pp"})
POINT_CHANGE_REACH: Final = 60
# 增加就業機會 20 人: these verbs govern a counted noun written between them and the figure.
COUNT_CHANGE_VERBS: Final = ("增加", "減少")
# 增加 15 萬 3,000 人或 1.43%: the second figure restates the same change.
CHANGE_CONTINUERS: Final = ("或",)
# 營業額增加 6.5 億元、促成投資 0.9 億元: a new verb starts a new item, which the earlier
# change verb does not govern.
NEW_ITEM_VERBS: Final = (
    "促成", "創造", "帶動", "吸引", "協助", "完成", "辦理", "提供", "投入", "節省", "查獲", "核定",
    "補助", "輔導", "培訓", "產生", "衍生", "達成", "獲得", "取得", "爭取", "新增", "達", "為",
)  # fmt: skip
# 較上年 … : a comparison makes a following increase/decrease a change.
CHANGE_REACH: Final = 14
# The most that may stand between a change verb and its figure (增加銷售額 90 億元).
CHANGE_GAP: Final = 9

# --- modality -------------------------------------------------------------------------------

TARGET_CUES: Final = (
    "預計",
    "預期",
    "預定",
    "預估",
    "預訂",
    "可望",
    "預測",
    "展望",
    "完成後",
    "完工後",
    "建成後",
    "規劃",
    "計畫於",
    "計劃於",
    "擬",
    "希望",
    "力拚",
    "屆時",
    "期盼",
    "期望",
    "冀",
    "未來",
    "力求",
)
# "期" starts a target only in these pairs (期至 111 年, 期能, 期使…); elsewhere it is
# 期間, 同期, 本期, 第 1 期.
TARGET_QI_NEXT: Final = frozenset("至能使於達在可以藉透提增帶促創吸協降減讓建加擴強逐有")
TARGET_QI_BAD_BEFORE: Final = frozenset(
    "同本長短初前後分學工第定週屆時中末延任會上下全當預星假刑限如到近各此該為"
    "0123456789０１２３４５６７８９一二三四五六七八九十"
)
# These stop a target reading (已, 業於…): what follows them happened.
ACTUAL_CUES: Final = (
    "已", "業於", "業經", "業已", "截至", "累計", "完成率", "達成率", "實際", "現有", "既有",
)  # fmt: skip
# 規劃容量將近 11 GW，其中 20 案已取得環評: a figure whose own clause says it is done
# (after the figure) is actual, whatever an earlier clause planned.
OWN_CLAUSE_ACTUAL_CUES: Final = ("已", "業已", "業經", "業於")
# 由 5,000 萬元提高至 1.5 億元: the figure after 由 is where a planned change starts from,
# so it exists now; only the figure after 至/為 is the plan.
FROM_WORD: Final = "由"
FROM_TO_VERBS: Final = (
    "提高至", "提高為", "擴大至", "擴增為", "增加至", "增為", "降為", "降至", "調整為", "減為",
    "下修至", "上修至",
)  # fmt: skip
# Words that look like cues but are not (將近 is "nearly"; 擬定 is drafting).
CUE_EXCEPTIONS: Final = (
    "將近",
    "研擬",
    "草擬",
    "模擬",
    "虛擬",
    "預定目標",
    "比擬",
    "未來性",
    "預算數",
    "已往",
    "規劃案",
    "規劃書",
    "規劃報告",
    "規劃設計",
    "規劃費",
    "目標值達成",
)
# 先期規劃及設計作業 4 區, 規劃之 …: a cue followed by a conjunction or 之/的 is a noun.
TARGET_CUE_NOUN_NEXT: Final = frozenset("及與和暨、之的")
# 辦理完成…先期規劃 6 區, 已達成全年預估目標金額之 102.7%: a cue that is the object of
# a completion verb is a noun.
COMPLETION_BEFORE_CUE: Final = ("完成", "達成")
# 完成後 starts a plan of its own (完成後預期可增加…).
COMPLETION_NOT_NEXT: Final = ("後",)
# Completion words end a plan's reach when they open a later clause (…，總計完成 4 萬筆).
LATER_CLAUSE_ACTUAL_CUES: Final = ("完成", "計有", "共計", "總計", "合計", "共有", "本期")
# 將 is the future only before these; elsewhere it is the object marker (將民間…納入).
FUTURE_JIANG_NEXT: Final = frozenset(
    "於可會再持達逐在成增擴由提推陸有就依全加投辦協建積啟進視續配研規召開完正透是帶朝針合向以舉"
)
# A goal named right before its figure (年度目標 90 億美元, 設置目標為 60 萬瓩) governs only
# that figure: in 達全年目標(35MWp)之42.6% the 42.6 % is what was achieved.
TARGET_NEAR_CUES: Final = ("目標",)
TARGET_NEAR_REACH: Final = 4
# 較計畫目標低 0.11 個百分點: a goal compared against is a baseline, not a plan.
TARGET_NEAR_BASELINE_REACH: Final = 4
# Cues written after the figure (…86.8 公頃為目標).
TARGET_POST_CUES: Final = ("為目標", "之目標", "的目標", "目標", "為努力方向")
# A decided budget or a plan's total is a decision, hence actual, even inside a plan's
# sentence (計畫期程為…，投資總額 1,524.9 億元).
DECIDED_CUES: Final = ("投資總額", "總經費", "經費", "預算")

# --- calendar ---------------------------------------------------------------------------------

ROC_OFFSET: Final = 1911
# Plausible ROC years in these reports and plausible Western years.
ROC_YEAR_RANGE: Final = (30, 150)
WESTERN_YEAR_RANGE: Final = (1900, 2100)
# Relative year words that may carry the year in brackets: 本(98)年, 今（101）年, 去（2011）年.
RELATIVE_YEAR_WORDS: Final = ("本", "今", "去", "明", "前", "同", "上", "來", "次")
# Relative year words written without a number, and their offset from "this year";
# a date after them (今年 2 月, 去年 11 月 20 日) is dated from the report's own year.
RELATIVE_YEAR_PREFIXES: Final[dict[str, int]] = {
    "今年度": 0,
    "本年度": 0,
    "今年": 0,
    "本年": 0,
    "去年": -1,
    "上年": -1,
    "前年": -2,
    "明年": 1,
    "次年": 1,
    "翌年": 1,
}
# What a bracketed relative year says about "this year": 去（100）年 -> this year is 101.
RELATIVE_BRACKET_OFFSET: Final[dict[str, int]] = {
    "本": 0,
    "今": 0,
    "去": 1,
    "上": 1,
    "前": 2,
    "明": -1,
    "來": -1,
    "次": -1,
    "同": 0,
}
# A year written in a comparison (較 97 年同期) is not the year the text is talking about.
COMPARISON_BEFORE: Final = ("較", "比", "與", "同")
COMPARISON_AFTER: Final = ("同期",)
RANGE_JOINERS: Final = ("至", "到", "~", "～", "-", "－", "—", "–", "∼")
# After a year: which part of it is meant -> (first month, last month) or a single day.
YEAR_PARTS: Final[dict[str, tuple[int, int]]] = {
    "上半年": (1, 6),
    "下半年": (7, 12),
    "第1季": (1, 3),
    "第2季": (4, 6),
    "第3季": (7, 9),
    "第4季": (10, 12),
    "第一季": (1, 3),
    "第二季": (4, 6),
    "第三季": (7, 9),
    "第四季": (10, 12),
    "首季": (1, 3),
    # 95年前3季: the first quarters, together
    "前2季": (1, 6),
    "前3季": (1, 9),
    "前二季": (1, 6),
    "前兩季": (1, 6),
    "前三季": (1, 9),
}
# After 年: the last day of that year (106 年底).
# 95學年度, 90學年: a school year, dated here by its calendar year like 95 年度.
# 95 年度: written after a year number, it is always the calendar (fiscal) year.
FISCAL_YEAR_SUFFIX: Final = "度"
SCHOOL_YEAR_WORDS: Final = ("學年度", "學年")
YEAR_END_SUFFIXES: Final = ("底", "終")
DEADLINE_SUFFIXES: Final = ("以前", "之前", "前")
# 2006年前3季, 95年前半年: here 前 starts "the first …", not a deadline.
DEADLINE_NOT_BEFORE: Final = frozenset("0123456789０１２３４５６７８９一二三四五六七八九兩幾個季半")
DEADLINE_PREFIXES: Final = (
    "期限至", "期至", "預計至", "預估至", "預期至", "延長至", "展延至", "延至", "期限為",
)  # fmt: skip
UNTIL_WORD: Final = "止"
AS_OF_WORDS: Final = ("截至", "截止")
# After a year number these mean it is a duration, not a date (3 年內, 5 年期).
YEAR_DURATION_AFTER: Final = ("來", "以來", "內", "以內", "之內", "以上", "半")
# ...but only for numbers below this: 95 年以來 is "since 2006".
DURATION_YEARS_BELOW: Final = 60
YEAR_DURATION_BEFORE: Final = (
    "近", "逾", "約", "長達", "超過", "連續", "歷經", "滿", "每隔", "上", "最長", "為期",
)  # fmt: skip
QUOTE_OPEN: Final = "「『"
QUOTE_CLOSE: Final = "」』"

# --- small word lists the grammar consults ----------------------------------------------

# Words joining two figures or dates in a list (12月8日及21日; 每日 100 萬噸及…每日 200 萬噸).
LIST_JOINERS: Final = ("以及", "及", "、", "與", "和", "暨")
# 自 97 年 8 月起實施至 101 年 12 月底止: after 自…起, a few words (實施, 辦理) may
# stand before the 至 that ends the span.
SINCE_OPENERS: Final = ("自", "從", "由")
SINCE_WORD: Final = "起"
SINCE_UNTIL_JOINERS: Final = ("至", "到")
SINCE_UNTIL_GAP: Final = 6
# 95 年 7 月 27、28 日: two consecutive days of one month are a span.
DAY_PAIR_JOINERS: Final = ("、", "及", "和", "與")
# Words that may close a span after its last date (至 101 年 12 月止, 98至100年期間).
SPAN_TAILS: Final = ("止", "期間", "間")
# 前 after a date that is not "before" (106 年前往, 前瞻計畫).
NOT_DEADLINE_QIAN: Final = ("前往", "前瞻", "前進", "前述", "前揭", "前項")
# A bare 日 or 年 after a number is a duration only before these (30 日內, 5 年內).
DAY_DURATION_AFTER: Final = ("內", "以內", "之內", "為限", "期間")
DAY_DURATION_BEFORE: Final = (
    "預告", "為期", "連續", "歷時", "長達", "延長為", "延長", "共", "計", "期限為", "期限",
)  # fmt: skip
YEAR_DURATION_UNIT_AFTER: Final = ("內", "以內", "之內", "期", "間", "來", "後", "以上", "半")
# 五萬分之一 is a scale, 三分之二 a fraction: neither is a quantity with a unit.
FRACTION_WORDS: Final = ("分之", "萬分之")
# 近 is "nearly" except after these (將近 is its own word; 接近, 附近, 最近, 鄰近).
NEAR_NOT_AFTER: Final = frozenset("將接附最鄰")
# 前 N 名 is a rank, but 提前 5 年 / 之前 3 天 / 以前 are spans of time.
# 目前 331 家, 當前, 先前, 此前 are "now" / "before", not a rank either.
RANK_QIAN_NOT_AFTER: Final = frozenset("提之以日年月目當先此")
# 公告前 1 個月, 收盤前 60 分鐘: 前 and a span of time is "that long before", not a rank.
QIAN_SPAN_UNITS: Final = ("個月", "小時", "分鐘", "天", "日", "週", "年")
QIAN_SPAN_NOT_UNITS: Final = ("年度", "年級")
