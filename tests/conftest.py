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


# --- web: a small hand-built ledger and a live server ------------------------------------
#
# ``tiny_ledger`` writes rows straight into the core tables (no pipeline), so the read side
# and the routes are tested on figures whose offsets we can see; ``live_server`` ingests
# real reports through the pipeline and serves the app the way a user runs it.

TINY_REPORT_ID = "ab12" + "0" * 60
TINY_SECTIONS: list[tuple[str, str | None, int, str, int, str]] = [
    # path, parent path, level, marker, number, title
    ("壹", None, 1, "壹、", 1, "工業"),
    ("壹/一", "壹", 2, "一、", 1, "推動產業創新"),
    ("壹/一/（一）", "壹/一", 3, "（一）", 1, "智慧機械"),
    ("拾", None, 1, "拾、", 10, "能源"),
    ("拾/一", "拾", 2, "一、", 1, "再生能源"),
]
# section path -> paragraphs -> sentences; each figure is (text, value, unit, raw_unit,
# modality, role, period_start, period_end).
Figure = tuple[str, float, str, str, str, str, str | None, str | None]
TINY_TEXT: dict[str, list[list[tuple[str, list[Figure]]]]] = {
    "壹/一/（一）": [
        [
            (
                "106 年推動投資 54.4 億元，較上年成長 82％。",
                [
                    (
                        "54.4 億元",
                        5.44e9,
                        "TWD",
                        "億元",
                        "actual",
                        "level",
                        "2017-01-01",
                        "2017-12-31",
                    ),
                    ("82％", 82.0, "%", "％", "actual", "change", "2017-01-01", "2017-12-31"),
                ],
            ),
            (
                "預計 3 年內帶動投資 22.3 億元。",
                [
                    ("3 年", 3.0, "year", "年", "target", "level", None, None),
                    ("22.3 億元", 2.23e9, "TWD", "億元", "target", "level", None, None),
                ],
            ),
        ],
    ],
    "拾/一": [
        [
            (
                "目標 114 年再生能源裝置容量 2,000 萬瓩，投資 9,000 億元。",
                [
                    (
                        "2,000 萬瓩",
                        2.0e7,
                        "kW",
                        "萬瓩",
                        "target",
                        "level",
                        "2025-01-01",
                        "2025-12-31",
                    ),
                    (
                        "9,000 億元",
                        9.0e11,
                        "TWD",
                        "億元",
                        "target",
                        "level",
                        "2025-01-01",
                        "2025-12-31",
                    ),
                ],
            ),
        ],
        [
            (
                "106 年太陽光電新增 52.3 萬瓩。",
                [
                    (
                        "52.3 萬瓩",
                        5.23e5,
                        "kW",
                        "萬瓩",
                        "actual",
                        "level",
                        "2017-01-01",
                        "2017-12-31",
                    ),
                ],
            ),
        ],
    ],
}


