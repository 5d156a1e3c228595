"""A report's metadata read from its own text, overridable by the caller."""

from __future__ import annotations

import re
from dataclasses import fields, replace

from policyledger.models import ReportMeta

# Full names, longest first so 衛生福利部 wins over a shorter overlap.
MINISTRIES: tuple[str, ...] = (
    "行政院",
    "內政部",
    "外交部",
    "國防部",
    "財政部",
    "教育部",
    "法務部",
    "經濟部",
    "交通部",
    "勞動部",
    "衛生福利部",
    "文化部",
    "科技部",
    "國家科學及技術委員會",
    "農業部",
    "環境部",
    "數位發展部",
    "海洋委員會",
    "國家發展委員會",
)
_HEAD = 3000
_TITLE = re.compile(r"^(.{0,30}(?:施政(?:書面)?報告|業務(?:概況)?報告|工作報告))\s*$")
_PERIOD = re.compile(
    r"茲將\s*(?:本\s*[（(]\s*(?P<rel>\d{2,3})\s*[)）]\s*|(?P<year>\d{2,3})\s*)年\s*"
    r"(?P<m1>\d{1,2})\s*月\s*至\s*(?:(?P<year2>\d{2,3})\s*年\s*)?(?P<m2>\d{1,2})\s*月"
)
_TITLE_MONTH = re.compile(r"(\d{2,3})\s*年\s*(\d{1,2})\s*月")
# The date line under the signature: a line that is only a full ROC date.
_DATE = re.compile(
    r"^\s*(?:中華民國)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.MULTILINE
)


def extract_meta(text: str) -> ReportMeta:
    head = text[:_HEAD]
    first = head.split("\n", 1)[0].strip()
    title_m = _TITLE.match(first)
    title = title_m.group(1) if title_m else None
    ministry = None
    if title:
        ministry = next((m for m in MINISTRIES if m in title), None)
    if ministry is None and "本部" in text:
        # A ministry speaking of itself as 本部: the ministry it names most often.
        counts = {m: text.count(m) for m in MINISTRIES if m != "行政院"}
        best = max(counts, key=lambda m: counts[m])
        ministry = best if counts[best] else None
    if ministry is None and "本院" in head and "行政院" in head:
        ministry = "行政院"
    period = None
    pm = _PERIOD.search(head)
    if pm:
        year = pm.group("rel") or pm.group("year")
        tail = f"{pm.group('year2')}年" if pm.group("year2") else ""
        period = f"{year}年{pm.group('m1')}月至{tail}{pm.group('m2')}月"
    if period is None and title:
        # A title that names its month (``產業創新部 115 年 3 月業務報告``) gives the period.
        tm = _TITLE_MONTH.search(title)
        if tm:
            period = f"{tm.group(1)}年{tm.group(2)}月"
    date = None
    for dm in _DATE.finditer(text[-_HEAD:]):
        y, mo, d = (int(g) for g in dm.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            date = f"{y + 1911:04d}-{mo:02d}-{d:02d}"
    return ReportMeta(title=title, ministry=ministry, period=period, date=date)


def merge_meta(found: ReportMeta, given: ReportMeta | None) -> ReportMeta:
    """``given`` wins field by field wherever it says something."""
    if given is None:
        return found
    updates = {
        f.name: getattr(given, f.name) for f in fields(given) if getattr(given, f.name) is not None
    }
    return replace(found, **updates)
