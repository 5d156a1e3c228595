"""Data bundled with policyledger: the demo report.

``demo-report.txt`` is an invented report of an invented ministry (產業創新部), written
for the demo and the tests in the layout of text extracted from a PDF: running headers,
page numbers, lines broken inside sentences and figures. Its figures are fiction; most
of its sums add up and two deliberately do not (貳/二/2 and 陸/一/（一）/1), so the
checks have something to find.
"""

from __future__ import annotations

from pathlib import Path

DEMO_REPORT = "demo-report.txt"


def demo_report_path() -> Path:
    """The bundled demo report, ready for ``policyledger ingest``."""
    return Path(__file__).resolve().parent / DEMO_REPORT
