"""The resolver's word lists (``newsgraph/data/actor_lexicon.yaml``), read once per process.

Role nouns, sector nouns, titles and institutions are data so that they can grow without
touching the rules; every phrase is stored under its normalized word key (see
:mod:`newsgraph.actors.normalize`), the same key the text is cut into.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from newsgraph.actors.normalize import key
from newsgraph.data import load

V = TypeVar("V")


class Phrases(Generic[V]):
    """Word-sequence phrases with a value each, matched longest first at a position."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        self.table: dict[tuple[str, ...], V] = {}
        for phrase, value in items:
            words = key(phrase)
            if words:
                self.table.setdefault(words, value)
        self.longest_words = max((len(k) for k in self.table), default=0)

    def match(self, keys: Sequence[str], start: int) -> tuple[int, V] | None:
        """(end index, value) of the longest phrase starting at ``keys[start]``."""
        for n in range(min(self.longest_words, len(keys) - start), 0, -1):
            value = self.table.get(tuple(keys[start:start + n]))
            if value is not None:
                return start + n, value
        return None

    def match_ending(self, keys: Sequence[str], end: int) -> tuple[int, V] | None:
        """(start index, value) of the longest phrase ending just before ``keys[end]``."""
        for n in range(min(self.longest_words, end), 0, -1):
            value = self.table.get(tuple(keys[end - n:end]))
            if value is not None:
                return end - n, value
        return None

    def __contains__(self, words: object) -> bool:
        return words in self.table


@dataclass(frozen=True, slots=True)
class RoleNoun:
    offices: tuple[str, ...]  # "leader" stands for the country's leader office
    title: str | None  # a word the holder's title must contain, when several hold offices


@dataclass(frozen=True, slots=True)
class Lexicon:
    honorifics: Phrases[bool]
    titles: Phrases[bool]
    role_nouns: Phrases[RoleNoun]
    not_current: frozenset[str]
    role_modifiers: frozenset[str]
    anaphors: Phrases[str]  # phrase -> the kind of actor it refers back to (anaphors.py)
    bare_anaphors: Phrases[str]  # … and those that need no "the" ("government forces")
    property_participles: frozenset[str]  # "Chinese-made": a property, no party
    sector_nouns: Phrases[str]
    continuations: frozenset[str]
    institutions: Phrases[str]
    place_anaphors: frozenset[str]
    place_nouns: frozenset[str]  # "the town of …": a place's name follows
    name_heads: dict[str, str]
    not_actors: frozenset[tuple[str, ...]]
    common_surnames: frozenset[str]


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(k for w in words for k in key(w))


@cache
def actor_lexicon() -> Lexicon:
    """The lexicon, parsed once per process."""
    data: dict[str, Any] = load("actor_lexicon.yaml")
    roles: list[tuple[str, RoleNoun]] = []
    for item in data["role_nouns"]:
        offices = item["office"]
        noun = RoleNoun(tuple(offices) if isinstance(offices, list) else (offices,),
                        item.get("title"))
        roles.extend((word, noun) for word in item["words"])
    return Lexicon(
        honorifics=Phrases((w, True) for w in data["honorifics"]),
        titles=Phrases((w, True) for w in data["titles"]),
        role_nouns=Phrases(roles),
        not_current=_keys(data["not_current"]),
        role_modifiers=_keys(data["role_modifiers"]),
        anaphors=Phrases((w, kind) for kind, ws in data["anaphors"].items() for w in ws),
        bare_anaphors=Phrases((w, kind) for kind, ws in data["bare_anaphors"].items()
                              for w in ws),
        property_participles=_keys(data["property_participles"]),
        sector_nouns=Phrases((w, sector) for sector, ws in data["sector_nouns"].items()
                             for w in ws),
        continuations=_keys(data["group_continuations"]),
        institutions=Phrases((w, sector) for sector, ws in data["institutions"].items()
                             for w in ws),
        place_anaphors=_keys(data["place_anaphors"]),
        place_nouns=_keys(data["place_nouns"]),
        name_heads={k: label for label, ws in data["name_heads"].items() for k in _keys(ws)},
        not_actors=frozenset(key(w) for w in data["not_actors"]),
        common_surnames=_keys(data["common_surnames"]),
    )
