"""The ingest stages: ``clean`` (raw capture to body text and metadata), ``language`` and
``fingerprint``. Every stage's function lives in its package's ``stage`` module and only moves
data between the article and the modules that do the work.

HTML goes through :func:`newsgraph.ingest.html.clean_html` (trafilatura and named fallbacks),
plain text through the ordered heuristics of :func:`newsgraph.ingest.text.clean_text`. Metadata
the reader already had (a JSON record's title, a WARC's URL) wins over what cleaning finds.
"""

from __future__ import annotations

from newsgraph import settings
from newsgraph.ingest.html import clean_html
from newsgraph.ingest.language import not_english
from newsgraph.ingest.outlets import outlets_for, resolve_outlet
from newsgraph.ingest.reprints import fingerprint
from newsgraph.ingest.text import clean_text
from newsgraph.model import Article, SkipArticle


def clean(article: Article) -> Article:
    """Fill ``body``, ``dropped`` and the metadata cleaning finds; refuse empty or huge bodies."""
    if article.markup == "html":
        cleaned = clean_html(article.raw, article.url)
    else:
        cleaned = clean_text(article.raw)
    if not cleaned.body.strip():
        raise SkipArticle("no article text found after cleaning")
    if len(cleaned.body) > settings.MAX_BODY_CHARS:
        raise SkipArticle(
            f"body too long ({len(cleaned.body):,} characters; limit {settings.MAX_BODY_CHARS:,})"
        )
    article.body = cleaned.body
    article.dropped = cleaned.dropped
    article.title = article.title or cleaned.title
    article.subtitle = article.subtitle or cleaned.subtitle
    article.byline = article.byline or cleaned.byline
    article.captions = article.captions or cleaned.captions
    article.outlet = article.outlet or cleaned.outlet
    article.published_given = article.published_given or cleaned.published_given
    # The id stays what the reader gave (URL or raw hash): it must not move when cleaning does.
    article.url = article.url or cleaned.url
    resolve_outlet(article, outlets_for(settings.resources().outlet_files))
    return article


def detect_language(article: Article) -> Article:
    """Record the body's language; skip the article when it is not English."""
    if reason := not_english(article.body):
        raise SkipArticle(reason)
    article.language = settings.LANGUAGE
    return article


def add_fingerprint(article: Article) -> Article:
    """The body's MinHash signature, for reprint lookups."""
    article.fingerprint = fingerprint(article.body)
    return article
