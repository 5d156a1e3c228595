"""Date arithmetic the commitments need: report reference dates, horizons, windows.

Pure functions on ISO strings; no database, no clock. The caller always passes the
as-of date, so every answer is reproducible.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_ROC_MONTH = re.compile(r"(?:民國\s*)?(\d{2,4})\s*年\s*(\d{1,2})\s*月")
_ROC_YEAR = re.compile(r"(?:民國\s*)?(\d{2,4})\s*年")
# A period that spans months (98年1月至6月, 101年7月至102年6月): it speaks from its end.
_ROC_SPAN = re.compile(
    r"(?:民國\s*)?(\d{2,4})\s*年\s*\d{1,2}\s*月\s*[至到~～－-]\s*(?:(\d{2,4})\s*年\s*)?(\d{1,2})\s*月"
)
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _western(year: int) -> int:
    # Years below 1000 are ROC (民國) years; the reports never mention year 1000 AD.
    return year + 1911 if year < 1000 else year


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, clamped to the month's end (Jan 31 + 1 -> Feb 28)."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return date(y, m + 1, min(d.day, last))


def reference_date(report_date: str | None, period: str | None) -> str | None:
    """The date a report speaks from, against which ``3 年內`` is resolved.

    An exact ISO day wins. A month (``2018-03`` or ``107年3月``) means its last day: the
    report was published some time that month, and the end is the reading that never
    makes a horizon fall due before the report could have been read. A period that spans
    months (``98年1月至6月``) is read from its last month, as a half-year file name is.
    """
    if report_date:
        m = _ISO.match(report_date.strip())
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            if m.group(3):
                return date(y, mo, int(m.group(3))).isoformat()
            return month_end(y, mo).isoformat()
    if period:
        span = _ROC_SPAN.search(period)
        if span:
            year = _western(int(span.group(2) or span.group(1)))
            return month_end(year, int(span.group(3))).isoformat()
        m = _ROC_MONTH.search(period)
        if m:
            return month_end(_western(int(m.group(1))), int(m.group(2))).isoformat()
        m = _ROC_YEAR.search(period)
        if m:
            return date(_western(int(m.group(1))), 12, 31).isoformat()
    return None


_NAME_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?!\d)")


_NAME_HALF = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_]?[hH]([12])(?!\d)")


def reference_from_name(file_name: str | None) -> str | None:
    """The month a file name carries (``moea-report-2018-03.txt`` -> 2018-03-31), or its
    half-year (``ey-2009h1`` -> 2009-06-30): the last resort when a report states no date
    or period of its own."""
    if not file_name:
        return None
    m = _NAME_MONTH.search(file_name)
    if m:
        return month_end(int(m.group(1)), int(m.group(2))).isoformat()
    # ey-2009h1-report.txt: a half-year report speaks from the end of its half.
    h = _NAME_HALF.search(file_name)
    if h:
        return f"{h.group(1)}-{'06-30' if h.group(2) == '1' else '12-31'}"
    return None


def month_start(iso: str) -> str:
    return iso[:8] + "01"


def window_start(end_iso: str, granularity: str) -> str:
    """First day of the period a deadline names: its day, its month or its year."""
    if granularity == "year":
        return end_iso[:5] + "01-01"
    if granularity == "month":
        return month_start(end_iso)
    return end_iso


def resolve_horizon(reference: str, amount: int, unit: str) -> str:
    """``reference`` plus ``amount`` years or months (``3 年內`` from 2018-03-31 -> 2021-03-31)."""
    d = date.fromisoformat(reference)
    months = amount * 12 if unit == "year" else amount
    return add_months(d, months).isoformat()
