"""The ``actors`` stage: link every name, description and demonym to an actor."""

from __future__ import annotations

from bisect import bisect_right

from newsgraph.actors.kb import default_kb
from newsgraph.actors.resolve import resolve_mentions
from newsgraph.model import ACTOR_LABELS, Actor, Article, Mention
from newsgraph.timex.published import dated_value


def resolve_actors(article: Article) -> Article:
    """Resolve the article's mentions at its publication date and keep the actors they name.

    Name mentions are replaced by the resolver's (NER labels corrected by the knowledge base,
    names the NER missed added, mentions nested in a longer one left out); other mentions stay.
    """
    kb = default_kb()
    resolution = resolve_mentions(article.body, article.mentions,
                                  dated_value(article.published), kb,
                                  tokens=article.tokens)
    starts = [s.start for s in article.sentences]
    linked = [
        Mention(
            r.start, r.end, r.text, r.label or "ORG",
            max(bisect_right(starts, r.start) - 1, 0) if starts else 0,
            r.actor_id, r.method, r.confidence, r.code,
        )
        for r in resolution
        if not r.nested
    ]
    # The resolver reads the actor labels; the others (DATE, CARDINAL, …) pass through untouched.
    kept = [m for m in article.mentions if m.label not in ACTOR_LABELS]
    article.mentions = sorted([*kept, *linked], key=lambda m: (m.start, m.end))
    actors: dict[str, Actor] = {a.id: a for a in resolution.new_actors}
    for mention in linked:
        if mention.actor_id and mention.actor_id not in actors:
            actor = kb.actor(mention.actor_id)
            if actor is not None:
                actors[mention.actor_id] = actor
    article.actors = list(actors.values())
    return article
