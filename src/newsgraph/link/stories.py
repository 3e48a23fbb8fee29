"""Stories: each article assigned, as it arrives, to the real-world development it reports.

An article is a TF-IDF vector of its content terms and actors (:mod:`.terms`), weighted with
document frequencies kept up to date as articles arrive. A story is the sum of its articles'
vectors (its centroid, truncated to its heaviest terms) and the dates it spans. A new article
joins the most similar story that shares one of its heaviest terms, if the cosine reaches a
threshold that rises with the days between the article's date and the story's (a follow-up
weeks later must be close to the story; beyond the story window none joins); otherwise it
starts a story of its own. Candidate stories come from an inverted index of centroid terms
(blocking), never from all pairs; stories that fall out of the time window leave memory.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph import settings
from newsgraph.timex.dates import safe_date
from newsgraph.timex.published import month_day, parse_date


@dataclass(slots=True)
class StoryState:
    """A story as the index holds it while linking."""

    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    articles: int = 0
    changed: bool = False
    # (month, day) of its articles dated but for the year ("Dec. 25 (Reuters) -"); kept while
    # linking, not stored: time of year still tells a Christmas story from a summer one.
    month_days: set[tuple[int, int]] = field(default_factory=set)
    _norm: float | None = None  # cached: every candidate comparison divides by it
    _years: frozenset[str] | None = None

    @property
    def norm(self) -> float:
        if self._norm is None:
            self._norm = math.sqrt(sum(w * w for w in self.centroid.values())) or 1.0
        return self._norm

    @property
    def years(self) -> frozenset[str]:
        """The years the story dates things in (its "#2013" terms)."""
        if self._years is None:
            self._years = frozenset(t for t in self.centroid if t[0] == "#")
        return self._years

    def add(self, vector: dict[str, float], day: str | None) -> tuple[set[str], set[str]]:
        """Add an article's vector; returns the terms the centroid gained and lost (it keeps
        only its heaviest terms), for the index to follow."""
        before = set(self.centroid)
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        if len(self.centroid) > settings.STORY_TERMS:
            heaviest = sorted(self.centroid.items(), key=lambda kv: -kv[1])
            self.centroid = dict(heaviest[: settings.STORY_TERMS])
        if (yearless := month_day(day)) is not None:
            self.month_days.add(yearless)
        elif day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)
        self.articles += 1
        self._touch()
        after = set(self.centroid)
        return after - before, before - after

    def remove(self, vector: dict[str, float]) -> set[str]:
        """Take an article's vector back out (it moves to another story); returns the terms
        the centroid lost."""
        lost = set()
        for term, weight in vector.items():
            left = self.centroid.get(term, 0.0) - weight
            if left > 1e-9:
                self.centroid[term] = left
            elif self.centroid.pop(term, None) is not None:
                lost.add(term)
        self.articles -= 1
        self._touch()
        return lost

    def _touch(self) -> None:
        self.changed = True
        self._norm = self._years = None


class Frequencies:
    """Document frequencies of terms over the linked corpus, updated article by article."""

    def __init__(self, df: dict[str, int], documents: int) -> None:
        self.df = df
        self.documents = documents
        self.changed: set[str] = set()

    def count(self, terms: Iterable[str]) -> None:
        self.documents += 1
        for term in terms:
            self.df[term] = self.df.get(term, 0) + 1
            self.changed.add(term)

    def vector(self, terms: list[tuple[str, int]]) -> dict[str, float]:
        """Unit-length TF-IDF weights; actors and years weigh more than words."""
        weights: dict[str, float] = {}
        for term, count in terms:
            idf = math.log((self.documents + 1) / (self.df.get(term, 0) + 1)) + 1.0
            weight = (1.0 + math.log(count)) * idf
            if term[0] in "@#":
                weight *= settings.ACTOR_TERM_WEIGHT
            weights[term] = weight
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


# Stories not in memory that share some of these terms (the store's own term index).
ColdLookup = Callable[[list[str], set[str]], Iterable[StoryState]]


class StoryIndex:
    """The stories linking can still join, with an inverted index of their centroid terms.

    Stories of the time window live in memory. An undated article may belong to any time, so
    its candidates also come from ``cold``: stories already written to the store that share
    its heaviest terms."""

    def __init__(self, stories: Iterable[StoryState], frequencies: Frequencies,
                 cold: ColdLookup | None = None) -> None:
        self.frequencies = frequencies
        self.cold = cold
        self.stories: dict[str, StoryState] = {}
        self.postings: dict[str, set[str]] = {}
        self.vectors: dict[str, tuple[dict[str, float], str | None]] = {}
        # The windows of undated articles whose evidence bounds them ("after 2019-05-01").
        self.bounds: dict[str, tuple[str, str]] = {}
        self.story_of: dict[str, str] = {}
        self.evicted_for: str | None = None
        for story in stories:
            self._index(story)

    def assign(self, article_id: str, terms: list[tuple[str, int]], day: str | None,
               bounds: tuple[str | None, str | None] | None = None) -> tuple[str, float]:
        """The story the article joins (a new one, named after it, if none is close enough)
        and its similarity to it. An undated article's ``bounds`` (earliest, latest: what its
        evidence allows) keep it from stories that cannot be its time."""
        self.frequencies.count(term for term, _ in terms)
        vector = self.frequencies.vector(terms)
        self.vectors[article_id] = (vector, day)
        if day is None and bounds and (span := bounds_span(*bounds)):
            self.bounds[article_id] = span
        best, score = self._best(vector, day, self.bounds.get(article_id))
        if best is None:
            best, score = StoryState(id=article_id), 1.0
        self._move(article_id, best)
        return best.id, score

    def refine(self, article_ids: list[str]) -> dict[str, tuple[str, float]]:
        """One pass of reassignment over articles just assigned: each moves to the story its
        vector is now closest to, its own vector taken out of its own story first — so an
        early article that started a story of its own before its story's other reports came
        can still join them. Returns the moves."""
        moved: dict[str, tuple[str, float]] = {}
        for article_id in article_ids:
            vector, day = self.vectors[article_id]
            own = self.stories.get(self.story_of[article_id])
            if own is None:
                continue
            self._drop(own.id, own.remove(vector))
            best, score = self._best(vector, day, self.bounds.get(article_id))
            stay = sum(w * own.centroid.get(t, 0.0) for t, w in vector.items()) / own.norm
            if best is not None and best is not own and score > stay:
                if own.articles == 0:
                    self._unindex(own)
                    del self.stories[own.id]
                self._move(article_id, best)
                moved[article_id] = (best.id, score)
            else:
                self._move(article_id, own)
        return moved

    def forget(self, article_ids: list[str]) -> None:
        """Drop the vectors kept for :meth:`refine`."""
        for article_id in article_ids:
            self.vectors.pop(article_id, None)
            self.bounds.pop(article_id, None)

    def _move(self, article_id: str, to: StoryState) -> None:
        vector, day = self.vectors[article_id]
        self.stories[to.id] = to
        gained, lost = to.add(vector, day)
        for term in gained:
            self.postings.setdefault(term, set()).add(to.id)
        self._drop(to.id, lost)
        self.story_of[article_id] = to.id

    def _drop(self, story_id: str, terms: Iterable[str]) -> None:
        for term in terms:
            posting = self.postings.get(term)
            if posting is not None:
                posting.discard(story_id)
                if not posting:
                    del self.postings[term]

    def _best(self, vector: dict[str, float], day: str | None,
              bounds: tuple[str, str] | None = None) -> tuple[StoryState | None, float]:
        heaviest = sorted(vector, key=lambda t: -vector[t])[: settings.STORY_CANDIDATE_TERMS]
        if parse_date(day) is None and self.cold is not None:  # any year's story may be its own
            for story in self.cold(heaviest, set(self.stories)):
                self._index(story)
        shared = Counter(s for term in heaviest for s in self.postings.get(term, ()))
        years = frozenset(t for t in vector if t[0] == "#")
        span = span_of(day) or bounds
        best: StoryState | None = None
        score = 0.0
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))  # ties by id: same
        for story_id, _ in ranked[: settings.STORY_MAX_CANDIDATES]:  # result on every run
            story = self.stories[story_id]
            needed = join_similarity(days_apart(story, span))
            if needed is None or not same_years(years, story):
                continue
            centroid = story.centroid
            similarity = sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / story.norm
            if similarity >= needed and similarity > score:
                best, score = story, similarity
        return best, score

    def evict_before(self, day: str) -> list[StoryState]:
        """Drop stories last active more than the window before ``day``: no article from
        ``day`` on can join them. Returns them, so their changes can be written."""
        if parse_date(day) is None or day == self.evicted_for:
            return []  # articles come in date order: once a day is enough
        self.evicted_for = day
        cutoff = joinable_since(day)
        gone = [s for s in self.stories.values() if s.last is not None and s.last < cutoff]
        for story in gone:
            self._unindex(story)
            del self.stories[story.id]
        return gone

    def _index(self, story: StoryState) -> None:
        self.stories[story.id] = story
        for term in story.centroid:
            self.postings.setdefault(term, set()).add(story.id)

    def _unindex(self, story: StoryState) -> None:
        self._drop(story.id, story.centroid)


def joinable_since(day: str) -> str:
    """The last day a story must reach for an article of ``day`` to join it."""
    return (parse_date(day) - timedelta(days=settings.STORY_WINDOW_DAYS)).isoformat()  # type: ignore[operator]


def span_of(day: str | None) -> tuple[str, str] | None:
    """The dates a dated article can be of: its day (a yearless one, "XXXX-12-25", included)."""
    return (day, day) if day is not None and (parse_date(day) or month_day(day)) else None


def bounds_span(earliest: str | None, latest: str | None) -> tuple[str, str] | None:
    """The dates an undated article known to lie between ``earliest`` and ``latest`` (either
    may be open) can be of; None when nothing bounds it."""
    if parse_date(earliest) is None and parse_date(latest) is None:
        return None
    return (earliest if parse_date(earliest) else "0000-01-01",
            latest if parse_date(latest) else "9999-12-31")


def days_apart(story: StoryState, span: tuple[str, str] | None) -> int | None:
    """Days between the dates the article can be of and the days the story spans (0 when they
    overlap); None when time cannot tell. Where the article or some of the story's articles
    are dated but for the year, the days are counted round the calendar year."""
    if span is None:
        return None
    yearless = month_day(span[0])
    if yearless is None and story.first is not None and story.last is not None:
        if span[1] < story.first:
            later, earlier = story.first, span[1]
        elif span[0] > story.last:
            later, earlier = span[0], story.last
        else:
            return 0
        return (parse_date(later) - parse_date(earlier)).days  # type: ignore[operator]
    if yearless is None:
        day = parse_date(span[0]) if span[0] == span[1] else None
        if day is None:
            return None  # a bounded undated article: its time of year is unknown
        yearless = (day.month, day.day)
    apart = [_round_the_year(yearless, other) for other in story.month_days]
    first, last = parse_date(story.first), parse_date(story.last)
    if first is not None and last is not None:
        apart.append(_to_range(yearless, first, last))
    return min(apart, default=None)


def _round_the_year(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two days of the year, the shorter way round (in a leap year)."""
    gap = abs((_on(2000, a) - _on(2000, b)).days)
    return min(gap, 366 - gap)


