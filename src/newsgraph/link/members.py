"""Events as the happening linker sees them, read from the store in batches.

A :class:`Member` is one stored event with what merging and comparing need: its type, the keys
of its parties (actor ids and country codes), its interval and how it was dated, its place,
the figures stated in its sentence, and the article it came from (a reprint counts as its
original). Reading them with three plain queries per batch keeps linking a large corpus free
of tokens and bodies.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from newsgraph.events.arguments import country

BATCH = 500


@dataclass(slots=True)
class Member:
    article_id: str
    seq: int
    original: str  # the article it counts as: itself, or the original of a reprint
    published: str | None
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


def members(db: sqlite3.Connection, article_ids: Sequence[str]) -> Iterator[Member]:
    """The linkable events of these articles: not negated, not hypothetical, with an actor."""
    for start in range(0, len(article_ids), BATCH):
        batch = list(article_ids[start : start + BATCH])
        marks = ", ".join("?" * len(batch))
        found: dict[tuple[str, int], Member] = {}
        for row in db.execute(
            "SELECT e.article_id, e.seq, coalesce(a.reprint_of, a.id), a.published, e.type,"
            " e.mode, e.earliest, e.latest, e.time_basis, e.time_status, e.sentence,"
            " e.location_id, l.country, s.story_id"
            " FROM event e JOIN article a ON a.id = e.article_id"
            " LEFT JOIN actor l ON l.id = e.location_id"
            " LEFT JOIN article_story s ON s.article_id = e.article_id"
            f" WHERE e.article_id IN ({marks}) AND e.negated = 0 AND e.hypothetical = 0",
            batch,
        ):
            member = Member(*row[:11], location_id=row[11], location_country=row[12],
                            story=row[13])
            found[member.key] = member
        for article_id, event, role, actor_id, code, text in db.execute(
            "SELECT article_id, event, role, actor_id, code, text FROM event_party"
            f" WHERE article_id IN ({marks})", batch,
        ):
            member = found.get((article_id, event))
            if member is None:
                continue
            side = member.actors if role == "actor" else member.recipients
            side[actor_id or text.lower()] = text
            if country(code):
                side.setdefault(country(code), text)  # type: ignore[arg-type]
        figures: dict[tuple[str, int], dict[str, tuple[float, float]]] = {}
        for article_id, sentence, low, high, unit in db.execute(
            "SELECT article_id, sentence, low, high, unit FROM claim"
            f" WHERE kind = 'numeric' AND low IS NOT NULL AND unit IS NOT NULL"
            f" AND article_id IN ({marks})", batch,
        ):
            figures.setdefault((article_id, sentence), {})[unit_key(unit)] = (
                low, high if high is not None else low)
        for member in found.values():
            member.figures = figures.get((member.article_id, member.sentence), {})
            if member.actors:
                yield member


def unit_key(unit: str) -> str:
    """What a figure counts, for comparing reports: the unit's last word, singular."""
    word = unit.lower().split()[-1] if unit.split() else unit.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
