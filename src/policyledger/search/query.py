"""Reading what a user typed into a :class:`ParsedQuery`.

The grammar is deliberately forgiving: anything that is not a recognised filter or
comparison is text to look for. Quotes (``"…"``, ``「…」``, ``“…”``) make a phrase; an
unbalanced quote is just a character. FTS5 operators (AND, OR, NOT, NEAR, ``*``, ``^``,
parentheses) are words like any other — the MATCH expression is built from our own
tokens only, so nothing typed here can change its syntax.

Filters: ``report:ID`` ``chapter:壹|工業`` ``year:2018|107`` ``unit:kW`` ``modality:target``
and a figure condition ``>= 1000000`` (also ``>``, ``<``, ``<=``, ``=``; magnitudes
萬/億/兆 allowed: ``>= 100萬``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyledger.errors import QueryError
from policyledger.models import MODALITIES

FILTER_FIELDS = ("report", "chapter", "year", "unit", "modality")

# Canonical unit codes of shared/spec/facts.md, and the words people type for them.
UNIT_CODES: tuple[str, ...] = (
    "TWD", "USD", "EUR", "JPY", "CNY", "kW", "kWh", "t", "t/day", "t/h", "t/year",
    "kL", "m3", "ha", "m2", "km2", "km", "m", "%", "pp", "permille", "day", "month",
    "year", "hour", "count", "other",
)  # fmt: skip
UNIT_ALIASES: dict[str, str] = {
    **{c.lower(): c for c in UNIT_CODES},
    "元": "TWD", "新臺幣": "TWD", "新台幣": "TWD", "億元": "TWD", "萬元": "TWD", "ntd": "TWD",
    "美元": "USD", "歐元": "EUR", "日圓": "JPY", "人民幣": "CNY",
    "瓩": "kW", "萬瓩": "kW", "mw": "kW", "gw": "kW",
    "度": "kWh", "萬度": "kWh", "億度": "kWh",
    "噸": "t", "公噸": "t", "萬公噸": "t", "公頃": "ha", "公里": "km", "公尺": "m",
    "％": "%", "percent": "%", "百分點": "pp", "個百分點": "pp",
    "人": "count", "家": "count", "件": "count", "案": "count", "項": "count",
}  # fmt: skip
MODALITY_ALIASES: dict[str, str] = {
    "actual": "actual", "實際": "actual", "已達成": "actual", "实际": "actual",
    "target": "target", "目標": "target", "目标": "target", "預計": "target", "预计": "target",
}  # fmt: skip

_MAGNITUDE = {"千": 1e3, "萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12}
_OPS = (">=", "<=", "≥", "≤", ">", "<", "=", "＞＝", "＜＝", "＞", "＜", "＝")
_OP_CANON = {"≥": ">=", "≤": "<=", "＞＝": ">=", "＜＝": "<=", "＞": ">", "＜": "<", "＝": "="}

_TOKEN = re.compile(
    r"""
      "(?P<dq>[^"]*)"                       # "a phrase"
    | 「(?P<cq>[^」]*)」                     # 「a phrase」
    | “(?P<sq>[^”]*)”                       # “a phrase”
    | (?P<field>[A-Za-z]+)[:：](?P<value>"[^"]*"|\S+)   # field:value
    | (?P<op>>=|<=|≥|≤|＞＝|＜＝|>|<|=|＞|＜|＝)\s*(?P<num>[0-9０-９][0-9０-９,，.．]*\s*[千萬万億亿兆]?)
    | (?P<word>\S+)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class FigureCondition:
    """``value OP number``, compared in the canonical unit."""

    op: str  # one of >=, <=, >, <, =
    value: float

    def __post_init__(self) -> None:
        if self.op not in (">=", "<=", ">", "<", "="):
            raise QueryError(f"unknown comparison {self.op!r}")

    def sql(self) -> str:
        return "q.value = ?" if self.op == "=" else f"q.value {self.op} ?"


