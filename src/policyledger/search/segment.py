"""Word segmentation of *queries* with jieba, plus a small domain dictionary.

The index is made of character bigrams (see ``text.py``); jieba is used only to cut what
a user typed into words, so ``離岸風電目標`` becomes two phrases (离岸风电, 目标) rather than
one that must appear verbatim. jieba's dictionary is Simplified Chinese, so we segment
the OpenCC-Simplified (folded) form of the query. Its dictionary takes about a second to
load: it is loaded once per process, lazily, on the first query, never during ingest.

The domain dictionary is learned from the reports at ingest (terms quoted in 「」, names
of organisations and programmes, see :func:`domain_terms`) and stored in
``search_terms``; queries add them to jieba so ``綠能科技產業推動中心`` stays one phrase.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import Any

from policyledger.search.text import fold, is_cjk

# Question words and particles that carry no search meaning in a typed question.
# Folded (Simplified) forms, because that is what the segmenter sees.
STOPWORDS: frozenset[str] = frozenset(
    fold(w)
    for w in [
        "的",
        "了",
        "是",
        "有",
        "在",
        "和",
        "與",
        "及",
        "或",
        "並",
        "於",
        "之",
        "其",
        "以",
        "為",
        "對",
        "把",
        "被",
        "也",
        "都",
        "就",
        "而",
        "等",
        "嗎",
        "呢",
        "吧",
        "啊",
        "多少",
        "幾",
        "什麼",
        "甚麼",
        "哪些",
        "哪個",
        "哪裡",
        "哪",
        "如何",
        "怎麼",
        "怎樣",
        "為何",
        "為什麼",
        "是否",
        "有沒有",
        "有無",
        "請問",
        "請",
        "關於",
        "相關",
        "情形",
        "情況",
        "狀況",
        "內容",
        "一下",
        "我",
        "你",
        "我們",
        "今年",
        "去年",
        "報告",
        "說明",
        "提到",
        "多",
        "少",
        "何",
        "誰",
        "時",
        "什么",
        "怎么",
        "吗",
        "呢",
        "请问",
        "关于",
        # when / how long / this time: 什麼時候 is cut 什么 / 时候
        "時候",
        "何時",
        "幾時",
        "多久",
        "怎麼辦",
        "怎么办",
        "做了",
        "這次",
        "此次",
        "會",
        "不會",
        "會不會",
        "能",
        "能不能",
        "可以",
        "要",
        "已經",
        "and",
        "or",
        "not",
        "near",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "to",
        "is",
        "are",
        "what",
        "how",
        "which",
    ]
)

# jieba keeps a question word with its measure word (幾條, 幾天, 哪一年, 多少錢): any word
# made of 幾/哪 and at most two more characters, or starting with 多少, asks rather than
# names. Folded forms.
_ASKING_PREFIX = ("几", "哪")


def is_question_word(word: str) -> bool:
    """Whether a folded query word only frames a question (多少, 幾天, 什麼時候 …)."""
    return (
        word in STOPWORDS
        or (word.startswith(_ASKING_PREFIX) and len(word) <= 3)
        or word.startswith("多少")
    )


_lock = threading.Lock()
_tokenizer: Any = None
_loaded_terms: set[str] = set()


def _jieba() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                _tokenizer = tk
    return _tokenizer


def add_terms(terms: Iterable[str]) -> None:
    """Teach the query segmenter domain terms (folded to Simplified first)."""
    new = [t for t in (fold(x) for x in terms) if t not in _loaded_terms and len(t) >= 2]
    if not new:
        return
    tk = _jieba()
    with _lock:
        for t in new:
            tk.add_word(t, freq=None)
            _loaded_terms.add(t)


def segment(folded: str) -> list[str]:
    """Cut folded query text into words; punctuation and spaces are dropped."""
    words = []
    for w in _jieba().cut(folded, HMM=True):
        w = w.strip()
        if w and any(c.isalnum() for c in w):
            words.append(w)
    return words


# Names people search for: programmes (…計畫/方案), bodies (…中心/公司/協會/委員會/…),
# laws (…條例/辦法). Kept short and only 3–14 characters, so the dictionary stays small.
_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,12}(?:計畫|方案|中心|公司|協會|委員會|基金會|聯盟|園區|條例|辦法|專區|平台|基地)"
)
_QUOTED = re.compile(r"「([^「」\n]{2,20})」")


def domain_terms(text: str, limit: int = 400) -> list[str]:
    """Dictionary entries for ``text``, best first: 「quoted terms」 before programme and
    body names, then the more often a term occurs, then the shorter (a short general
    name such as 新南向 is worth more than one long title)."""
    counts: dict[str, list[int]] = {}
    for m in _QUOTED.finditer(text):
        counts.setdefault(m.group(1).strip(), [1, 0])[1] += 1
    for m in _NAME.finditer(text):
        counts.setdefault(m.group(0), [0, 0])[1] += 1
    ok = [
        (t, q, n)
        for t, (q, n) in counts.items()
        if 2 <= len(t) <= 20 and all(is_cjk(c) or c.isalnum() for c in t)
    ]
    ok.sort(key=lambda x: (-x[1], -x[2], len(x[0]), x[0]))
    return [t for t, _, _ in ok[:limit]]