def _on(year: int, yearless: tuple[int, int]) -> date:
    """The day of ``year`` falling on (month, day); 28 February for the 29th in a common year."""
    return safe_date(year, *yearless) or date(year, yearless[0], 28)


def _to_range(yearless: tuple[int, int], first: date, last: date) -> int:
    """Days from the nearest date falling on ``yearless`` to the range first..last."""
    if (last - first).days >= 365:
        return 0
    best = 366
    for year in range(first.year - 1, last.year + 2):
        when = _on(year, yearless)
        best = min(best, 0 if first <= when <= last else min(abs((when - first).days),
                                                              abs((when - last).days)))
    return best


def join_similarity(apart: int | None) -> float | None:
    """The cosine an article needs to join a story ``apart`` days from its dates: the ordinary
    threshold within a few days; a follow-up weeks later (a trial, a funeral, the first
    findings) must be much closer to the story, since a story of the same kind of event told
    again (another quake, another rehab) reads much the same; beyond the story window, none
    joins (None)."""
    if apart is None or apart <= settings.STORY_NEAR_DAYS:
        return settings.STORY_MIN_SIMILARITY
    if apart <= settings.STORY_WINDOW_DAYS:
        return settings.STORY_LATE_SIMILARITY
    return None


def same_years(years: frozenset[str], story: StoryState) -> bool:
    """Whether the years an article dates things in can be the story's: both speak of years
    and none is shared → another time, another story (this year's election, not the last)."""
    theirs = story.years
    return not years or not theirs or bool(years & theirs)


def article_day(published: str | None) -> str | None:
    """An article's date for linking: its publication day, if known, or the yearless day its
    text gives ("XXXX-12-25")."""
    if month_day(published) is not None:
        return published[:10]  # type: ignore[index]
    parsed: date | None = parse_date(published)
    return parsed.isoformat() if parsed is not None else None
