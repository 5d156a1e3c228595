"""The extractor against the shared dev gold set, through its command-line face."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_dev_gold_scores(corpus_dir: Path) -> None:
    shared = corpus_dir.parent
    scorer, gold = shared / "tools" / "score_extract.py", shared / "gold" / "dev.json"
    if not scorer.exists() or not gold.exists():
        pytest.fail(f"shared scorer or gold set missing under {shared}")
    cmd = [
        sys.executable,
        "-c",
        "import sys; from policyledger.cli import main; "
        "sys.argv = ['policyledger', 'extract', '--jsonl']; main()",
    ]
    run = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--min-f1", "0.97", "--", *cmd],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]
    # "quantity F1 x modality y date F1 z"
    parts = last.split()
    assert float(parts[2]) >= 0.97 and float(parts[4]) >= 0.95 and float(parts[7]) >= 0.97, last
