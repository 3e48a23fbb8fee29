"""The ``events`` stage: PLOVER-coded events with their parties, time, place and evidence."""

from __future__ import annotations

from newsgraph.events.coder import Coder
from newsgraph.model import Article
from newsgraph.places.locate import place_events


def code_events(article: Article) -> Article:
    """Code the article's events (needs tokens, mentions resolved to actors, times, speech)
    and put each on the map."""
    article.events = Coder(article).events()
    return place_events(article)
