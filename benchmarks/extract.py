"""Extractor throughput over the whole corpus, with jionlp's parsers as a reference.

    .venv/bin/python benchmarks/extract.py [--runs 5] [--corpus DIR] [--no-jionlp]

Reads every ``*.txt`` in ``../shared/corpus`` (relative to the repository), then runs
``policyledger.extract.extract`` on each whole report, ``--runs`` times, on one core, and
prints the median throughput in MB/s of UTF-8 text. Target: at least 1 MB/s.

In the same run, when jionlp is installed (``pip install -e '.[bench]'``), it times
``jionlp.ner.extract_money`` and ``jionlp.ner.extract_time`` (jionlp's real extraction
API; the top-level ``jionlp.parse_money``/``parse_time`` only parse one given string) on
the same text, sentence by sentence as jionlp expects, and prints the ratio. jionlp ships
its dictionaries inside the wheel, so nothing is downloaded. It is a reference for speed
only: it targets Simplified Chinese money and time and knows neither ROC years nor the
report's units, so its fact counts are not comparable.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
TARGET_MB_S = 1.0
# jionlp works on sentences; its extractors slow down sharply on whole reports.
_SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？]?")


def _median_seconds(fn: Callable[[], int], runs: int) -> tuple[float, float, int]:
    """Median CPU seconds (one core, robust to a busy machine) and wall seconds."""
    cpu: list[float] = []
    wall: list[float] = []
    found = 0
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        found = fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall), found


def _ours(texts: list[str]) -> Callable[[], int]:
    from policyledger.extract import extract

    def run() -> int:
        n = 0
        for t in texts:
            r = extract(t)
            n += len(r.quantities) + len(r.dates)
        return n

    return run


def _jionlp(texts: list[str]) -> Callable[[], int] | str:
    """jionlp's money and time extractors, or the reason they cannot run."""
    try:
        import jionlp  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        return f"jionlp is not installed ({exc}); pip install -e '.[bench]'"
    sentences = [m.group() for t in texts for m in _SENTENCE_RE.finditer(t)]
    base = time.time()

    def run() -> int:
        n = 0
        for s in sentences:
            n += len(jionlp.ner.extract_money(s, with_parsing=False))
            n += len(jionlp.ner.extract_time(s, time_base=base, with_parsing=True))
        return n

    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jionlp-runs", type=int, default=1, help="jionlp is slow; one run by default")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-jionlp", action="store_true")
    a = ap.parse_args(argv)
    files = sorted(a.corpus.glob("*.txt"))
    if not files:
        print(f"no *.txt in {a.corpus}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(files)} files, {mb:.2f} MB UTF-8, {sum(map(len, texts)):,} characters")

    ours = _ours(texts)
    ours()  # warm up: imports and regex compilation are not throughput
    secs, wall, found = _median_seconds(ours, a.runs)
    rate = mb / secs
    verdict = "OK" if rate >= TARGET_MB_S else "BELOW TARGET"
    print(
        f"policyledger.extract: median {secs:.3f} CPU s ({wall:.3f} wall s) of {a.runs} runs "
        f"= {rate:.2f} MB/s on one core (target >= {TARGET_MB_S} MB/s: {verdict}); "
        f"{found:,} quantities + dates"
    )
    if a.no_jionlp:
        return 0
    t0 = time.perf_counter()
    ref = _jionlp(texts)
    if isinstance(ref, str):
        print(f"jionlp reference: skipped — {ref}")
        return 0
    print(f"jionlp: imported and prepared in {time.perf_counter() - t0:.1f} s")
    # jionlp logs a traceback for every time string it cannot parse; that is its noise.
    logging.disable(logging.CRITICAL)
    try:
        ref_secs, ref_wall, ref_found = _median_seconds(ref, a.jionlp_runs)
    finally:
        logging.disable(logging.NOTSET)
    ref_rate = mb / ref_secs
    print(
        f"jionlp.ner.extract_money + extract_time: median {ref_secs:.3f} CPU s "
        f"({ref_wall:.3f} wall s) of {a.jionlp_runs} run(s) = {ref_rate:.2f} MB/s; "
        f"{ref_found:,} money + time spans"
    )
    print(f"ratio: policyledger.extract is {rate / ref_rate:.1f}x jionlp's throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
