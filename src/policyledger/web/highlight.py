"""Cut a paragraph's text into plain runs and highlighted figures for the section page.

Facts carry offsets into the report text; a paragraph knows where it starts, so a fact
sits at ``fact.start - paragraph.start`` in ``paragraph.text``. A fact whose text is not
where its offsets say (a stale row, a pipeline bug) is shown unhighlighted rather than
highlighting the wrong characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def segments(paragraph: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``[{"text": …, "fact": dict | None, "date": dict | None}, …]`` covering the text."""
    text: str = paragraph["text"]
    base: int = paragraph["start"]
    marks: list[tuple[int, int, str, Mapping[str, Any]]] = []
    for sentence in paragraph.get("sentences", ()):
        for q in sentence.get("quantities", ()):
            marks.append((q["start"] - base, q["end"] - base, "fact", q))
        for d in sentence.get("dates", ()):
            marks.append((d["start"] - base, d["end"] - base, "date", d))
    # Figures before dates at the same place: a figure is what the page is for.
    marks.sort(key=lambda m: (m[0], m[2] != "fact", -(m[1] - m[0])))
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, kind, item in marks:
        if start < pos or end > len(text) or start >= end or text[start:end] != item["text"]:
            continue
        if start > pos:
            out.append({"text": text[pos:start], "fact": None, "date": None})
        out.append(
            {
                "text": text[start:end],
                "fact": item if kind == "fact" else None,
                "date": item if kind == "date" else None,
            }
        )
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "fact": None, "date": None})
    return out
