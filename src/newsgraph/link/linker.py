"""The link step: stories and happenings for newly stored articles, incrementally.

Runs after an ingest stores its articles (and dates them from the corpus). Articles are taken
in date order, each assigned to a story as if it had just arrived; then their events are merged
into happenings. What the step needs of earlier runs — document frequencies, the stories still
open to new articles, their happenings and the history any story may recount — is read back
from the store, and only what changed is written. Memory is bounded by the stories active in
the time window, not by the corpus.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

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
from newsgraph.store.links import recount
from newsgraph.store.store import now_iso
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
    db = store.connection
    pending = _unlinked(db, article_ids)
    if not pending:
        return summary
    days = [d for _, d, _ in pending if parse_date(d)]  # on the calendar, not "XXXX-12-25"
    since = joinable_since(min(days)) if days else None
    stories = StoryIndex(_open_stories(db, since), _frequencies(db),
                         cold=lambda terms, loaded: _cold_stories(db, terms, loaded))
    happenings = HappeningIndex(_open_happenings(db, set(stories.stories)))
    # One transaction for the whole step: killed half-way, it leaves no article assigned to
    # a story that was never written, and the next ingest links those articles again.
    with store.transaction() as write:
        for batch in _batches(pending):
            _assign_stories(store, batch, stories, happenings, summary)
            for member in members(db, [a for a, _, _ in batch]):
                member.story = summary.story_of.get(member.article_id)
                happening = happenings.merge(member)
                summary.happenings_new += len(happening.members) == 1
                summary.events_merged += len(happening.members) > 1
            summary.articles += len(batch)
        _write_stories(store, list(stories.stories.values()), stories.frequencies)
        _write_happenings(store, list(happenings.happenings.values()))
        recount(write, sorted(set(summary.story_of.values())))
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
    db = store.connection
    terms = _terms(db, [a for a, _, r in batch if r is None])
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
            story_id = summary.story_of.get(original) or _story_of(db, original)
            if story_id is None:  # its original is not linked: it stands for it
                story_id, _ = stories.assign(article_id, terms.get(article_id, []), day)
                stories.forget([article_id])
            summary.story_of[article_id], scores[article_id] = story_id, 1.0
    with store.transaction() as write:
        write.executemany(
            "INSERT OR REPLACE INTO article_story (article_id, story_id, score) VALUES (?, ?, ?)",
            [(a, summary.story_of[a], round(scores[a], 4)) for a, _, _ in batch])


# -- reading ---------------------------------------------------------------------------------


def _unlinked(db: sqlite3.Connection,
              article_ids: Sequence[str] | None) -> list[tuple[str, str | None, str | None]]:
    """(id, day, original) of articles to link, in date order (undated last)."""
    rows = db.execute(
        "SELECT a.id, a.published, a.reprint_of FROM article a"
        " WHERE NOT EXISTS (SELECT 1 FROM article_story s WHERE s.article_id = a.id)"
        " ORDER BY a.published IS NULL, a.published, a.rowid"
    ).fetchall()
    wanted = set(article_ids) if article_ids is not None else None
    return [(i, article_day(p), r) for i, p, r in rows if wanted is None or i in wanted]


def _batches(items: list[tuple[str, str | None, str | None]]
             ) -> Iterator[list[tuple[str, str | None, str | None]]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _terms(db: sqlite3.Connection, article_ids: list[str]) -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = {}
    for start in range(0, len(article_ids), 500):
        batch = article_ids[start : start + 500]
        for article_id, term, count in db.execute(
            "SELECT article_id, term, count FROM article_term"
            f" WHERE article_id IN ({', '.join('?' * len(batch))})", batch,
        ):
            found.setdefault(article_id, []).append((term, count))
    return found


def _frequencies(db: sqlite3.Connection) -> Frequencies:
    df = dict(db.execute("SELECT term, df FROM term_df").fetchall())
    documents = db.execute(
        "SELECT count(*) FROM article_story s JOIN article a ON a.id = s.article_id"
        " WHERE a.reprint_of IS NULL"
    ).fetchone()[0]
    return Frequencies(df, documents)


def _open_stories(db: sqlite3.Connection, since: str | None) -> Iterator[StoryState]:
    """Stories new articles may still join: active since ``since``, or undated."""
    rows = db.execute(
        "SELECT id, first_date, last_date, articles FROM story"
        " WHERE ? IS NULL OR last_date IS NULL OR last_date >= ?", (since, since),
    ).fetchall()
    for story_id, first, last, articles in rows:
        centroid = dict(db.execute(
            "SELECT term, weight FROM story_term WHERE story_id = ?", (story_id,)).fetchall())
        yield StoryState(story_id, centroid, first, last, articles)


def _cold_stories(db: sqlite3.Connection, terms: list[str],
                  loaded: set[str]) -> Iterator[StoryState]:
    """Stored stories sharing the most of these terms, not already in memory."""
    rows = db.execute(
        "SELECT story_id FROM story_term"
        f" WHERE term IN ({', '.join('?' * len(terms))}) GROUP BY story_id"
        " ORDER BY sum(weight) DESC LIMIT ?", [*terms, settings.STORY_COLD_CANDIDATES],
    ).fetchall()
    for (story_id,) in rows:
        if story_id in loaded:
            continue
        first, last, articles = db.execute(
            "SELECT first_date, last_date, articles FROM story WHERE id = ?",
            (story_id,)).fetchone()
        centroid = dict(db.execute(
            "SELECT term, weight FROM story_term WHERE story_id = ?", (story_id,)).fetchall())
        yield StoryState(story_id, centroid, first, last, articles)


def _open_happenings(db: sqlite3.Connection, story_ids: set[str]) -> Iterator[HappeningState]:
    """The happenings of the open stories, and every historical one."""
    rows = db.execute(
        "SELECT h.id, h.type, h.mode, h.story_id, h.time_status, eh.article_id, eh.event"
        " FROM happening h JOIN event_happening eh ON eh.happening_id = h.id"
    ).fetchall()
    wanted: dict[str, HappeningState] = {}
    keys: dict[tuple[str, int], str] = {}
    for happening_id, kind, mode, story, status, article_id, event in rows:
        if story in story_ids or status == "historical":
            wanted.setdefault(happening_id, HappeningState(happening_id, kind, mode, story))
            keys[(article_id, event)] = happening_id
    for member in members(db, sorted({a for a, _ in keys})):
        happening_id = keys.get(member.key)
        if happening_id is not None:
            member.story = wanted[happening_id].story
            wanted[happening_id].add(member)
    return iter(wanted.values())


def _story_of(db: sqlite3.Connection, article_id: str) -> str | None:
    row = db.execute("SELECT story_id FROM article_story WHERE article_id = ?",
                     (article_id,)).fetchone()
    return row[0] if row else None


# -- writing ---------------------------------------------------------------------------------


def _write_stories(store: Store, stories: list[StoryState], frequencies: Frequencies) -> None:
    """Changed stories (centroid, dates, label, article count) and the new frequencies."""
    changed = [s for s in stories if s.changed]
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            [(t, frequencies.df[t]) for t in frequencies.changed],
        )
        frequencies.changed.clear()
        names = _actor_names(db, {t[1:] for s in changed for t in s.centroid if t[0] == "@"})
        now = now_iso()
        for story in changed:
            db.execute(
                "INSERT INTO story (id, label, first_date, last_date, articles, created)"
                " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT(id) DO UPDATE SET label = excluded.label,"
                " first_date = excluded.first_date, last_date = excluded.last_date",
                (story.id, story_label(story, names), story.first, story.last, now),
            )
            db.execute("DELETE FROM story_term WHERE story_id = ?", (story.id,))
            db.executemany("INSERT INTO story_term (story_id, term, weight) VALUES (?, ?, ?)",
                           [(story.id, t, round(w, 6)) for t, w in story.centroid.items()])
            story.changed = False


def _actor_names(db: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        batch = listed[start : start + 500]
        names.update(db.execute(
            f"SELECT id, name FROM actor WHERE id IN ({', '.join('?' * len(batch))})", batch))
    return names


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
    changed = [h for h in happenings if h.changed]
    if not changed:
        return
    with store.transaction() as db:
        for happening in changed:
            start, end = span(happening.members)
            db.execute(
                "INSERT OR REPLACE INTO happening (id, story_id, type, mode, label, earliest,"
                " latest, time_status, first_reported, sources, disputed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (happening.id, happening.story, happening.type, happening.mode,
                 label(happening), start, end, happening.time_status,
                 happening.first_reported, len(happening.sources),
                 int(bool(disputes(happening)))),
            )
            db.executemany(
                "INSERT OR REPLACE INTO event_happening (article_id, event, happening_id)"
                " VALUES (?, ?, ?)", [(*m.key, happening.id) for m in happening.members])
            happening.changed = False
