"""The ``terms`` stage, the one per-article step of linking: what each article is about, as
the weighted terms the cross-article linker reads (:mod:`newsgraph.link.terms`)."""

from __future__ import annotations

from newsgraph.link.terms import content_terms
from newsgraph.model import Article


def add_terms(article: Article) -> Article:
    """Store the article's content terms on it."""
    article.terms = content_terms(article)
    return article
