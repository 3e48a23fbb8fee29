"""The ``time`` stage: date an article, then anchor its time expressions on that date."""

from __future__ import annotations

from newsgraph.model import Article, Published, TimeExpr
from newsgraph.timex import TimexParse, recognize, resolve
from newsgraph.timex.published import CorpusEvidence, infer_published, needs_year


def add_times(article: Article, corpus: CorpusEvidence | None = None) -> Article:
    """The two clocks: the publication date first, then every time expression anchored on it.

    Expressions are recognized once and resolved twice: without a publication date (what the
    text says on its own, which is the evidence for dating the article), then against the date
    found. A date the text cannot fix stays open, and relative expressions stay underspecified.
    """
    parses = recognize(article.body)
    unanchored = _resolve(article, parses, None)
    published = infer_published(article, unanchored, corpus=corpus)
    return anchor_times(article, published, parses, unanchored)


def anchor_times(
    article: Article,
    published: Published,
    parses: list[TimexParse] | None = None,
    unanchored: list[TimeExpr] | None = None,
) -> Article:
    """Set the publication date and (re-)normalize the time expressions against it."""
    parses = recognize(article.body) if parses is None else parses
    article.published = published
    if published.value and not needs_year(published):
        article.timexes = _resolve(article, parses, published.value)
    else:
        article.timexes = _resolve(article, parses, None) if unanchored is None else unanchored
    return article


def _resolve(article: Article, parses: list[TimexParse], published: str | None
             ) -> list[TimeExpr]:
    """Resolve with the article's spaCy sentences, which the narrative rules read."""
    starts = [s.start for s in article.sentences] or None
    return resolve(parses, published, text=article.body, sentences=starts)
