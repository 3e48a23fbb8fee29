"""Happenings: events from different reports that are one real-world event, merged.

Two events are one happening when they have the same type and mode, share an actor (by actor
or by country), do not name different recipients, overlap in time (an event dated only by its
article's publication is allowed the few days reports lag), are not placed in different
countries, and belong to the same story — or both lie in the past, where an armistice of 1953
recounted by many stories is still one. Within one article, only acts of a specific mode (a
visit told twice) merge: "met", "had talks" and "gave a letter" are acts of their own.
Candidates come from an index of (type, party) keys: blocking, never all pairs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from newsgraph.link.members import Member
from newsgraph.timex.published import parse_date

REPORT_LAG_DAYS = 3  # how far reports of one event may disagree on its date, or lag it


@dataclass(slots=True)
class HappeningState:
    """A happening while linking: its reports, and what merging asks of them kept up to date
    as reports join (a story of many reports must not re-read them for every candidate)."""

    id: str
    type: str
    mode: str | None
    story: str | None
    members: list[Member] = field(default_factory=list)
    changed: bool = False
    actor_keys: set[str] = field(default_factory=set)
    recipient_keys: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # where reports place it
    articles: set[str] = field(default_factory=set)
    historical: bool = True
    start: str | None = None  # the span the reports give it, with slack
    end: str | None = None

    def add(self, member: Member) -> None:
        self.members.append(member)
        self.actor_keys.update(member.actors)
        self.recipient_keys.update(member.recipients)
        if member.location_country:
            self.countries.add(member.location_country)
        self.articles.add(member.article_id)
        self.historical = self.historical and member.status == "historical"
        first, last = interval(member, slack=True)
        if first is not None:
            self.start = min(self.start or first, first)
        if last is not None:
            self.end = max(self.end or last, last)
        self.changed = True

    def interval(self) -> tuple[str | None, str | None]:
        return self.start, self.end

    @property
    def sources(self) -> set[str]:
        """Distinct original articles: a reprint counts once, as its original."""
        return {m.original for m in self.members}

    @property
    def first_reported(self) -> str | None:
        dates = [m.published_day for m in self.members if m.published_day]
        return min(dates) if dates else None

    @property
    def time_status(self) -> str:
        statuses = {m.status for m in self.members}
        return statuses.pop() if len(statuses) == 1 else "current"


def interval(member: Member, slack: bool = False) -> tuple[str | None, str | None]:
    """The member's interval. With ``slack`` (for deciding whether two reports can be one
    event) widened by the days reports disagree by or lag: "on Wednesday" in one, "Thursday"
    in another is one visit with a disputed date, not two visits."""
    start, end = member.earliest, member.latest or member.earliest
    if not start or not end:
        return None, None
    if not slack and member.basis != "published":
        return start[:10], end[:10]
    first, last = parse_date(start[:10]), parse_date(end[:10])
    if first is None or last is None:
        return start[:10], end[:10]
    lag = timedelta(days=REPORT_LAG_DAYS)
    return (first - lag).isoformat(), (last + lag).isoformat()


def overlaps(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two intervals overlap; an open one overlaps anything."""
    if None in a or None in b:
        return True
    return a[0] <= b[1] and b[0] <= a[1]  # type: ignore[operator]


def compatible(happening: HappeningState, member: Member) -> int:
    """How many party keys the member shares with the happening, 0 if they cannot be one."""
    if member.type != happening.type or member.mode != happening.mode:
        return 0
    if member.mode is None and member.article_id in happening.articles:
        return 0  # one article telling two acts of a kind ("met", "gave a letter"): two acts
    if member.story != happening.story and not (
            member.status == "historical" and happening.historical):
        return 0
    everyone = happening.actor_keys | happening.recipient_keys
    shared = set(member.actors) & everyone
    if not shared:
        return 0
    if member.recipients and happening.recipient_keys and not (set(member.recipients) & everyone):
        return 0
    if not overlaps(interval(member, slack=True), happening.interval()):
        return 0
    if (member.location_country and happening.countries
            and member.location_country not in happening.countries):
        return 0
    return len(shared) + len(set(member.recipients) & happening.recipient_keys)


