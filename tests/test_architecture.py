"""The core is a plain library: importing it must not pull in the faces."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "policyledger.models",
    "policyledger.errors",
    "policyledger.ingest",
    "policyledger.outline",
    "policyledger.extract",
    "policyledger.store",
    "policyledger.store.queries",
    "policyledger.pipeline",
    "policyledger.export",
    "policyledger.checks",
    "policyledger.search",
    "policyledger.commitments",
]
FACES = ("typer", "fastapi", "starlette", "jinja2", "uvicorn")


def test_core_does_not_import_faces() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + f"print(','.join(sorted(m for m in {FACES!r} if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core modules import faces: {out.stdout.strip()}"
