"""The words that make a sentence a promise, kept as data so a test can check them.

Each tuple is scanned as plain substrings; order does not matter.
"""

from __future__ import annotations

# A clause with one of these speaks about the future (a plan, target or forecast).
FUTURE_CUES: tuple[str, ...] = (
    "預計",
    "預定",
    "預期",
    "預估",
    "估計",
    "規劃",
    "將",
    "目標",
    "可望",
    "擬於",
    "期能",
    "承諾",
    "期程",
    "未來",
    "訂於",
)
# These end a run of future talk inside a sentence: what follows is done or measured.
PAST_CUES: tuple[str, ...] = ("已", "截至", "迄", "累計至", "累積至", "擇定")
# A sentence with one of these is a forecast (環球透視機構預估…2010年將回升至2.3%,
# 未來 1 年內接單金額估計 6,000 萬元): somebody's estimate, not a promise, unless it also
# states a 目標.
FORECAST_CUES: tuple[str, ...] = ("預估", "預測", "估計", "推估")
FORECAST_EXCEPT: tuple[str, ...] = ("目標",)
# A date in a clause with one of these is a scheduled fact, not a promise.
NOT_PROMISE_CUES: tuple[str, ...] = ("屆期", "申請人應")
# Figures in such a clause are the means (money spent), not the promised result.
BUDGET_CUES: tuple[str, ...] = (
    "投資總額",
    "總投資金額",
    "投資金額為",
    "總經費",
    "經費",
    "預算",
    "規模",
)
# Per-unit sizes (每部 80 萬瓩) describe one unit, not the promise as a whole.
PER_UNIT_CUES: tuple[str, ...] = ("每部", "每座", "每口", "每戶每月")
# A deadline attached to completing or delivering something may take its figure from
# just before it (總裝置容量約 1.1 萬瓩，預計於 109 年完工商轉).
DELIVERY_VERBS: tuple[str, ...] = ("完工", "商轉", "完成", "達成", "設置", "建置", "達")
# After completion (完工後可供應…) or pending a result (俟…結果): what follows is an
# effect or a contingency, not what the deadline promises.
CONSEQUENCE_MARKS: tuple[str, ...] = ("後", "俟")
# ...except the capacity promised on completion itself: 以 111 年完工為目標，完工後可供應
# 每日 21 萬噸 dates the 21 萬噸 by the completion deadline.
ON_COMPLETION: tuple[str, ...] = ("完工後", "完成後", "竣工後", "商轉後")
# Units that are durations: the 3 of 3 年內 is a horizon, never a target figure.
DURATION_UNITS: tuple[str, ...] = ("day", "month", "year", "hour")
# Clause boundaries inside a sentence.
CLAUSE_BREAKS = "，,；;：:。！？"
# A horizon set for someone else (申請人應於 2 年內…) is a rule, not the report's promise.
OBLIGATION_CUES: tuple[str, ...] = ("應於", "應承諾", "申請人")
# A span right after one of these is a programme's period, whose end is a deadline
# (計畫期程為 95 年 1 月至 111 年 12月); 本期 (this period) is not one.
PROGRAMME_PERIOD_CUES: tuple[str, ...] = ("期程", "期至", "期間為", "計畫期")
# A target without a date of its own, stated with one of these, takes the period of the
# programme named earlier in its paragraph (供水受益戶數目標為 4.2 萬戶; 期程自 106 年 9 月
# 至 110 年 8 月。預期新增產業使用空間 6.3 萬平方公尺).
PERIOD_TARGET_CUES: tuple[str, ...] = ("目標", "預期", "預計")
# A figure after one of these is a comparison (相當於 277 座大安森林公園), not a target.
EQUIVALENCE_CUES: tuple[str, ...] = ("相當於",)
# A sentence with one of these reports a target already met or missed (目標 110 億美元，
# 達成率 106.05％; 低於目標 1.15‰以下): its targets are past, not promises.
ACHIEVED_CUES: tuple[str, ...] = ("達成率", "低於目標", "高於目標", "超過目標")
