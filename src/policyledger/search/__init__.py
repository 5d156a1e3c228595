"""Full-text search over every ingested report (issue 5).

Index side: :func:`index_report` is called by the pipeline inside the ingest transaction.
Query side: :func:`search` returns :class:`SearchResults`. Text is folded (Traditional →
Simplified, full → half width, lower case) on both sides; the index holds character
bigrams, queries are cut into words by jieba; BM25 through SQLite FTS5.
"""

from policyledger.search.engine import search
from policyledger.search.index import index_report
from policyledger.search.query import FigureCondition, Filters, ParsedQuery, parse
from policyledger.search.results import Figure, Fragment, Hit, SearchResults, Span, passage_url

__all__ = [
    "Figure",
    "FigureCondition",
    "Filters",
    "Fragment",
    "Hit",
    "ParsedQuery",
    "SearchResults",
    "Span",
    "index_report",
    "parse",
    "passage_url",
    "search",
]
