"""The link step: stories and happenings for newly stored articles, incrementally.

Runs after an ingest stores its articles (and dates them from the corpus). Articles are taken
in date order, each assigned to a story as if it had just arrived; then their events are merged
into happenings. What the step needs of earlier runs — document frequencies, the stories still
open to new articles, their happenings and the history any story may recount — is read back
from the store, and only what changed is written. Memory is bounded by the stories active in
the time window, not by the corpus.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph import settings
from newsgraph.link.happenings import HappeningIndex, HappeningState, disputes, label, span
from newsgraph.link.members import members
from newsgraph.link.stories import (
    Frequencies,
    StoryIndex,
    StoryState,
    article_day,
    joinable_since,
)
from newsgraph.store import Store
from newsgraph.timex.published import parse_date

BATCH = 1000


@dataclass
class LinkSummary:
    articles: int = 0
    stories_new: int = 0  # stories these articles started
    stories_joined: int = 0  # earlier stories they joined
    happenings_new: int = 0
    events_merged: int = 0
    seconds: float = 0.0
    story_of: dict[str, str] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, object]:
        return {"articles": self.articles, "stories_new": self.stories_new,
                "stories_joined": self.stories_joined, "happenings_new": self.happenings_new,
                "events_merged": self.events_merged, "seconds": round(self.seconds, 3)}


def link(store: Store, article_ids: Sequence[str] | None = None) -> LinkSummary:
    """Assign stories and happenings to stored articles not yet linked (or to ``article_ids``
    among them); idempotent: a linked article is never linked twice."""
    started = time.perf_counter()
    summary = LinkSummary()
    pending = _unlinked(store, article_ids)
    if not pending:
        return summary
    days = [d for _, d, _ in pending if parse_date(d)]  # on the calendar, not "XXXX-12-25"
    since = joinable_since(min(days)) if days else None
    frequencies = Frequencies(*store.term_frequencies())
    stories = StoryIndex(map(_story_state, store.open_stories(since)), frequencies,
                         cold=lambda terms, loaded: _cold_stories(store, terms, loaded))
    happenings = HappeningIndex(_open_happenings(store, set(stories.stories)))
    # One transaction for the whole step: killed half-way, it leaves no article assigned to
    # a story that was never written, and the next ingest links those articles again.
    with store.transaction():
        for batch in _batches(pending):
            _assign_stories(store, batch, stories, happenings, summary)
            for member in members(store, [a for a, _, _ in batch]):
                member.story = summary.story_of.get(member.article_id)
                happening = happenings.merge(member)
                summary.happenings_new += len(happening.members) == 1
                summary.events_merged += len(happening.members) > 1
            summary.articles += len(batch)
        _write_stories(store, list(stories.stories.values()), stories.frequencies)
        _write_happenings(store, list(happenings.happenings.values()))
        store.recount(sorted(set(summary.story_of.values())))
    linked = {a for a, _, _ in pending}
    summary.stories_new = len({s for s in summary.story_of.values() if s in linked})
    summary.stories_joined = len(set(summary.story_of.values())) - summary.stories_new
    summary.seconds = time.perf_counter() - started
    return summary


def _assign_stories(store: Store, batch: list[tuple[str, str | None, str | None]],
                    stories: StoryIndex, happenings: HappeningIndex,
                    summary: LinkSummary) -> None:
    """Each article of the batch to a story, in date order; then the reassignment passes;
    then reprints to their originals' stories. Stories leaving the window are written out
    (with their happenings) as the dates advance."""
    terms = store.article_terms([a for a, _, r in batch if r is None])
    bounds = store.published_bounds([a for a, day, _ in batch if day is None])
    scores: dict[str, float] = {}
    for article_id, day, original in batch:
        if day is not None:
            gone = stories.evict_before(day)
            if gone:  # written now: an undated article may still find them in the store
                _write_stories(store, gone, stories.frequencies)
                _write_happenings(store, happenings.evict_story({s.id for s in gone}))
        if original is None:
            story_id, scores[article_id] = stories.assign(
                article_id, terms.get(article_id, []), day, bounds.get(article_id))
            summary.story_of[article_id] = story_id
    fresh = [a for a, _, r in batch if r is None]
    for _ in range(settings.STORY_REFINE_PASSES):
        moves = stories.refine(fresh)
        for article_id, (story_id, score) in moves.items():
            summary.story_of[article_id], scores[article_id] = story_id, score
        if not moves:
            break
    stories.forget(fresh)
    for article_id, day, original in batch:  # a reprint joins its original's story
        if original is not None:
            story_id = summary.story_of.get(original) or store.story_of(original)
            if story_id is None:  # its original is not linked: it stands for it
                story_id, _ = stories.assign(article_id, terms.get(article_id, []), day)
                stories.forget([article_id])
            summary.story_of[article_id], scores[article_id] = story_id, 1.0
    store.assign_stories([(a, summary.story_of[a], round(scores[a], 4)) for a, _, _ in batch])


# -- reading ---------------------------------------------------------------------------------


def _unlinked(store: Store,
              article_ids: Sequence[str] | None) -> list[tuple[str, str | None, str | None]]:
    """(id, day, original) of articles to link, in date order (undated last)."""
    wanted = set(article_ids) if article_ids is not None else None
    return [(i, article_day(p), r) for i, p, r in store.unlinked_articles()
            if wanted is None or i in wanted]


def _batches(items: list[tuple[str, str | None, str | None]]
             ) -> Iterator[list[tuple[str, str | None, str | None]]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _story_state(row: dict[str, Any]) -> StoryState:
    """A stored story as the index holds it."""
    return StoryState(row["id"], row["centroid"], row["first_date"], row["last_date"],
                      row["articles"])


def _cold_stories(store: Store, terms: list[str], loaded: set[str]) -> Iterator[StoryState]:
    """Stored stories sharing the most of these terms, not already in memory."""
    return map(_story_state, store.stories_sharing(terms, settings.STORY_COLD_CANDIDATES,
                                                   loaded))


def _open_happenings(store: Store, story_ids: set[str]) -> Iterator[HappeningState]:
    """The happenings of the open stories, and every historical one."""
    wanted: dict[str, HappeningState] = {}
    keys: dict[tuple[str, int], str] = {}
    for happening_id, kind, mode, story, status, article_id, event in store.happening_events():
        if story in story_ids or status == "historical":
            wanted.setdefault(happening_id, HappeningState(happening_id, kind, mode, story))
            keys[(article_id, event)] = happening_id
    for member in members(store, sorted({a for a, _ in keys})):
        happening_id = keys.get(member.key)
        if happening_id is not None:
            member.story = wanted[happening_id].story
            wanted[happening_id].add(member)
    return iter(wanted.values())


# -- writing ---------------------------------------------------------------------------------


def _write_stories(store: Store, stories: list[StoryState], frequencies: Frequencies) -> None:
    """Changed stories (centroid, dates, label) and the new frequencies; the article counts
    are recounted at the end of the step."""
    changed = [s for s in stories if s.changed]
    with store.transaction():
        names = store.actor_names({t[1:] for s in changed for t in s.centroid if t[0] == "@"})
        store.save_stories(
            [{"id": story.id, "label": story_label(story, names), "first_date": story.first,
              "last_date": story.last,
              "centroid": {t: round(w, 6) for t, w in story.centroid.items()}}
             for story in changed],
            {t: frequencies.df[t] for t in frequencies.changed})
    frequencies.changed.clear()
    for story in changed:
        story.changed = False


def story_label(story: StoryState, names: dict[str, str]) -> str:
    """ "Sergei Shoigu, Kim Jong Un, Pyongyang · 2023-07-26..2023-07-27": its heaviest actors
    and the dates it spans."""
    actors = sorted((t for t in story.centroid if t.startswith("@")),
                    key=lambda t: -story.centroid[t])[:3]
    words = [names.get(t[1:], t[1:]) for t in actors] or sorted(
        story.centroid, key=lambda t: -story.centroid[t])[:3]
    when = "" if story.first is None else (
        story.first if story.first == story.last else f"{story.first}..{story.last}")
    return ", ".join(words) + (f" · {when}" if when else "")


def _write_happenings(store: Store, happenings: list[HappeningState]) -> None:
    """Changed happenings: their record as the reports now give it, and their events."""
    changed = [h for h in happenings if h.changed]
    if not changed:
        return
    store.save_happenings([_happening_row(h) for h in changed])
    for happening in changed:
        happening.changed = False


def _happening_row(happening: HappeningState) -> dict[str, Any]:
    """What the store keeps of a happening."""
    start, end = span(happening.members)
    return {"id": happening.id, "story_id": happening.story, "type": happening.type,
            "mode": happening.mode, "label": label(happening), "earliest": start,
            "latest": end, "time_status": happening.time_status,
            "first_reported": happening.first_reported, "sources": len(happening.sources),
            "disputed": int(bool(disputes(happening))),
            "events": [m.key for m in happening.members]}
