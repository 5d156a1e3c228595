"""Width folding and character classes, shared by cleaning and the outline.

Matching happens on a *folded* copy of the text while ``Document.text`` keeps the
characters the report printed (``１、`` stays ``１、``). Folding maps one character to one
character, so an offset found in the folded copy is valid in the original.
"""

from __future__ import annotations

import re

# Full-width ASCII variants (！ … ～) sit at a fixed distance from ASCII; the ideographic
# space is folded too. CJK punctuation such as 、。「」 has no ASCII twin and is kept.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold(text: str) -> str:
    """Full-width letters, digits, brackets and spaces -> ASCII; same length as ``text``."""
    return text.translate(_FOLD)


# Han ideographs (BMP blocks and extension A) plus 〇; these never take a space between them.
CJK_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CLASS}]")


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def is_alnum_ascii(ch: str) -> bool:
    """Half-width digit or Latin letter (the things that take a space next to CJK)."""
    return ch.isascii() and ch.isalnum()