def build_tiny_ledger(conn: Any) -> str:
    """Write the tiny report into ``conn``; return its id."""
    pieces: list[str] = []
    pos = 0

    def put(s: str) -> tuple[int, int]:
        nonlocal pos
        pieces.append(s)
        start = pos
        pos += len(s)
        return start, pos

    put("經濟部業務報告\n")
    sec_rows = []
    for path, _parent, _level, marker, _n, title in TINY_SECTIONS:
        s_start, _ = put(marker)
        _, heading_end = put(title)
        put("\n")
        paras = []
        for sentences in TINY_TEXT.get(path, []):
            p_start = pos
            sents = []
            for text, figures in sentences:
                st_start, st_end = put(text)
                sents.append((st_start, st_end, text, figures))
            p_end = pos
            put("\n")
            paras.append((p_start, p_end, sents))
        sec_rows.append((path, s_start, heading_end, paras))
    text = "".join(pieces)
    conn.execute(
        "INSERT INTO reports (id, title, ministry, period, report_date, file_name, source_format,"
        " encoding, text, warnings, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            TINY_REPORT_ID,
            "經濟部業務報告（測試）",
            "經濟部",
            "107年3月",
            "2018-03-01",
            "tiny.txt",
            "text",
            "utf-8",
            text,
            "[]",
            "2026-01-01T00:00:00+00:00",
        ),
    )
    ids: dict[str, int] = {}
    p_ord = 0
    ends = {p: len(text) for p, *_ in TINY_SECTIONS}
    for i, (path, parent, level, marker, number, title) in enumerate(TINY_SECTIONS):
        _, s_start, heading_end, paras = sec_rows[i]
        cur = conn.execute(
            "INSERT INTO sections (report_id, ord, path, parent_id, level, marker, number, title,"
            ' start, heading_end, "end", page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
            (
                TINY_REPORT_ID,
                i,
                path,
                ids.get(parent) if parent else None,
                level,
                marker,
                number,
                title,
                s_start,
                heading_end,
                ends[path],
                1,
            ),
        )
        ids[path] = int(cur.lastrowid)
        for idx, (p_start, p_end, sents) in enumerate(paras):
            cur = conn.execute(
                'INSERT INTO paragraphs (report_id, section_id, ord, idx, start, "end", page, text)'
                " VALUES (?,?,?,?,?,?,?,?)",
                (TINY_REPORT_ID, ids[path], p_ord, idx, p_start, p_end, 1, text[p_start:p_end]),
            )
            p_ord += 1
            pid = int(cur.lastrowid)
            for s_idx, (st_start, st_end, s_text, figures) in enumerate(sents):
                cur = conn.execute(
                    'INSERT INTO sentences (report_id, section_id, paragraph_id, idx, start, "end", text)'
                    " VALUES (?,?,?,?,?,?,?)",
                    (TINY_REPORT_ID, ids[path], pid, s_idx, st_start, st_end, s_text),
                )
                sid = int(cur.lastrowid)
                for f_text, value, unit, raw, modality, role, ps, pe in figures:
                    f_start = st_start + s_text.index(f_text)
                    conn.execute(
                        "INSERT INTO quantities (report_id, section_id, paragraph_id, sentence_id,"
                        ' text, start, "end", value, unit, raw_unit, qualifier, role, modality,'
                        " precision, period_start, period_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            TINY_REPORT_ID,
                            ids[path],
                            pid,
                            sid,
                            f_text,
                            f_start,
                            f_start + len(f_text),
                            value,
                            unit,
                            raw,
                            "exact",
                            role,
                            modality,
                            0.0,
                            ps,
                            pe,
                        ),
                    )
                if s_text.startswith("106 年"):
                    conn.execute(
                        "INSERT INTO dates (report_id, section_id, paragraph_id, sentence_id, text,"
                        ' start, "end", type, start_date, end_date, granularity)'
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            TINY_REPORT_ID,
                            ids[path],
                            pid,
                            sid,
                            "106 年",
                            st_start,
                            st_start + 5,
                            "date",
                            "2017-01-01",
                            "2017-12-31",
                            "year",
                        ),
                    )
    return TINY_REPORT_ID


@pytest.fixture()
def tiny_db(tmp_path: Path) -> Path:
    """A ledger file holding only the tiny hand-built report."""
    from policyledger.store import connect

    db = tmp_path / "tiny.db"
    conn = connect(db)
    try:
        build_tiny_ledger(conn)
    finally:
        conn.close()
    return db


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_db(tmp_path_factory: pytest.TempPathFactory, report_2018: Path) -> Path:
    """A ledger holding the 2018 report and the bundled demo report, ingested for real."""
    from policyledger.data import demo_report_path
    from policyledger.pipeline import ingest_path
    from policyledger.store import connect

    db = tmp_path_factory.mktemp("live") / "ledger.db"
    conn = connect(db)
    try:
        ingest_path(conn, report_2018)
        ingest_path(conn, demo_report_path())
    finally:
        conn.close()
    return db


@pytest.fixture(scope="session")
def live_server(live_db: Path) -> Iterator[str]:
    """``create_app`` served by uvicorn on 127.0.0.1 in a background thread; yields the
    base URL (no trailing slash). Shared by every browser test of the session."""
    import threading
    import time

    import uvicorn

    from policyledger.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(live_db), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the live server did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
