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
)
# These end a run of future talk inside a sentence: what follows is done or measured.
PAST_CUES: tuple[str, ...] = ("已", "截至", "迄", "累計至", "累積至")
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
# Units that are durations: the 3 of 3 年內 is a horizon, never a target figure.
DURATION_UNITS: tuple[str, ...] = ("day", "month", "year", "hour")
# Clause boundaries inside a sentence.
CLAUSE_BREAKS = "，,；;：:。！？"
# A horizon set for someone else (申請人應於 2 年內…) is a rule, not the report's promise.
OBLIGATION_CUES: tuple[str, ...] = ("應於", "應承諾", "申請人")
# A span right after one of these is a programme's period, whose end is a deadline
# (計畫期程為 95 年 1 月至 111 年 12月); 本期 (this period) is not one.
PROGRAMME_PERIOD_CUES: tuple[str, ...] = ("期程", "期至", "期間為", "計畫期")