class HappeningIndex:
    """The happenings events can still join, indexed by (type, party key)."""

    def __init__(self, happenings: Iterable[HappeningState] = ()) -> None:
        self.happenings: dict[str, HappeningState] = {}
        self.postings: dict[str, set[str]] = {}
        for happening in happenings:
            self._index(happening, happening.members)
            happening.changed = False

    def merge(self, member: Member) -> HappeningState:
        """The happening the event joins, or a new one named after it."""
        candidates = {h for key in member.actors
                      for h in self.postings.get(f"{member.type}|{key}", ())}
        best: HappeningState | None = None
        score = 0
        for happening_id in sorted(candidates):
            happening = self.happenings[happening_id]
            shared = compatible(happening, member)
            if shared > score:
                best, score = happening, shared
        if best is None:
            best = HappeningState(id=f"{member.article_id}-{member.seq}", type=member.type,
                                  mode=member.mode, story=member.story)
        best.add(member)
        self._index(best, [member])
        return best

    def evict_story(self, story_ids: set[str]) -> list[HappeningState]:
        """Drop the happenings of stories no article can join any more (history stays: any
        later story may recount it)."""
        gone = [h for h in self.happenings.values()
                if h.story in story_ids and not h.historical]
        for happening in gone:
            del self.happenings[happening.id]
            for key in {f"{happening.type}|{k}" for m in happening.members
                        for k in m.party_keys()}:
                posting = self.postings.get(key)
                if posting is not None:
                    posting.discard(happening.id)
                    if not posting:
                        del self.postings[key]
        return gone

    def _index(self, happening: HappeningState, members: Iterable[Member]) -> None:
        self.happenings[happening.id] = happening
        for member in members:
            for key in member.party_keys():
                self.postings.setdefault(f"{happening.type}|{key}", set()).add(happening.id)


def disputes(happening: HappeningState) -> list[str]:
    """Where the reports differ: ``date`` (two dates of their own that do not overlap),
    ``place`` (different countries), ``figures`` (the same unit, ranges apart)."""
    found = []
    dated = [interval(m) for m in happening.members if m.basis == "timex"]
    if any(not overlaps(a, b) for i, a in enumerate(dated) for b in dated[i + 1:]):
        found.append("date")
    if len({m.location_country for m in happening.members if m.location_country}) > 1:
        found.append("place")
    by_unit: dict[str, list[tuple[float, float]]] = {}
    for member in happening.members:
        for unit, values in member.figures.items():
            by_unit.setdefault(unit, []).append(values)
    if any(not figures_agree(values) for values in by_unit.values()):
        found.append("figures")
    return found


def figure_range(low: float, high: float | None, comparator: str | None) -> tuple[float, float]:
    """The values a stated figure admits: "at least four" admits five, "nearly 6" about 6."""
    high = low if high is None else high
    if comparator == "over":
        return low, math.inf
    if comparator == "under":
        return 0.0, high
    if comparator == "about":
        return low * 0.9, high * 1.1
    return low, high


def figures_agree(values: list[tuple[float, float]]) -> bool:
    low = max(v[0] for v in values)
    high = min(v[1] for v in values)
    return low <= high * 1.01


def label(happening: HappeningState) -> str:
    """ "CONSULT/visit: Sergei Shoigu → North Korea, 2023-07-26": what and who, when."""
    def names(side: str) -> str:
        texts: list[str] = []
        for member in happening.members:
            for text in getattr(member, side).values():
                if text not in texts:
                    texts.append(text)
        return ", ".join(texts[:3]) + (" …" if len(texts) > 3 else "")

    kind = happening.type + (f"/{happening.mode}" if happening.mode else "")
    who = names("actors") + (f" → {names('recipients')}" if happening.recipient_keys else "")
    start, end = span(happening.members)
    when = "" if start is None else (start[:10] if start[:10] == (end or "")[:10]
                                     else f"{start[:10]}..{(end or '')[:10]}")
    return f"{kind}: {who}" + (f", {when}" if when else "")


def span(members: list[Member]) -> tuple[str | None, str | None]:
    """The dates to show: those the reports give of their own, else the publication dates."""
    dated = [m for m in members if m.basis != "published" and m.earliest] or [
        m for m in members if m.earliest]
    if not dated:
        return None, None
    return (min(m.earliest for m in dated),  # type: ignore[type-var]
            max(m.latest or m.earliest for m in dated))  # type: ignore[type-var]
