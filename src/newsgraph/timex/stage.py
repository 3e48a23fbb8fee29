"""The ``time`` stage: date an article, then anchor its time expressions on that date."""

from __future__ import annotations

from datetime import timedelta

from newsgraph.model import Article, Published, TimeExpr
from newsgraph.timex import TimexParse, recognize, resolve
from newsgraph.timex.published import CorpusEvidence, infer_published, needs_year, parse_date


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
        article.timexes = _widened(_resolve(article, parses, published.value), published)
    else:
        article.timexes = _resolve(article, parses, None) if unanchored is None else unanchored
    return article


def _resolve(article: Article, parses: list[TimexParse], published_day: str | None
             ) -> list[TimeExpr]:
    """Resolve with the article's spaCy sentences, which the narrative rules read."""
    starts = [s.start for s in article.sentences] or None
    return resolve(parses, published_day, text=article.body, sentences=starts)


def _widened(timexes: list[TimeExpr], published: Published) -> list[TimeExpr]:
    """Expressions resolved against the publication day ("on Wednesday", "last week") span
    every day the publication may fall on: an inferred date's interval, not its likeliest
    day. A side the evidence leaves open stays as the likeliest day gives it."""
    day = parse_date(published.value)
    low, high = parse_date(published.earliest), parse_date(published.latest)
    if day is None or (low in (None, day) and high in (None, day)):
        return timexes
    before = (low - day) if low else timedelta(0)
    after = (high - day) if high else timedelta(0)
    for expr in timexes:
        start, end = parse_date(expr.earliest), parse_date(expr.latest)
        if expr.anchor != "published" or start is None or end is None:
            continue
        expr.earliest, expr.latest = (start + before).isoformat(), (end + after).isoformat()
    return timexes
