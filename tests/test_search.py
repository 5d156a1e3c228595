"""The search core: folding, tokens, query parsing, filters, figures, highlighting."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TINY_REPORT_ID, build_tiny_ledger
from policyledger.errors import NotFound, QueryError
from policyledger.search import index_report, parse, search
from policyledger.search.synonyms import alternatives
from policyledger.search.text import (
    Needle,
    TokenKey,
    fold,
    fts_phrase,
    index_string,
    index_tokens,
)
from policyledger.store import connect, transaction


@pytest.fixture()
def tiny() -> Iterator[sqlite3.Connection]:
    conn = connect(":memory:")
    with transaction(conn):
        build_tiny_ledger(conn)
        index_report(conn, TINY_REPORT_ID)
    yield conn
    conn.close()


# --- folding and tokens -------------------------------------------------------------------


def test_fold_is_script_width_and_case_insensitive() -> None:
    assert fold("離岸風電") == fold("离岸风电") == "离岸风电"
    assert fold("ＳＩＥＭＥＮＳ　１２３") == "siemens 123"
    assert fold("臺灣") == fold("台灣")


@given(st.text(max_size=200))
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_tokens_are_bigrams_closed_by_a_unigram_and_words() -> None:
    assert index_tokens(fold("風電，Siemens 6,438 人")) == [
        "风电",
        "电",
        "siemens",
        "6438",
        "人",
    ]
    # A PDF line break inside a word does not split it.
    assert "智慧" in index_tokens(fold("智\n\n慧機械"))
    assert index_tokens(fold("54.4 億元")) == ["54.4", "亿元", "元"]


def test_query_phrases_are_built_from_our_tokens_only() -> None:
    assert fts_phrase(fold("離岸風電")) == '"离岸 岸风 风电"'
    assert fts_phrase(fold("煤")) == '"煤" *'
    # Quotes, parentheses, stars and operators never reach the MATCH string as syntax.
    assert fts_phrase(fold('"OR" NEAR(a b)* ^x')) == '"or near a b x"'
    assert fts_phrase(fold("「」（）*")) is None


# --- parsing ------------------------------------------------------------------------------


def test_parse_filters_comparisons_and_phrases() -> None:
    q = parse('unit:萬瓩 >= 100萬 modality:目標 year:107 chapter:拾 「綠能屋頂」 離岸 "風電 目標"')
    assert q.filters.unit == "kW"
    assert q.filters.modality == "target"
    assert q.filters.year == 2018
    assert q.filters.chapter == "拾"
    assert q.figure is not None and q.figure.op == ">=" and q.figure.value == 1_000_000
    assert q.phrases == ("綠能屋頂", "風電 目標")
    assert q.words == ("離岸",)


def test_parse_keeps_unknown_fields_and_stray_quotes_as_text() -> None:
    q = parse('http://x AR:VR "unclosed')
    assert q.words == ("http://x", "AR:VR", '"unclosed')
    assert q.filters.is_empty()


@pytest.mark.parametrize("text", ["unit:parsec", "modality:maybe", "year:soon", ">= 1.2.3"])
def test_bad_filter_values_are_query_errors(text: str) -> None:
    with pytest.raises(QueryError):
        parse(text)


def test_query_words_are_looked_for_as_index_tokens() -> None:
    # Re-ranking looks for a query word in the passage's FTS token string.
    padded = " " + index_string("離岸風電，目標 1、2 號機 2,089 MW 煤炭") + " "
    assert TokenKey.of(fold("離岸風電")).text in padded  # type: ignore[union-attr]
    assert TokenKey.of(fold("煤")).text in padded  # type: ignore[union-attr]
    assert TokenKey.of("2089").text in padded  # type: ignore[union-attr]
    assert TokenKey.of("20").text not in padded  # type: ignore[union-attr]  # whole tokens
    assert TokenKey.of("12").text not in padded  # type: ignore[union-attr]
    key = TokenKey.of(fold("風電"))
    assert key is not None and list(key.spans(padded)) == [(2, 3)]
    assert TokenKey.of("，") is None


def test_numbers_are_found_whole() -> None:
    twenty = Needle.of("20")
    assert twenty.found_in("占比达20%之目标")
    assert not twenty.found_in("水力发电2089mw")
    assert not twenty.found_in("1.20亿")
    assert list(twenty.positions("20|120|20")) == [0, 7]
    assert Needle.of("第7号").found_in("第7号机")


def test_other_written_forms_of_a_query_word() -> None:
    assert "5.5 gw" in alternatives("5.5gw")  # the reports write 5.5 GW
    assert "107年" in alternatives("2018年")  # ROC years
    assert "2018年6月" in alternatives("107年6月")
    assert "智慧" in alternatives(fold("智能"))  # the mainland's word, through OpenCC s2twp
    assert "资料" in alternatives(fold("数据"))
    assert alternatives(fold("投資")) == ()


# --- searching ----------------------------------------------------------------------------


def test_question_words_are_dropped_and_unknown_words_kept_whole(
    tiny: sqlite3.Connection,
) -> None:
    terms = search(tiny, "台電什麼時候完成？石油存量有幾天？多少錢").terms
    assert "台电" in terms  # jieba cuts 台 / 电; glued back rather than dropped
    assert not {"什么", "时候", "几天", "多少", "钱"} & set(terms)
    assert search(tiny, "再生能源发电占比").terms[-1] == "占比"


def test_simplified_and_fullwidth_input_find_traditional_text(tiny: sqlite3.Connection) -> None:
    for query in ("投資", "投资", "５４．４ 億元"):
        hits = search(tiny, query).hits
        assert hits, query
        assert "54.4 億元" in hits[0].text or "投資" in hits[0].text


def test_highlights_point_at_the_original_text(tiny: sqlite3.Connection) -> None:
    hit = search(tiny, "投资").hits[0]
    terms = [hit.text[s.start : s.end] for s in hit.highlights if s.kind == "term"]
    assert terms and all(t == "投資" for t in terms)
    marked = [f.text for f in hit.snippet if f.mark == "term"]
    assert marked and all(t == "投資" for t in marked)
    # Figures in the paragraph are marked too, at their own offsets.
    figs = [hit.text[s.start : s.end] for s in hit.highlights if s.kind == "figure"]
    assert set(figs) <= {f.text for f in hit.figures}


def test_hits_link_to_their_paragraph(tiny: sqlite3.Connection) -> None:
    hit = search(tiny, "太陽光電").hits[0]
    assert hit.section_path == "拾/一"
    assert hit.url == (f"/reports/{TINY_REPORT_ID}/sections/%E6%8B%BE/%E4%B8%80#p-{hit.ord}")
    ord_ = tiny.execute("SELECT ord FROM paragraphs WHERE id = ?", (hit.paragraph_id,))
    assert ord_.fetchone()[0] == hit.ord


def test_figure_query_filters_by_unit_value_and_modality(tiny: sqlite3.Connection) -> None:
    hits = search(tiny, "unit:kW >= 1000000 modality:target").hits
    assert len(hits) == 1
    matched = [f for f in hits[0].figures if f.matched]
    assert [f.text for f in matched] == ["2,000 萬瓩"]
    assert [f.text for f in hits[0].snippet if f.mark == "figure"] == ["2,000 萬瓩"]
    # The actual 52.3 萬瓩 passes the unit filter but not the target one.
    actual = search(tiny, "unit:kW modality:actual").hits
    assert [f.text for h in actual for f in h.figures if f.matched] == ["52.3 萬瓩"]
    # Keyword arguments and query text combine.
    assert search(tiny, "投資", unit="TWD", modality="target").hits
    assert not search(tiny, "太陽光電", unit="TWD").hits


def test_chapter_and_year_filters(tiny: sqlite3.Connection) -> None:
    assert {h.section_path for h in search(tiny, "投資 chapter:拾").hits} == {"拾/一"}
    assert {h.chapter_title for h in search(tiny, "投資", chapter="工業").hits} == {"工業"}
    assert search(tiny, "投資 year:107").hits  # the tiny report is of 107年3月
    assert search(tiny, "投資", year=2018).hits
    assert not search(tiny, "投資", year=2019).hits
    assert search(tiny, "投資", report=TINY_REPORT_ID[:8]).hits
    assert not search(tiny, "投資", report="ffffffff").hits


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("\"'「」()（）*^:-+ ANDORNTEA投資風電年%_\\"))
        | st.characters(codec="utf-8"),
        max_size=40,
    )
)
def test_any_typed_text_is_data_not_syntax(text: str) -> None:
    conn = _shared_tiny()
    try:
        results = search(conn, text)
    except QueryError:
        return  # a malformed filter value is reported, never an FTS5 syntax error
    assert len(results.hits) <= 20


_TINY: list[sqlite3.Connection] = []


def _shared_tiny() -> sqlite3.Connection:
    # Hypothesis runs the body many times; one read-only ledger serves them all.
    if not _TINY:
        conn = connect(":memory:")
        with transaction(conn):
            build_tiny_ledger(conn)
            index_report(conn, TINY_REPORT_ID)
        _TINY.append(conn)
    return _TINY[0]


def test_fts_operators_typed_by_a_user_are_searched_as_words(tiny: sqlite3.Connection) -> None:
    for query in ('"投資', "投資 OR", "NEAR(投資", "投資*", "-投資", "^投資", "投資 AND NOT"):
        hits = search(tiny, query).hits
        assert hits and "投資" in hits[0].text, query


def test_empty_query_returns_nothing(tiny: sqlite3.Connection) -> None:
    assert search(tiny, "").hits == ()
    assert search(tiny, "   ").hits == ()
    with pytest.raises(QueryError):
        search(tiny, "投資", limit=0)


# --- the index ----------------------------------------------------------------------------


def test_reindex_replaces_and_delete_cascades(tiny: sqlite3.Connection) -> None:
    def counts() -> tuple[int, int]:
        a = tiny.execute("SELECT count(*) FROM search_passages").fetchone()[0]
        b = tiny.execute("SELECT count(*) FROM search_fts").fetchone()[0]
        return a, b

    before = counts()
    assert before[0] == before[1] > 0
    with transaction(tiny):
        index_report(tiny, TINY_REPORT_ID)
    assert counts() == before
    with transaction(tiny):
        tiny.execute("DELETE FROM reports WHERE id = ?", (TINY_REPORT_ID,))
    assert counts() == (0, 0)


def test_unknown_report_is_not_found(tiny: sqlite3.Connection) -> None:
    with pytest.raises(NotFound):
        index_report(tiny, "0" * 64)


def test_domain_terms_are_learned_at_ingest(report_2018: Path) -> None:
    from test_search_corpus import simple_load

    conn = connect(":memory:")
    rid = simple_load(conn, report_2018)
    rows = conn.execute("SELECT term FROM search_terms WHERE report_id = ?", (rid,))
    terms = {r[0] for r in rows}
    assert {"綠能科技產業推動中心", "新南向", "五加二"} <= terms  # quoted 「…」 in the report
    assert len(terms) <= 400
    # Once taught, the segmenter keeps the name whole instead of cutting 新 / 南向.
    assert "新南向" in search(conn, "新南向產業合作").terms


def test_two_character_words_are_found(report_2018: Path) -> None:
    from test_search_corpus import simple_load

    conn = connect(":memory:")
    simple_load(conn, report_2018)
    for word in ("風電", "電價", "綠能", "煤"):
        # Quoted: exactly this word (unquoted 風電 also finds its synonym 風力發電).
        hits = search(conn, f"「{word}」", limit=5).hits
        assert len(hits) >= 2, word
        assert all(word in h.text for h in hits), word
    assert any("風力發電" in h.text for h in search(conn, "風電", limit=5).hits)


def test_indexing_the_2018_report_is_fast(report_2018: Path) -> None:
    from test_search_corpus import simple_load

    conn = connect(":memory:")
    rid = simple_load(conn, report_2018)
    best = min(_time_index(conn, rid) for _ in range(3))
    # The whole ingest has 0.5 s; search must take a small share of it.
    assert best < 0.25, f"index_report took {best:.3f}s"


def _time_index(conn: sqlite3.Connection, rid: str) -> float:
    # CPU time of a fresh index: the suite may share two cores with other work, and wall
    # time would measure the neighbours.
    with transaction(conn):
        conn.execute("DELETE FROM search_passages WHERE report_id = ?", (rid,))
    t = time.process_time()
    with transaction(conn):
        index_report(conn, rid)
    return time.process_time() - t


def test_limit_above_the_candidate_pool_is_honoured(report_2018: Path) -> None:
    from policyledger.search.engine import CANDIDATES
    from test_search_corpus import simple_load

    conn = connect(":memory:")
    simple_load(conn, report_2018)
    assert len(search(conn, "推動", limit=CANDIDATES + 40).hits) == CANDIDATES + 40
