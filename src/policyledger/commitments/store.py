"""Storage glue: reads a report's stored facts, writes its commitments and links, and
answers the questions the faces ask. The decisions live in the pure modules
(:mod:`.derive`, :mod:`.linking`, :mod:`.status`); this module only moves rows."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from policyledger.commitments.calendar import reference_date, reference_from_name
from policyledger.commitments.derive import SentenceFacts, derive_commitments, sort_key
from policyledger.commitments.linking import propose_links
from policyledger.commitments.models import (
    EVIDENCE_STATUSES,
    LINK_STATUSES,
    SCHEDULE_STATUSES,
    STATUS_LABELS,
    ActualFigure,
    Commitment,
    Deadline,
    Figure,
    Link,
    StatusEvent,
)
from policyledger.commitments.status import current_evidence, schedule_event
from policyledger.commitments.vocab import CLAUSE_BREAKS
from policyledger.errors import NotFound, QueryError
from policyledger.models import CalendarExpr, Quantity


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _today() -> str:
    return date.today().isoformat()


def report_reference(conn: sqlite3.Connection, report_id: str) -> str | None:
    row = conn.execute(
        "SELECT report_date, period, file_name FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"找不到報告 {report_id} (no such report)")
    return reference_date(row[0], row[1]) or reference_from_name(row[2])


# --- reading a report's facts -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _SectionInfo:
    path: str
    title: str
    domain: str


def _sections(conn: sqlite3.Connection, report_id: str) -> dict[int, _SectionInfo]:
    rows = conn.execute(
        "SELECT id, parent_id, path, title FROM sections WHERE report_id = ? ORDER BY ord",
        (report_id,),
    ).fetchall()
    by_id = {r["id"]: r for r in rows}
    out: dict[int, _SectionInfo] = {}
    for r in rows:
        root = r
        while root["parent_id"] is not None and root["parent_id"] in by_id:
            root = by_id[root["parent_id"]]
        out[r["id"]] = _SectionInfo(r["path"], r["title"].strip(), root["title"].strip())
    return out


def _sentence_facts(conn: sqlite3.Connection, report_id: str) -> list[SentenceFacts]:
    secs = _sections(conn, report_id)
    quantities: dict[int, list[tuple[int | None, Quantity]]] = defaultdict(list)
    for q in conn.execute(
        "SELECT * FROM quantities WHERE report_id = ? ORDER BY start", (report_id,)
    ):
        quantities[q["sentence_id"]].append(
            (
                q["id"],
                Quantity(
                    q["text"],
                    q["start"],
                    q["end"],
                    q["value"],
                    q["unit"],
                    q["raw_unit"],
                    q["qualifier"],
                    q["role"],
                    q["modality"],
                    q["value_max"],
                    q["precision"],
                ),
            )
        )
    dates: dict[int, list[CalendarExpr]] = defaultdict(list)
    for d in conn.execute("SELECT * FROM dates WHERE report_id = ? ORDER BY start", (report_id,)):
        dates[d["sentence_id"]].append(
            CalendarExpr(
                d["text"],
                d["start"],
                d["end"],
                d["type"],
                d["start_date"],
                d["end_date"],
                d["granularity"],
            )
        )
    out = []
    for s in conn.execute(
        "SELECT s.id, s.start, s.end, s.text, s.section_id, s.paragraph_id, p.ord AS pord"
        " FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id"
        " WHERE s.report_id = ? ORDER BY s.start",
        (report_id,),
    ):
        info = secs.get(s["section_id"]) if s["section_id"] is not None else None
        out.append(
            SentenceFacts(
                text=s["text"],
                start=s["start"],
                end=s["end"],
                quantities=tuple(quantities.get(s["id"], ())),
                dates=tuple(dates.get(s["id"], ())),
                sentence_id=s["id"],
                paragraph_id=s["paragraph_id"],
                paragraph_ord=s["pord"],
                section_id=s["section_id"],
                section_path=info.path if info else None,
                section_title=info.title if info else None,
                domain=info.domain if info else "",
            )
        )
    return out


def _clause_around(text: str, local: int) -> str:
    a = max(text.rfind(ch, 0, local) for ch in CLAUSE_BREAKS) + 1
    ends = [i for i in (text.find(ch, local) for ch in CLAUSE_BREAKS) if i >= 0]
    return text[a : min(ends, default=len(text))]


def _actuals(
    conn: sqlite3.Connection, report_id: str, fallback_period: str | None
) -> list[ActualFigure]:
    secs = _sections(conn, report_id)
    out = []
    for q in conn.execute(
        "SELECT q.*, s.text AS stext, s.start AS sstart FROM quantities q"
        " JOIN sentences s ON s.id = q.sentence_id"
        " WHERE q.report_id = ? AND q.modality = 'actual'",
        (report_id,),
    ):
        info = secs.get(q["section_id"]) if q["section_id"] is not None else None
        clause = _clause_around(q["stext"], q["start"] - q["sstart"])
        context = f"{info.title if info else ''} {clause}"
        out.append(
            ActualFigure(
                quantity_id=q["id"],
                report_id=report_id,
                text=q["text"],
                value=q["value"],
                unit=q["unit"],
                raw_unit=q["raw_unit"],
                context=context,
                period_end=q["period_end"] or fallback_period,
                sentence_id=q["sentence_id"],
                value_max=q["value_max"],
            )
        )
    return out


# --- writing ------------------------------------------------------------------------------


def _insert_commitment(
    conn: sqlite3.Connection, c: Commitment, ord_: int, reference: str | None
) -> int:
    f, d = c.figure, c.deadline
    cur = conn.execute(
        "INSERT INTO commitments (report_id, section_id, paragraph_id, sentence_id, quantity_id,"
        " ord, start, end, source, subject, domain, section_path, section_title, paragraph_ord,"
        " figure_text, figure_start, figure_end, value, value_max, unit, raw_unit, qualifier,"
        " precision, deadline, window_start, deadline_text, deadline_kind, granularity,"
        " deadline_start, deadline_end, flags, reference_date)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            c.report_id,
            c.section_id,
            c.paragraph_id,
            c.sentence_id,
            f.quantity_id if f else None,
            ord_,
            c.start,
            c.end,
            c.source,
            c.subject,
            c.domain,
            c.section_path,
            c.section_title,
            c.paragraph_ord,
            f.text if f else None,
            f.start if f else None,
            f.end if f else None,
            f.value if f else None,
            f.value_max if f else None,
            f.unit if f else None,
            f.raw_unit if f else None,
            f.qualifier if f else None,
            f.precision if f else 0.0,
            d.date if d else None,
            d.window_start if d else None,
            d.text if d else None,
            d.kind if d else None,
            d.granularity if d else None,
            d.start if d else None,
            d.end if d else None,
            json.dumps(list(c.flags)),
            reference,
        ),
    )
    return int(cur.lastrowid or 0)


def _log(
    conn: sqlite3.Connection,
    commitment_id: int,
    kind: str,
    status: str,
    effective: str | None,
    evidence: str,
    reason: str | None,
    link_id: int | None = None,
) -> None:
    conn.execute(
        "INSERT INTO commitment_events (commitment_id, link_id, kind, status, effective,"
        " evidence, reason, recorded_at) VALUES (?,?,?,?,?,?,?,?)",
        (commitment_id, link_id, kind, status, effective, evidence, reason, _now()),
    )


def analyse_report(
    conn: sqlite3.Connection, report_id: str, *, reference: str | None = None
) -> int:
    """Derive this report's commitments and propose links both ways: from this report's
    actual figures to earlier commitments, and from later reports' figures to this one's.

    Runs inside the caller's transaction (the ingest pipeline's). Re-running replaces this
    report's commitments. ``reference`` overrides the report date horizons resolve on.
    Returns the number of commitments stored.
    """
    ref = reference or report_reference(conn, report_id)
    conn.execute("DELETE FROM commitments WHERE report_id = ?", (report_id,))
    found = derive_commitments(_sentence_facts(conn, report_id), report_id=report_id, reference=ref)
    found.sort(key=sort_key)
    for n, c in enumerate(found):
        cid = _insert_commitment(conn, c, n, ref)
        _log(conn, cid, "official", "announced", ref, c.source, "報告提出 made in this report")
    _propose(conn, report_id, ref)
    return len(found)


def _propose(conn: sqlite3.Connection, report_id: str, ref: str | None) -> list[Link]:
    others = [
        (r["id"], report_reference(conn, r["id"]))
        for r in conn.execute("SELECT id FROM reports WHERE id != ?", (report_id,))
    ]
    earlier = [rid for rid, r in others if ref is None or r is None or r < ref]
    later = [(rid, r) for rid, r in others if ref is not None and r is not None and r > ref]
    links: list[Link] = []
    mine = _actuals(conn, report_id, ref)
    if earlier and mine:
        links += propose_links(_load_commitments(conn, report_ids=earlier), mine)
    own = _load_commitments(conn, report_ids=[report_id])
    for rid, r in later:
        links += propose_links(own, _actuals(conn, rid, r))
    stored = []
    for lk in links:
        cur = conn.execute(
            "INSERT OR IGNORE INTO commitment_links (commitment_id, report_id, quantity_id, score,"
            " reasons, status, created_at) VALUES (?,?,?,?,?,'proposed',?)",
            (
                lk.commitment_id,
                lk.report_id,
                lk.quantity_id,
                lk.score,
                json.dumps(list(lk.reasons), ensure_ascii=False),
                _now(),
            ),
        )
        if cur.rowcount:
            lid = int(cur.lastrowid or 0)
            _log(
                conn,
                lk.commitment_id,
                "link",
                "proposed",
                lk.period_end,
                lk.actual_text,
                f"系統提議 proposed, score {lk.score}",
                lid,
            )
            stored.append(lk)
    return stored


# --- reading commitments -----------------------------------------------------------------


def _commitment(r: sqlite3.Row) -> Commitment:
    fig = None
    if r["figure_text"] is not None:
        fig = Figure(
            r["figure_text"],
            r["figure_start"],
            r["figure_end"],
            r["value"],
            r["unit"],
            r["raw_unit"],
            r["qualifier"],
            r["value_max"],
            r["precision"],
            r["quantity_id"],
        )
    dl = None
    if r["deadline"] is not None:
        dl = Deadline(
            r["deadline"],
            r["window_start"],
            r["deadline_text"],
            r["deadline_kind"],
            r["granularity"],
            r["deadline_start"],
            r["deadline_end"],
        )
    return Commitment(
        report_id=r["report_id"],
        source=r["source"],
        start=r["start"],
        end=r["end"],
        subject=r["subject"],
        domain=r["domain"],
        section_path=r["section_path"],
        section_title=r["section_title"],
        figure=fig,
        deadline=dl,
        flags=tuple(json.loads(r["flags"])),
        sentence_id=r["sentence_id"],
        paragraph_id=r["paragraph_id"],
        paragraph_ord=r["paragraph_ord"],
        section_id=r["section_id"],
        id=r["id"],
    )


def _load_commitments(
    conn: sqlite3.Connection, *, report_ids: list[str] | None = None
) -> list[Commitment]:
    sql = "SELECT * FROM commitments"
    params: list[Any] = []
    if report_ids is not None:
        sql += f" WHERE report_id IN ({','.join('?' * len(report_ids))})"
        params = list(report_ids)
    sql += " ORDER BY report_id, ord"
    return [_commitment(r) for r in conn.execute(sql, params)]


_LINK_SQL = (
    "SELECT l.*, q.text AS qtext, q.value AS qvalue, q.unit AS qunit, q.period_end AS qperiod,"
    " s.text AS stext, s.id AS sid, r.title AS rtitle, r.file_name AS rfile,"
    " r.report_date AS rdate, r.period AS rperiod"
    " FROM commitment_links l JOIN quantities q ON q.id = l.quantity_id"
    " JOIN sentences s ON s.id = q.sentence_id JOIN reports r ON r.id = l.report_id"
)


@dataclass(frozen=True, slots=True)
class LinkView:
    link: Link
    sentence: str
    report_title: str
    report_date: str | None = None  # the linked report's own date (official status)

    def to_dict(self) -> dict[str, Any]:
        d = self.link.to_dict()
        d["sentence"] = self.sentence
        d["report_title"] = self.report_title
        d["report_date"] = self.report_date
        d["status_label"] = STATUS_LABELS.get(self.link.status, self.link.status)
        return d


def _link_view(r: sqlite3.Row) -> LinkView:
    fallback = reference_date(r["rdate"], r["rperiod"]) or reference_from_name(r["rfile"])
    link = Link(
        commitment_id=r["commitment_id"],
        quantity_id=r["quantity_id"],
        report_id=r["report_id"],
        score=r["score"],
        reasons=tuple(json.loads(r["reasons"])),
        status=r["status"],
        actual_text=r["qtext"],
        actual_value=r["qvalue"],
        actual_unit=r["qunit"],
        period_end=r["qperiod"] or fallback,
        decided_at=r["decided_at"],
        reason=r["reason"],
        id=r["id"],
    )
    return LinkView(link, r["stext"], r["rtitle"] or r["rfile"] or r["report_id"][:12], fallback)


def _links_by_commitment(
    conn: sqlite3.Connection, ids: list[int] | None = None
) -> dict[int, list[LinkView]]:
    sql, params = _LINK_SQL, []
    if ids is not None:
        if not ids:
            return {}
        sql += f" WHERE l.commitment_id IN ({','.join('?' * len(ids))})"
        params = list(ids)
    out: dict[int, list[LinkView]] = defaultdict(list)
    for r in conn.execute(sql + " ORDER BY l.score DESC, l.id", params):
        out[r["commitment_id"]].append(_link_view(r))
    return out


@dataclass(frozen=True, slots=True)
class CommitmentState:
    """A commitment with its three statuses as of a date, and its links."""

    commitment: Commitment
    report_title: str
    as_of: str
    schedule: StatusEvent
    evidence: StatusEvent
    official: StatusEvent
    links: tuple[LinkView, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.commitment.to_dict()
        d["report_title"] = self.report_title
        d["as_of"] = self.as_of
        d["schedule"] = self.schedule.to_dict()
        d["evidence"] = self.evidence.to_dict()
        d["official"] = self.official.to_dict()
        d["links"] = [lk.to_dict() for lk in self.links]
        return d


def _official(c: Commitment, links: list[LinkView], ref: str | None) -> StatusEvent:
    confirmed = [lv for lv in links if lv.link.status == "confirmed"]
    if confirmed:
        last = max(confirmed, key=lambda lv: lv.link.period_end or "")
        return StatusEvent(
            "official",
            "reported",
            last.report_date or last.link.period_end,
            last.sentence,
            reason=f"{last.report_title}",
            link_id=last.link.id,
            commitment_id=c.id,
        )
    return StatusEvent("official", "announced", ref, c.source, commitment_id=c.id)


def _state(
    c: Commitment, links: list[LinkView], as_of: str, title: str, ref: str | None
) -> CommitmentState:
    return CommitmentState(
        commitment=c,
        report_title=title,
        as_of=as_of,
        schedule=schedule_event(c, as_of),
        evidence=current_evidence(c, [lv.link for lv in links]),
        official=_official(c, links, ref),
        links=tuple(links),
    )


@dataclass(frozen=True, slots=True)
class CommitmentFilter:
    report_id: str | None = None
    status: str | None = None  # any schedule or evidence status
    domain: str | None = None
    measurable: bool | None = None

    def __post_init__(self) -> None:
        known = (*SCHEDULE_STATUSES, *EVIDENCE_STATUSES)
        if self.status and self.status not in known:
            raise QueryError(
                f"未知的狀態 {self.status} (unknown status; use one of {', '.join(known)})"
            )


def _validate_date(as_of: str | None) -> str:
    if not as_of:
        return _today()
    try:
        return date.fromisoformat(as_of.strip()).isoformat()
    except ValueError:
        raise QueryError(f"日期格式錯誤 {as_of} (use YYYY-MM-DD)") from None


def list_commitments(
    conn: sqlite3.Connection, f: CommitmentFilter | None = None, *, as_of: str | None = None
) -> list[CommitmentState]:
    """Commitments with their statuses as of ``as_of`` (default today), filtered."""
    f = f or CommitmentFilter()
    day = _validate_date(as_of)
    sql = (
        "SELECT c.*, coalesce(r.title, r.file_name, substr(r.id, 1, 12)) AS rtitle"
        " FROM commitments c JOIN reports r ON r.id = c.report_id"
    )
    where, params = [], []
    if f.report_id:
        where.append("c.report_id = ?")
        params.append(f.report_id)
    if f.domain:
        where.append("c.domain = ?")
        params.append(f.domain)
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = conn.execute(sql + " ORDER BY r.report_date, c.report_id, c.ord", params).fetchall()
    links = _links_by_commitment(conn)
    out = []
    for r in rows:
        c = _commitment(r)
        st = _state(c, links.get(c.id or 0, []), day, r["rtitle"], r["reference_date"])
        if f.status and f.status not in (st.schedule.status, st.evidence.status):
            continue
        if f.measurable is not None and c.measurable != f.measurable:
            continue
        out.append(st)
    return out


@dataclass(frozen=True, slots=True)
class CommitmentDetail:
    state: CommitmentState
    history: tuple[StatusEvent, ...]

    def to_dict(self) -> dict[str, Any]:
        d = self.state.to_dict()
        d["history"] = [e.to_dict() for e in self.history]
        return d


def get_commitment(
    conn: sqlite3.Connection, cid: int, *, as_of: str | None = None
) -> CommitmentDetail:
    day = _validate_date(as_of)
    r = conn.execute(
        "SELECT c.*, coalesce(r.title, r.file_name, substr(r.id, 1, 12)) AS rtitle"
        " FROM commitments c JOIN reports r ON r.id = c.report_id WHERE c.id = ?",
        (cid,),
    ).fetchone()
    if r is None:
        raise NotFound(f"找不到承諾 {cid} (no such commitment)")
    c = _commitment(r)
    links = _links_by_commitment(conn, [cid]).get(cid, [])
    history = tuple(
        StatusEvent(
            e["kind"],
            e["status"],
            e["effective"],
            e["evidence"],
            e["reason"],
            e["link_id"],
            e["recorded_at"],
            e["commitment_id"],
            e["id"],
        )
        for e in conn.execute(
            "SELECT * FROM commitment_events WHERE commitment_id = ? ORDER BY id", (cid,)
        )
    )
    return CommitmentDetail(_state(c, links, day, r["rtitle"], r["reference_date"]), history)


def list_links(
    conn: sqlite3.Connection, *, status: str | None = None, report_id: str | None = None
) -> list[LinkView]:
    if status is not None and status not in LINK_STATUSES:
        raise QueryError(f"未知的連結狀態 {status} (use {', '.join(LINK_STATUSES)})")
    where, params = [], []
    if status:
        where.append("l.status = ?")
        params.append(status)
    if report_id:
        where.append("l.report_id = ?")
        params.append(report_id)
    sql = _LINK_SQL + (" WHERE " + " AND ".join(where) if where else "")
    return [
        _link_view(r) for r in conn.execute(sql + " ORDER BY l.commitment_id, l.score DESC", params)
    ]


def decide_link(
    conn: sqlite3.Connection, link_id: int, decision: str, reason: str = ""
) -> LinkView:
    """Confirm or reject a proposed link; log the decision and any status it changes.

    Changing one's mind is allowed (a confirmed link can be rejected later); each
    decision is a new history row, so the earlier one stays visible.
    """
    if decision not in ("confirmed", "rejected"):
        raise QueryError(f"未知的決定 {decision} (use confirmed or rejected)")
    row = conn.execute(
        "SELECT commitment_id, status FROM commitment_links WHERE id = ?", (link_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"找不到連結 {link_id} (no such link)")
    cid = int(row["commitment_id"])
    before = get_commitment(conn, cid).state
    note = reason.strip() or None
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE commitment_links SET status = ?, decided_at = ?, reason = ? WHERE id = ?",
            (decision, _now(), note, link_id),
        )
        view = next(lv for lv in _links_by_commitment(conn, [cid])[cid] if lv.link.id == link_id)
        _log(
            conn,
            cid,
            "link",
            decision,
            view.link.period_end,
            view.link.actual_text,
            note,
            link_id,
        )
        after = get_commitment(conn, cid).state
        if after.evidence.status != before.evidence.status or (
            after.evidence.link_id != before.evidence.link_id
        ):
            _log(
                conn,
                cid,
                "evidence",
                after.evidence.status,
                after.evidence.date,
                after.evidence.evidence,
                note,
                after.evidence.link_id,
            )
        if after.official.status != before.official.status:
            _log(
                conn,
                cid,
                "official",
                after.official.status,
                after.official.date,
                after.official.evidence,
                note,
                after.official.link_id,
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return view


def status_counts(conn: sqlite3.Connection, report_id: str) -> dict[str, int]:
    """How many of a report's commitments stand in each schedule and evidence status
    today (the report page's summary)."""
    counts: dict[str, int] = {}
    for st in list_commitments(conn, CommitmentFilter(report_id=report_id)):
        for key in (st.schedule.status, st.evidence.status):
            counts[key] = counts.get(key, 0) + 1
    return counts
