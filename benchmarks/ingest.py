"""How long the 2018 MOEA report takes to ingest end to end into a fresh SQLite file.

    .venv/bin/python benchmarks/ingest.py [--runs 5] [--profile] [FILE]

Each run opens a new ledger file (migrations included), reads, cleans and outlines the
report, extracts its figures, stores everything and runs the analysers, exactly as
``policyledger ingest`` does. The first run also pays for imports (jieba, pdf readers),
so it is reported separately and the median is over the runs that follow it.
Target: median under 0.5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "moea-report-2018-03.txt"
TARGET_S = 0.5


def import_everything() -> None:
    """Import what an ingest touches, so import time is reported on its own."""
    import importlib

    from policyledger.pipeline import ANALYSERS

    for name in ("policyledger.ingest", "policyledger.extract", "policyledger.store"):
        importlib.import_module(name)
    for spec in ANALYSERS:
        # A feature not built yet is skipped here as the pipeline skips it.
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(spec.partition(":")[0])


def ingest_once(path: Path, workdir: Path, n: int) -> tuple[float, float]:
    from policyledger.pipeline import ingest_path
    from policyledger.store import connect

    db = workdir / f"bench-{n}.db"
    t0, c0 = time.perf_counter(), time.process_time()
    conn = connect(db)
    try:
        result = ingest_path(conn, path)
    finally:
        conn.close()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert result.created, "a fresh ledger must create the report"
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile one extra run")
    args = parser.parse_args()
    if not args.file.is_file():
        print(f"no such report: {args.file}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="policyledger-bench-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        import_everything()
        imports = time.perf_counter() - t0
        cold, _ = ingest_once(args.file, work, 0)
        runs = [ingest_once(args.file, work, i + 1) for i in range(args.runs)]
        times = [wall for wall, _ in runs]
        median = statistics.median(times)
        cpu = statistics.median(c for _, c in runs)
        print(f"file      {args.file.name} ({args.file.stat().st_size:,} bytes)")
        print(f"imports   {imports:.3f} s (once per process)")
        print(f"first run {cold:.3f} s (caches warming up)")
        print(f"runs      {', '.join(f'{t:.3f}' for t in times)} s")
        verdict = "ok" if median < TARGET_S else "SLOWER than target"
        print(f"median    {median:.3f} s of {args.runs} runs (target < {TARGET_S} s: {verdict})")
        # On a shared machine wall time includes waiting for a core; CPU time does not.
        print(f"cpu       {cpu:.3f} s median CPU time per run")
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            ingest_once(args.file, work, args.runs + 1)
            prof.disable()
            stats = pstats.Stats(prof)
            stats.sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
