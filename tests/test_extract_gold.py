"""The extractor against every gold set, through its command-line face.

* ``shared/gold/dev.json`` — the shared dev set (the issue's bar: quantity F1 ≥ 0.97,
  modality ≥ 0.95, date F1 ≥ 0.97).
* ``tests/golden/extract-heldout.json`` … ``extract-heldout4.json`` — sets annotated
  by hand, before the extractor was run on them, from the 2018 report (paragraphs not in
  dev.json, joined as dev.json joins them) and from lines of the six older reports,
  following shared/spec/facts.md and dev.json's conventions. Spans the spec leaves open
  (years given only as 本年/今年, tonnage classes such as 50噸級, multiples such as 8 倍,
  unit-less table cells, names such as 「98-101年促進就業方案」) are listed per item under
  "ignore". Sets 1–3 were later used to tune the extractor, so their floors (the scores
  then reached, minus 0.01) guard against regressions and no longer measure blind; set 4
  was scored blind after that tuning.

Scoring is not duplicated: the shared scorer (../shared/tools/score_extract.py) runs
the command exactly as a user would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
EXTRACT_CMD = [
    sys.executable,
    "-c",
    "import sys; from policyledger.cli import main; "
    "sys.argv = ['policyledger', 'extract', '--jsonl']; main()",
]

# (gold file relative to the shared folder or the repo, quantity F1, modality, date F1)
SETS = {
    "dev": ("shared:gold/dev.json", 0.97, 0.95, 0.97),
    "heldout": ("repo:tests/golden/extract-heldout.json", 0.990, 0.987, 0.990),
    "heldout2": ("repo:tests/golden/extract-heldout2.json", 0.990, 0.984, 0.990),
    # blind when first scored: quantity F1 0.986, modality 0.995, date F1 0.982; then tuned
    # on (issue 3, round 3) to 1.000, 1.000, 1.000
    "heldout3": ("repo:tests/golden/extract-heldout3.json", 0.990, 0.990, 0.990),
    # blind when first scored: quantity F1 1.000, modality 0.991, date F1 1.000
    "heldout4": ("repo:tests/golden/extract-heldout4.json", 0.990, 0.981, 0.990),
}
SCORE_LINE = re.compile(r"^quantity F1 ([\d.]+) modality ([\d.]+) date F1 ([\d.]+)$", re.M)


def _path(where: str, shared: Path) -> Path:
    root, _, rel = where.partition(":")
    return (shared if root == "shared" else REPO) / rel


def _items(path: Path) -> list[dict[str, object]]:
    items: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return items


@pytest.mark.parametrize("name", SETS)
def test_gold_scores(name: str, corpus_dir: Path) -> None:
    shared = corpus_dir.parent
    where, q_floor, m_floor, d_floor = SETS[name]
    scorer, gold = shared / "tools" / "score_extract.py", _path(where, shared)
    if not scorer.exists() or not gold.exists():
        pytest.fail(f"shared scorer or gold set missing: {scorer}, {gold}")
    run = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--show", "100", "--", *EXTRACT_CMD],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    m = SCORE_LINE.search(run.stdout)
    assert m, run.stdout
    quantity_f1, modality, date_f1 = (float(g) for g in m.groups())
    assert quantity_f1 >= q_floor, run.stdout
    assert modality >= m_floor, run.stdout
    assert date_f1 >= d_floor, run.stdout


@pytest.mark.parametrize("name", ["heldout", "heldout2", "heldout3", "heldout4"])
def test_heldout_set_is_well_formed(name: str) -> None:
    items = _items(_path(SETS[name][0], REPO.parent / "shared"))
    assert len(items) >= 60
    assert len({it["id"] for it in items}) == len(items)
    assert len({it["text"] for it in items}) == len(items)
    for it in items:
        text = str(it["text"])
        for rec in [*it["quantities"], *it["dates"]]:
            assert rec["text"] in text, (it["id"], rec["text"])
        for ignored in it.get("ignore", []):
            assert ignored in text, (it["id"], ignored)


def test_gold_sets_are_disjoint(corpus_dir: Path) -> None:
    shared = corpus_dir.parent
    texts = {
        name: [str(it["text"]) for it in _items(_path(w, shared))] for name, (w, *_) in SETS.items()
    }
    names = list(texts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            for ta in texts[a]:
                for tb in texts[b]:
                    assert ta not in tb and tb not in ta, (a, b, ta[:40])
