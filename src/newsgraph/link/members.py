"""Events as the happening linker sees them, built from the rows the store reads in batches.

A :class:`Member` is one stored event with what merging and comparing need: its type, the keys
of its parties (actor ids and country codes), its interval and how it was dated, its place,
the figures stated in its sentence, and the article it came from (a reprint counts as its
original). The store reads them with three plain queries per batch of articles
(:meth:`~newsgraph.store.Store.linkable_events`), which keeps linking a large corpus free of
tokens and bodies; what a party's keys are and what a figure counts is decided here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.events.arguments import country
from newsgraph.store import Store


@dataclass(slots=True)
class Member:
    article_id: str
    seq: int
    original: str  # the article it counts as: itself, or the original of a reprint
    published_day: str | None
    type: str
    mode: str | None
    earliest: str | None
    latest: str | None
    basis: str | None  # timex | narrative | published
    status: str
    sentence: int
    location_id: str | None = None
    location_country: str | None = None
    # each side's keys (actor ids and country codes) with the words that named them
    actors: dict[str, str] = field(default_factory=dict)
    recipients: dict[str, str] = field(default_factory=dict)
    figures: dict[str, tuple[float, float]] = field(default_factory=dict)  # unit -> low, high
    story: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        return self.article_id, self.seq

    def party_keys(self) -> set[str]:
        return set(self.actors) | set(self.recipients)


def members(store: Store, article_ids: Sequence[str]) -> Iterator[Member]:
    """The linkable events of these articles: not negated, not hypothetical, with an actor."""
    for row in store.linkable_events(article_ids):
        member = _member(row)
        if member.actors:
            yield member


def _member(row: dict[str, Any]) -> Member:
    """The member a :meth:`~newsgraph.store.Store.linkable_events` row stands for."""
    member = Member(row["article_id"], row["seq"], row["original"], row["published"],
                    row["type"], row["mode"], row["earliest"], row["latest"],
                    row["time_basis"], row["time_status"], row["sentence"],
                    location_id=row["location_id"], location_country=row["location_country"],
                    story=row["story_id"])
    for party in row["parties"]:
        side = member.actors if party["role"] == "actor" else member.recipients
        side[party["actor_id"] or party["text"].lower()] = party["text"]
        if country(party["code"]):
            side.setdefault(country(party["code"]), party["text"])  # type: ignore[arg-type]
    for figure in row["figures"]:
        high = figure["high"] if figure["high"] is not None else figure["low"]
        member.figures[unit_key(figure["unit"])] = (figure["low"], high)
    return member


def unit_key(unit: str) -> str:
    """What a figure counts, for comparing reports: the unit's last word, singular."""
    word = unit.lower().split()[-1] if unit.split() else unit.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
