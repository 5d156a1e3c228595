"""Gold-style cases read from the reports in ../shared/corpus (beyond shared/gold/dev.json).

Each case is a verbatim excerpt of one corpus file (the first test checks that it really
is), with the figures and dates a careful reader takes from it. Expected values are
written from reading the excerpt, never from running the extractor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policyledger.extract import extract

# (file, excerpt, quantities, dates)
# quantity: (text, value, unit, extra fields); date: (text, type, start, end)
Q = tuple[str, float, str, dict[str, Any]]
D = tuple[str, str, str | None, str | None]
CASES: list[tuple[str, str, list[Q], list[D]]] = [
    (
        "ey-2009h1-report.txt",
        "本期全般刑案發生19萬7,504件，較97年同期減少3萬5,429件(-15.21%)；破獲16萬1,249件",
        [
            ("19萬7,504件", 197504, "count", {"role": "level"}),
            ("3萬5,429件", -35429, "count", {"role": "change"}),
            ("-15.21%", -15.21, "%", {"role": "change"}),
            ("16萬1,249件", 161249, "count", {"role": "level"}),
        ],
        [("97年", "date", "2008-01-01", "2008-12-31")],
    ),
    (
        "moea-2012-03-report.txt",
        "提供最高保證成數9成5、最高額度200萬元之創業啟動金",
        [
            ("9成5", 95, "%", {"qualifier": "at_most"}),
            ("200萬元", 2_000_000, "TWD", {"qualifier": "at_most"}),
        ],
        [],
    ),
    (
        "moea-2012-03-report.txt",
        "98至100年期間，本部推動「創業領航計畫」",
        [],
        [("98至100年期間", "range", "2009-01-01", "2011-12-31")],
    ),
    (
        "moea-2012-03-report.txt",
        "隨著全球經濟成長放緩，今（101）年世界貿易量擴增力道減弱",
        [],
        [("今（101）年", "date", "2012-01-01", "2012-12-31")],
    ),
    (
        "moea-2012-03-report.txt",
        "全球經濟自去（2011）年第2季起明顯趨緩",
        [],
        [("去（2011）年第2季", "date", "2011-04-01", "2011-06-30")],
    ),
    (
        "ey-2009h1-report.txt",
        "茲將本(98)年1月至6月(以下稱為本期)之重要施政",
        [],
        [("本(98)年1月至6月", "range", "2009-01-01", "2009-06-30")],
    ),
    (
        "moea-report-2018-03.txt",
        "增投資案件共計 431 件，投資金額 1 兆 7,955.51 億元。",
        [
            ("431 件", 431, "count", {}),
            ("1 兆 7,955.51 億元", 1_795_551_000_000, "TWD", {"precision": 0.005e8}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        " 度數為 2 億 7,028 萬 400 度，認購戶數為 7,111 戶；106 年 1 月",
        [
            ("2 億 7,028 萬 400 度", 270_280_400, "kWh", {}),
            ("7,111 戶", 7111, "count", {}),
        ],
        [("106 年 1 月", "date", "2017-01-01", "2017-01-31")],
    ),
    (
        "moea-report-2018-03.txt",
        "％，投（增）資金額計美金 2.7 億元，增加 15.8％；其中馬來西",
        [
            ("美金 2.7 億元", 270_000_000, "USD", {}),
            ("15.8％", 15.8, "%", {"role": "change"}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "（一） 106 年 9 月 28 日至 30 日舉辦「2017 臺北國際發明暨技術交易",
        [],
        [("106 年 9 月 28 日至 30 日", "range", "2017-09-28", "2017-09-30")],
    ),
    (
        "moea-report-2018-03.txt",
        "量 41 天，合計 140 天，符合「石油管理法」第 24 條業者 60 天",
        [
            ("41 天", 41, "day", {}),
            ("140 天", 140, "day", {}),
            ("60 天", 60, "day", {}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "六甲斷層）及 1 項地質遺跡地質敏感區（H0018 花蓮縣石梯坪",
        [("1 項", 1, "count", {})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "２、本期參與網路通訊國際產業標準組織3GPP、IEEE 802.16等相關重要會議",
        [],
        [],
    ),
    (
        "moea-2012-03-report.txt",
        "及「優化新創事業支援網絡」三大策略，推動點子工場",
        [("三大策略", 3, "count", {"raw_unit": "大策略", "modality": "actual"})],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "度及制訂節電計畫，並規定 104 年至 108 年（5 年）平均節電率",
        [("5 年", 5, "year", {})],
        [("104 年至 108 年", "range", "2015-01-01", "2019-12-31")],
    ),
    (
        "moea-report-2018-03.txt",
        "（二） 辦理全球招商論壇：「2017 年臺灣全球招商論壇」已於 106 年",
        [],
        [("106 年", "date", "2017-01-01", "2017-12-31")],
    ),
    (
        "moea-report-2018-03.txt",
        "5,241 MW，其中太陽光電 1,733 MW、風力發電 692 MW、水",
        [
            ("5,241 MW", 5_241_000, "kW", {}),
            ("1,733 MW", 1_733_000, "kW", {}),
            ("692 MW", 692_000, "kW", {}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "場安全管理，各類礦場 106 年度災變死亡千人率為 0.74‰，低於",  # 千人率 is a rate's name
        [("0.74‰", 0.74, "permille", {})],
        [("106 年度", "date", "2017-01-01", "2017-12-31")],
    ),
    (
        "ey-2006h2-report.txt",
        "破獲率54.24%)比較，破獲率增加11.00個百分點；",
        [
            ("54.24%", 54.24, "%", {"role": "level"}),
            ("11.00個百分點", 11.0, "pp", {"role": "change"}),
        ],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "(七)農業：農業產物損失108億3,061萬8,000元、農業民間設施損失56億3,801萬4,000元",
        [
            ("108億3,061萬8,000元", 10_830_618_000, "TWD", {"precision": 0.0}),
            ("56億3,801萬4,000元", 5_638_014_000, "TWD", {}),
        ],
        [],
    ),
    (
        "moea-2012-09-report.txt",
        "僱用員工未滿5人之企業，取得最高500萬元之貸款，預計至104年底可協助6萬家",
        [
            ("5人", 5, "count", {"qualifier": "under"}),
            ("500萬元", 5_000_000, "TWD", {"qualifier": "at_most"}),
            ("6萬家", 60_000, "count", {"modality": "target"}),
        ],
        [("104年底", "by", None, "2015-12-31")],
    ),
    (
        "ey-2009h1-report.txt",
        "(二)災民撤離及收容：截至8月27日止，計撤離2萬4,950人，仍開設54處收容所，收容4,837",
        [
            ("2萬4,950人", 24950, "count", {}),
            ("54處", 54, "count", {}),
        ],
        [],  # no year anywhere before 8月27日 in this excerpt: not datable
    ),
    (
        "ey-2010h1-report.txt",
        "開辦是項業務，辦理期限至101年12月31日止。",
        [],
        [("101年12月31日止", "by", None, "2012-12-31")],
    ),
    (
        "ey-2006h2-report.txt",
        "預定於96年6月底前完成，並據以撰擬人口政策白皮書",
        [],
        [("96年6月底前", "by", None, "2007-06-30")],
    ),
    (
        "ey-2006h2-report.txt",
        "(２)歐元區：2006年前3季經濟成長率分別為2.2%",
        [("2.2%", 2.2, "%", {"role": "level"})],
        # the first three quarters, bounded like 上半年 (and no deadline: 前 opens 前3季)
        [("2006年前3季", "date", "2006-01-01", "2006-09-30")],
    ),
    (
        "ey-2010h1-report.txt",
        "累計已調配47處(面積6萬2,884坪)之國有建物",
        [
            ("47處", 47, "count", {}),
            ("6萬2,884坪", 62884 * 3.305785, "m2", {"raw_unit": "坪"}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "107 年度辦理 10~12 場，並透過召開工安檢討會",
        [("10~12 場", 10, "count", {"value_max": 12.0})],
        [("107 年度", "date", "2018-01-01", "2018-12-31")],
    ),
    (
        "moea-2012-03-report.txt",
        "總計投資金額95億美元，除超越年度目標90億美元外",
        [
            ("95億美元", 9_500_000_000, "USD", {"modality": "actual"}),
            ("90億美元", 9_000_000_000, "USD", {"modality": "target"}),
        ],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "創信保基金成立近35年來單月承作之",
        [("35年", 35, "year", {"qualifier": "approx"})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "最高以年利率百分之二予以利息補",
        [("百分之二", 2, "%", {"qualifier": "at_most"})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "辦理95學年度榮民就讀",
        [],
        [("95學年度", "date", "2006-01-01", "2006-12-31")],
    ),
    (
        "ey-2012h2-report.txt",
        "因應日本311大地震嚴重災情",
        [],  # the name of an event, not 311 of anything
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "輔導辦理台灣百年體育人物",
        [],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "(１)本期暴力案件發生3,536件，較97年同期減少629件(-15.10%)",
        [
            ("3,536件", 3536, "count", {"role": "level", "modality": "actual"}),
            ("629件", -629, "count", {"role": "change"}),
            ("-15.10%", -15.1, "%", {"role": "change"}),
        ],
        [("97年", "date", "2008-01-01", "2008-12-31")],
    ),
    # Cause 1: comparisons and decreases are signed changes.
    (
        "moea-report-2018-03.txt",
        "平均首次通知期間 9 個月，較上年縮短 3.8 個月及\n\n3 個月，待辦案件降至約 4.4 萬件",
        [
            ("9 個月", 9, "month", {"role": "level"}),
            ("3.8 個月", -3.8, "month", {"role": "change"}),
            ("3 個月", -3, "month", {"role": "change"}),
            ("4.4 萬件", 44000, "count", {"role": "level", "qualifier": "approx"}),
        ],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "兩度調降貼放利率，降幅共計0.75個百分點，調降後之重貼現率",
        [("0.75個百分點", -0.75, "pp", {"role": "change"})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "95年經濟成長率估計為4.39%，較94年高0.36個百分點，惟較計畫目標低0.11個百分點，",
        [
            ("4.39%", 4.39, "%", {"role": "level"}),
            ("0.36個百分點", 0.36, "pp", {"role": "change"}),
            ("0.11個百分點", -0.11, "pp", {"role": "change", "modality": "actual"}),
        ],
        [
            ("95年", "date", "2006-01-01", "2006-12-31"),
            ("94年", "date", "2005-01-01", "2005-12-31"),
        ],
    ),
    (
        "ey-2006h2-report.txt",
        "4度調升重貼現率、擔保放款融通利率及短期融通利率共0.5個百分點，",
        [("0.5個百分點", 0.5, "pp", {"role": "change"})],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "較100年同期增加15萬3,000人或1.43%；",
        [
            ("15萬3,000人", 153000, "count", {"role": "change"}),
            ("1.43%", 1.43, "%", {"role": "change"}),
        ],
        [("100年", "date", "2011-01-01", "2011-12-31")],
    ),
    # Cause 2: measure words (只, 架, 宗, 大 + a measure word).
    (
        "ey-2009h1-report.txt",
        "本期計檢查出口整裝貨櫃6萬2,513只，占總出口數86萬1,363只貨櫃7.26%",
        [
            ("6萬2,513只", 62513, "count", {"raw_unit": "只"}),
            ("86萬1,363只", 861363, "count", {}),
            ("7.26%", 7.26, "%", {}),
        ],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "包括60架UH-60黑鷹式直升機、2套愛國者飛彈",
        [("60架", 60, "count", {"raw_unit": "架"}), ("2套", 2, "count", {})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "區分「武器裝備獲得」等3大類，計「制空」、「制海」、「地面防衛」等12項",
        [("3大類", 3, "count", {"raw_unit": "大類"}), ("12項", 12, "count", {})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "大面積國有土地計3批，20宗，66筆",
        [("3批", 3, "count", {}), ("20宗", 20, "count", {}), ("66筆", 66, "count", {})],
        [],
    ),
    # 餘/多 between a figure and its magnitude.
    (
        "ey-2006h2-report.txt",
        "國內債券型基金總規模為1兆1千餘億元，流動性資產上升至73.4%",
        [
            ("1兆1千餘億元", 1.1e12, "TWD", {"qualifier": "over"}),
            ("73.4%", 73.4, "%", {"role": "level"}),
        ],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "全國汽、機車已投保本保險者約1,615餘萬輛。",
        [("1,615餘萬輛", 16_150_000, "count", {"raw_unit": "萬輛"})],
        [],
    ),
    # Cause 3: signed percentages.
    (
        "ey-2006h2-report.txt",
        "(一)關稅 | 39,220 | 42,858 | -8.5%",
        [("-8.5%", -8.5, "%", {"role": "change"})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "上半年初步統計經濟成長率為-8.84%，",
        [("-8.84%", -8.84, "%", {"role": "level"})],
        [],
    ),
    # Cause 4: a cue used as a noun, or in a clause before the period's results.
    (
        "ey-2006h2-report.txt",
        "本期完成農地重劃區農水路工程先期規劃及設計作業4區、面積897公頃；",
        [
            ("4區", 4, "count", {"modality": "actual"}),
            ("897公頃", 897, "ha", {"modality": "actual"}),
        ],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "規劃關警聯合查贓，本期計檢查出口整裝貨櫃6萬2,513只",
        [("6萬2,513只", 62513, "count", {"modality": "actual"})],
        [],
    ),
    # Cause 5: 增加 governs a counted noun, but not a later item with its own verb.
    (
        "moea-report-2018-03.txt",
        "創造產值 5 億元，增加就業機會 20 人。",
        [
            ("5 億元", 5e8, "TWD", {"role": "level"}),
            ("20 人", 20, "count", {"role": "change"}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "研發經費 1.8 億元、營業額增加 6.5 億元、促成投資 0.9 億元，",
        [
            ("1.8 億元", 1.8e8, "TWD", {"role": "level"}),
            ("6.5 億元", 6.5e8, "TWD", {"role": "change"}),
            ("0.9 億元", 0.9e8, "TWD", {"role": "level"}),
        ],
        [],
    ),
    # Cause 6: 不得低於 is a lower bound.
    (
        "ey-2009h1-report.txt",
        "其發行價格得自原規範不得低於基準價格九成放寬至八成",
        [
            ("九成", 90, "%", {"qualifier": "at_least"}),
            ("八成", 80, "%", {"qualifier": "exact"}),
        ],
        [],
    ),
    # Dates: words between 起 and 至 in a span; two consecutive days of one month.
    (
        "ey-2012h2-report.txt",
        "其他廉政倫理事件計1,373件。自97年8月起實施至101年12月底止，經統計",
        [("1,373件", 1373, "count", {})],
        [("97年8月起實施至101年12月底止", "range", "2008-08-01", "2012-12-31")],
    ),
    (
        "ey-2006h2-report.txt",
        "１、95年7月27、28日召開之經續會，計達成",
        [],
        [("95年7月27、28日", "range", "2006-07-27", "2006-07-28")],
    ),
    # A unit split by a PDF line break.
    (
        "moea-report-2018-03.txt",
        "預估減碳 8.55 萬公\n\n噸，相當於 277 座大安森林公園之減碳量。",
        [
            ("8.55 萬公\n\n噸", 85_500, "t", {"raw_unit": "萬公噸"}),
            ("277 座", 277, "count", {}),
        ],
        [],
    ),
    # Measure words found by listing the corpus's uncovered figures.
    (
        "ey-2009h1-report.txt",
        "進口量為1,007萬雙，較96年同期2,042萬雙減少50.7",
        [
            ("1,007萬雙", 10_070_000, "count", {"raw_unit": "萬雙"}),
            ("2,042萬雙", 20_420_000, "count", {}),
        ],
        [("96年", "date", "2007-01-01", "2007-12-31")],
    ),
    (
        "ey-2006h2-report.txt",
        "已於95學年度起擇定9縣11所國立高中",
        [("9縣", 9, "count", {}), ("11所", 11, "count", {})],
        [("95學年度", "date", "2006-01-01", "2006-12-31")],
    ),
    (
        "ey-2009h1-report.txt",
        "草案分4章共計26條",
        [("4章", 4, "count", {}), ("26條", 26, "count", {})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "惟與同期間台灣地區平均失業率3.86%比較，仍有待努",
        [("3.86%", 3.86, "%", {"role": "level"})],
        [],
    ),
    # A goal that is the object of 達成 is a baseline: the share reached is a result.
    (
        "ey-2006h2-report.txt",
        "金額達9,276.21億元，已達成全年預估目標金額9,032億元之102.7%",
        [
            ("9,276.21億元", 927_621_000_000, "TWD", {"modality": "actual"}),
            ("9,032億元", 903_200_000_000, "TWD", {}),
            ("102.7%", 102.7, "%", {"modality": "actual"}),
        ],
        [],
    ),
    # 提高 before a noun starting with 資 is still a change (only 增資/減資 are words).
    (
        "ey-2006h2-report.txt",
        "95年資訊化成本732.9萬元，預計提高資訊服務成效合計1,906萬元",
        [
            ("732.9萬元", 7_329_000, "TWD", {"role": "level"}),
            ("1,906萬元", 19_060_000, "TWD", {"role": "change", "modality": "target"}),
        ],
        [("95年", "date", "2006-01-01", "2006-12-31")],
    ),
    # 新臺幤 (a misprint the reports carry) is 新臺幣.
    (
        "ey-2010h1-report.txt",
        "廠商創造超過新臺幤3.5億元商機",
        [("新臺幤3.5億元", 350_000_000, "TWD", {"qualifier": "over"})],
        [],
    ),
    # 提前 split by a line break is still "ahead of time", not a rank.
    (
        "moea-report-2018-03.txt",
        "藏電於民，於 109 年提\n\n前 5 年達成",
        [("5 年", 5, "year", {})],
        [("109 年", "date", "2020-01-01", "2020-12-31")],
    ),
    # School grades (七年級) and plant names (核三廠) hold no quantity.
    (
        "ey-2012h2-report.txt",
        "編印101學年度七年級(國一)及八年級(國二)宣導手冊",
        [],
        [("101學年度", "date", "2012-01-01", "2012-12-31")],
    ),
    (
        "ey-2012h2-report.txt",
        "台電公司已完成101年核三廠及核二廠",
        [],
        [("101年", "date", "2012-01-01", "2012-12-31")],
    ),
    # An unsigned percentage after two figure cells is the change between them too.
    (
        "ey-2006h2-report.txt",
        "(十)土地稅 | 92,129 | 85,226 | 8.1%",
        [("8.1%", 8.1, "%", {"role": "change"})],
        [],
    ),
    # Medals count in a tally of medals.
    (
        "ey-2006h2-report.txt",
        "選手參加34種運動競賽，計獲得9金10銀27銅成績",
        [
            ("34種", 34, "count", {}),
            ("9金", 9, "count", {"raw_unit": "金"}),
            ("10銀", 10, "count", {}),
            ("27銅", 27, "count", {}),
        ],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "5科完成參賽，計榮獲14金及9銀，",
        [("5科", 5, "count", {}), ("14金", 14, "count", {}), ("9銀", 9, "count", {})],
        [],
    ),
    # 降低成本 X: 成本 is the noun reduced, not 降…成 (a new level).
    (
        "ey-2012h2-report.txt",
        "合計增加產值2億元，降低成本0.2億元，協議投資0.55億元",
        [
            ("2億元", 2e8, "TWD", {"role": "change"}),
            ("0.2億元", -0.2e8, "TWD", {"role": "change"}),
            ("0.55億元", 0.55e8, "TWD", {"role": "level"}),
        ],
        [],
    ),
    # A completion word with its own goal (目標…完成) does not end the plan.
    (
        "moea-report-2018-03.txt",
        "規劃於 106 年開始建置，目標 107 年完成 20\n\n萬戶",
        [("20\n\n萬戶", 200_000, "count", {"modality": "target"})],
        [
            ("106 年", "date", "2017-01-01", "2017-12-31"),
            ("107 年", "date", "2018-01-01", "2018-12-31"),
        ],
    ),
    # Issue 3, round 3: measure words 標, 期 (after a verb of doing), 領域, and 海浬.
    (
        "ey-2006h2-report.txt",
        "95年度補助計畫114標中已全部完成決標",
        [("114標", 114, "count", {"raw_unit": "標", "modality": "actual"})],
        [("95年度", "date", "2006-01-01", "2006-12-31")],
    ),
    (
        "ey-2010h1-report.txt",
        "年度遠朋國建班計辦理8期，施訓161人次。",
        [("8期", 8, "count", {"raw_unit": "期"}), ("161人次", 161, "count", {})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "(４)龍潭園區：續辦2期30公頃擴建案環評送審作業",
        [("30公頃", 30, "ha", {})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "載運醫療衛材156項5,317公斤，飛行約4萬海浬，支援海地救災任務。",
        [
            ("156項", 156, "count", {}),
            ("5,317公斤", 5317, "other", {"raw_unit": "公斤"}),
            ("4萬海浬", 40000, "other", {"raw_unit": "萬海浬", "qualifier": "approx"}),
        ],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "國家度量衡標準實驗室維持17領域134套量測系統",
        [("17領域", 17, "count", {"raw_unit": "領域"}), ("134套", 134, "count", {})],
        [],
    ),
    # A Chinese numeral and 年 is a span of years, even a lone 一; not in a system's name.
    (
        "ey-2010h1-report.txt",
        "全球經濟經過一年的復甦，現在擴張速度轉趨減緩",
        [("一年", 1, "year", {"raw_unit": "年"})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "比照保險期間一年以下業務提存相關準備金",
        [("一年", 1, "year", {"qualifier": "under"})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "建置九年一貫七大領域各學科資訊融入教學教案",
        [("七大領域", 7, "count", {"raw_unit": "大領域"})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "１、將最近二年及當年度金融檢查執行情形、最近一年度金融檢查主要缺失",
        [("二年", 2, "year", {})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "養成教育部分計有學士班四年制、學士班二年制技術系1,682人。",
        [("1,682人", 1682, "count", {})],
        [],
    ),
    # 升值 / 貶值 after a comparison are the change.
    (
        "ey-2012h2-report.txt",
        "１、101年12月底新臺幣對美元匯率為29.136，較100年12月底之30.290升值3.96%。",
        [("3.96%", 3.96, "%", {"role": "change"})],
        [
            ("101年12月底", "date", "2012-12-31", "2012-12-31"),
            ("100年12月底", "date", "2011-12-31", "2011-12-31"),
        ],
    ),
    (
        "ey-2010h1-report.txt",
        "較98年12月底之32.030元貶值0.77%。",
        [("32.030元", 32.03, "TWD", {"role": "level"}), ("0.77%", -0.77, "%", {"role": "change"})],
        [("98年12月底", "date", "2009-12-31", "2009-12-31")],
    ),
    # 預估至 X 年 is a deadline, like 預計至.
    (
        "ey-2006h2-report.txt",
        "深層海水產業之年產值預估至98年將可達50億元",
        [("50億元", 5e9, "TWD", {"modality": "target"})],
        [("98年", "by", None, "2009-12-31")],
    ),
    # 以…為限 caps the figure.
    (
        "ey-2009h1-report.txt",
        "(３)飛航期間規劃以提供3個月為限，並補貼票價之2成。",
        [
            ("3個月", 3, "month", {"qualifier": "at_most", "modality": "target"}),
            ("2成", 20, "%", {}),
        ],
        [],
    ),
    # A clause that says its own figure is done is actual after a planning clause.
    (
        "moea-report-2018-03.txt",
        "規劃容量將近 11 GW，其中 20 案已取",
        [
            ("11 GW", 11e6, "kW", {"qualifier": "approx", "modality": "target"}),
            ("20 案", 20, "count", {"modality": "actual"}),
        ],
        [],
    ),
    # Spans and raw units: 案次 whole; 五大專利局; 千 inside the number.
    (
        "moea-report-2018-03.txt",
        "參與產業創新平台輔導計畫 1 案次，促進業者研",
        [("1 案次", 1, "count", {"raw_unit": "案次"})],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "介面一站式檢索我國、五大專利局及世界智慧財產權組織之專",
        [("五大專利局", 5, "count", {"raw_unit": "大專利局"})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "預於97年底，總員額可達27萬5千人兵力目標。",
        [("27萬5千人", 275000, "count", {"raw_unit": "人", "modality": "target"})],
        [("97年底", "date", "2008-12-31", "2008-12-31")],
    ),
    # Gaps found by listing digits no record covers: 點 and 公釐 as units, a comma in running
    # text, a Latin word before a figure no code has, a span of years after 最長不超過, and
    # the later members of an ordinal list.
    (
        "ey-2006h2-report.txt",
        "嘉義縣(市)等地區之三等控制點計969點清理檢測作業",
        [("969點", 969, "count", {"raw_unit": "點"})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "大麻11.588公斤、MDMA3.206公斤、美沙冬0.662公斤；",
        [
            ("11.588公斤", 11.588, "other", {}),
            ("3.206公斤", 3.206, "other", {}),
            ("0.662公斤", 0.662, "other", {}),
        ],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "2家外國企業登錄為興櫃公司,1家外國企業申請發行TDR中。",
        [("2家", 2, "count", {}), ("1家", 1, "count", {})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "將借款期限酌予延長(最長不超過30年)。",
        [("30年", 30, "year", {"qualifier": "at_most"})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "累計雨量達2,000公釐之72小時災前預劃及災時",
        [("2,000公釐", 2000, "other", {"raw_unit": "公釐"}), ("72小時", 72, "hour", {})],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "「銀行辦理衍生性金融商品業務應注意事項」第7、25點修正條文",
        [],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "－經濟成長率3.8%；每人GDP 2萬1,412美元。",
        [("3.8%", 3.8, "%", {}), ("2萬1,412美元", 21412, "USD", {})],
        [],
    ),
    (
        "ey-2006h2-report.txt",
        "增至95年30校115學程，超過95年度20校/110學程之績效目標；",
        [
            ("30校", 30, "count", {}),
            ("115學程", 115, "count", {}),
            ("20校", 20, "count", {}),
            ("110學程", 110, "count", {}),
        ],
        [
            ("95年", "date", "2006-01-01", "2006-12-31"),
            ("95年度", "date", "2006-01-01", "2006-12-31"),
        ],
    ),
    # 前 and a span of time is "that long before"; 目前 is "now"; a medal tally with its
    # sports in brackets; 分 4 期 counts phases.
    (
        "ey-2009h1-report.txt",
        "最後結算價以到期日證券市場當日交易時間收盤前60分鐘內，標的證券之算術平均價定",
        [("60分鐘", 60, "other", {"raw_unit": "分鐘"})],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "目前331家保險代理人公司及399家保險經紀人",
        [("331家", 331, "count", {}), ("399家", 399, "count", {})],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "計44人取得奧運參賽資格，並獲得1銀(舉重)1銅(跆拳道)2面獎牌，於204個國家",
        [
            ("44人", 44, "count", {}),
            ("1銀", 1, "count", {"raw_unit": "銀"}),
            ("1銅", 1, "count", {"raw_unit": "銅"}),
            ("2面", 2, "count", {}),
            ("204個", 204, "count", {}),
        ],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "本方案預計投入經費約12億2,250萬元，分4期實施，預計開設課程6,000",
        [
            ("12億2,250萬元", 1_222_500_000, "TWD", {"qualifier": "approx"}),
            ("4期", 4, "count", {"raw_unit": "期", "modality": "target"}),
        ],
        [],
    ),
    # 增聘 (hire more) is an increase of the staff counted.
    (
        "ey-2006h2-report.txt",
        "協助增聘320名社工，將目前兒少保護專責社工人力擴充至505名",
        [("320名", 320, "count", {"role": "change"}), ("505名", 505, "count", {"role": "level"})],
        [],
    ),
    # A PDF text layer's compatibility ideographs (U+F98E for 年) are read as the unified
    # character; the record's text stays as written.
    (
        "ey-2009h1-report.txt",
        "擔保貸款：\uf9dd息展延半\uf98e，本\uf90a展延5\uf98e。",
        [("5\uf98e", 5, "year", {"raw_unit": "年"})],
        [],
    ),
    (
        "ey-2012h2-report.txt",
        "惟礦產品受100\uf98e台塑\uf9d1輕部分停工",
        [],
        [("100\uf98e", "date", "2011-01-01", "2011-12-31")],
    ),
    # More measure words (友邦, 時段, 目) and a stay's 期限 in days.
    (
        "ey-2010h1-report.txt",
        "１、我與非洲4友邦政府間均已建立雙邊合作",
        [("4友邦", 4, "count", {"raw_unit": "友邦"})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "及網際網路(電子簽)停留期限為30日，並保障人口販運",
        [("30日", 30, "day", {})],
        [],
    ),
    (
        "ey-2009h1-report.txt",
        "期貨商抵繳帳戶之時段，由原2時段增加為3時段，並自",
        [("2時段", 2, "count", {"raw_unit": "時段"}), ("3時段", 3, "count", {"role": "level"})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "醫療機構520家、各類重要物資10大類332目。",
        [
            ("520家", 520, "count", {}),
            ("10大類", 10, "count", {"raw_unit": "大類"}),
            ("332目", 332, "count", {"raw_unit": "目"}),
        ],
        [],
    ),
    # 發⏎⏎行 23 期 (a verb split by a page break) and 及 4 期 count issues; 6 地 counts places.
    (
        "moea-report-2018-03.txt",
        "9 個溫泉區，監測成果並已分別發\n\n行 23 期溫泉監測季報及 4 期年報。",
        [
            ("9 個", 9, "count", {}),
            ("23 期", 23, "count", {"raw_unit": "期"}),
            ("4 期", 4, "count", {"raw_unit": "期"}),
        ],
        [],
    ),
    (
        "moea-report-2018-03.txt",
        "菲律賓、緬甸、\n\n印度等 6 地，聘請熟悉當地投資經商環境、",
        [("6 地", 6, "count", {"raw_unit": "地"})],
        [],
    ),
    (
        "ey-2010h1-report.txt",
        "－臺南縣蘭花生技園區第1、2、3期已建設完成",
        [],
        [],
    ),
]


def _corpus_text(corpus_dir: Path, name: str) -> str:
    return (corpus_dir / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "excerpt"), [(c[0], c[1]) for c in CASES])
def test_case_is_verbatim_from_the_corpus(corpus_dir: Path, name: str, excerpt: str) -> None:
    assert excerpt in _corpus_text(corpus_dir, name)


@pytest.mark.parametrize(("name", "excerpt", "quantities", "dates"), CASES)
def test_case(name: str, excerpt: str, quantities: list[Q], dates: list[D]) -> None:
    result = extract(excerpt)
    got_q = {q.text: q for q in result.quantities}
    assert sorted(got_q) == sorted(t for t, *_ in quantities), [q.text for q in result.quantities]
    for text, value, unit, extra in quantities:
        q = got_q[text]
        assert excerpt[q.start : q.end] == q.text
        assert q.value == pytest.approx(value)
        assert q.unit == unit
        for field, want in extra.items():
            got = getattr(q, field)
            if isinstance(want, float):
                assert got == pytest.approx(want), field
            else:
                assert got == want, field
    got_d = [(d.text, d.type, d.start_date, d.end_date) for d in result.dates]
    assert got_d == dates
    for d in result.dates:
        assert excerpt[d.start : d.end] == d.text