@dataclass(frozen=True, slots=True)
class Filters:
    report: str | None = None  # a report id, or a prefix of one (at least 6 hex digits)
    chapter: str | None = None  # a section path (壹, 壹/一) or words of a chapter title
    year: int | None = None  # Western year of the report (ROC years are converted)
    unit: str | None = None  # canonical unit code of a figure in the paragraph
    modality: str | None = None  # actual / target, of a figure in the paragraph

    def __post_init__(self) -> None:
        if self.unit is not None and self.unit not in UNIT_CODES:
            raise QueryError(
                f"unknown unit {self.unit!r}: use one of {', '.join(UNIT_CODES)} (e.g. unit:kW)"
            )
        if self.modality is not None and self.modality not in MODALITIES:
            raise QueryError(f"unknown modality {self.modality!r}: use actual or target")

    def merged(self, other: Filters) -> Filters:
        """``other``'s values where set, ours otherwise (query text wins over parameters)."""
        return Filters(
            report=other.report or self.report,
            chapter=other.chapter or self.chapter,
            year=other.year or self.year,
            unit=other.unit or self.unit,
            modality=other.modality or self.modality,
        )

    def is_empty(self) -> bool:
        return not (self.report or self.chapter or self.year or self.unit or self.modality)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    raw: str
    words: tuple[str, ...] = ()  # free text, still to be segmented
    phrases: tuple[str, ...] = ()  # quoted: must appear as written
    filters: Filters = field(default_factory=Filters)
    figure: FigureCondition | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def wants_figures(self) -> bool:
        return self.figure is not None or self.filters.unit is not None


def normalise_unit(value: str) -> str:
    code = UNIT_ALIASES.get(value.strip().lower()) or UNIT_ALIASES.get(value.strip())
    if code is None:
        raise QueryError(
            f"unknown unit {value!r}: use one of {', '.join(UNIT_CODES)} (e.g. unit:kW)"
        )
    return code


def normalise_modality(value: str) -> str:
    code = MODALITY_ALIASES.get(value.strip().lower())
    if code is None:
        raise QueryError(f"unknown modality {value!r}: use actual (實際) or target (目標)")
    return code


def normalise_year(value: str | int) -> int:
    try:
        year = int(str(value).strip().removesuffix("年"))
    except ValueError:
        raise QueryError(f"year must be a number such as 2018 or 107, not {value!r}") from None
    return year + 1911 if 0 < year < 1911 else year


def parse_number(text: str) -> float:
    import unicodedata

    s = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    mult = 1.0
    if s and s[-1] in _MAGNITUDE:
        mult = _MAGNITUDE[s[-1]]
        s = s[:-1]
    try:
        return float(s) * mult
    except ValueError:
        raise QueryError(f"not a number: {text!r}") from None


def parse(raw: str) -> ParsedQuery:
    """Read a query string. Raises :class:`QueryError` only for a bad filter value."""
    words: list[str] = []
    phrases: list[str] = []
    found: dict[str, str | int] = {}
    figure: FigureCondition | None = None
    for m in _TOKEN.finditer(raw):
        if (p := m.group("dq") or m.group("cq") or m.group("sq")) is not None:
            if p.strip():
                phrases.append(p.strip())
        elif m.group("field") is not None:
            name = m.group("field").lower()
            value = m.group("value").strip('"')
            if name not in FILTER_FIELDS or not value:
                words.append(m.group(0))  # "http://…", "AR:VR": just text
            elif name == "unit":
                found["unit"] = normalise_unit(value)
            elif name == "modality":
                found["modality"] = normalise_modality(value)
            elif name == "year":
                found["year"] = normalise_year(value)
            else:
                found[name] = value
        elif m.group("op") is not None:
            op = _OP_CANON.get(m.group("op"), m.group("op"))
            figure = FigureCondition(op, parse_number(m.group("num")))
        elif m.group("word"):
            words.append(m.group("word"))
    filters = Filters(
        report=str(found["report"]) if "report" in found else None,
        chapter=str(found["chapter"]) if "chapter" in found else None,
        year=int(found["year"]) if "year" in found else None,
        unit=str(found["unit"]) if "unit" in found else None,
        modality=str(found["modality"]) if "modality" in found else None,
    )
    return ParsedQuery(raw, tuple(words), tuple(phrases), filters, figure)
