"""newsgraph: news articles in, a sourced, time-anchored knowledge base out.

The Python API is the same core the CLI uses::

    import newsgraph

    with newsgraph.open_store("news.db") as store:
        summary = newsgraph.ingest(["captures/"], store, workers=2)
        for row in store.articles(outlet="Baltic Examiner"):
            article = store.load_article(row["id"])

    article = newsgraph.process_text("Officials said on Monday ...", url="https://...")
"""

from __future__ import annotations

from pathlib import Path

from newsgraph import settings
from newsgraph.model import Article, Dropped, Mention, Sentence, Skip, SkipArticle, Token
from newsgraph.pipeline import IngestSummary, ingest, process_text, reprocess
from newsgraph.store import NotFound, Store, StoreError


def open_store(path: str | Path = settings.DEFAULT_DB, *, readonly: bool = False) -> Store:
    """Open (creating or migrating if needed) the store at ``path``."""
    return Store(path, readonly=readonly)


__all__ = [
    "Article", "Dropped", "IngestSummary", "Mention", "NotFound", "Sentence", "Skip", "SkipArticle",
    "Store", "StoreError", "Token", "ingest", "open_store", "process_text", "reprocess",
]
