"""Fixtures shared by the whole suite.

The real reports stay in ../shared/corpus (beside the checkout); tests read them there.
Browser tests drive Debian's chromium through Playwright (no browser download).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POLICYLEDGER_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
REPORT_2018 = CORPUS / "moea-report-2018-03.txt"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("POLICYLEDGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def report_2018(corpus_dir: Path) -> Path:
    return corpus_dir / "moea-report-2018-03.txt"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Debian chromium driven by Playwright, shared by the browser tests."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}; run scripts/test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
