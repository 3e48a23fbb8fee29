"""The article being resolved, its candidate names, and what resolution gives back.

:class:`Document` holds what every step of :mod:`newsgraph.actors.resolve` reads (the body, its
words, the NER spans, the KB and lexicon, the publication date) and the corpus actors the steps
create; :class:`Unit` is one candidate name. Setting a unit's actor (:func:`set_actor`) and
making corpus actors (:func:`new_actor`, :func:`group_actor`) live here, so that every step
codes actors the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.actors.kb import (
    KB,
    Hit,
    person_code,
)
from newsgraph.actors.lexicon import Lexicon
from newsgraph.actors.normalize import Word, slug
from newsgraph.events.lexicon import predicates
from newsgraph.model import Actor, Token
from newsgraph.timex.context import sentence_of

# Inside these NER spans a demonym or a bare surname is part of a name or a number, not an
# actor ("the Korean War", "on Friday" with a Prime Minister Friday in the KB).
NON_ACTOR_NAME_LABELS = frozenset({"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE",
                                   "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                                   "CARDINAL", "ORDINAL"})
# Words after which a name is where something is or happens ("fighting in Kharkiv"); "from" and
# "to" are left out: "a letter from Austin", "talks to Jackson" name people as often.
LOCATIVE_WORDS = frozenset({"in", "at", "near", "outside", "inside", "around"})
# "the town of", "the city of": a place's name follows (the lexicon's place_nouns)
_PLACE_NOUN_OF = re.compile(r"(\w+) of\s+$")
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
                 "FAC": "place", "NORP": "organisation"}
LABEL_OF_KIND = {"person": "PERSON", "organisation": "ORG", "igo": "ORG", "country": "GPE",
                 "place": "GPE"}
CONFIDENCE = {"alias": 0.95, "chain": 0.9, "demonym": 0.9, "metonym": 0.85, "role": 0.8,
              "context": 0.7, "new": 0.5}
# Function words: a description's modifiers and a group's words never cross them.
STOP = frozenset({"of", "and", "or", "the", "a", "an", "to", "in", "on", "with", "by", "for",
                  "from", "at", "as", "that", "which", "who", "his", "her", "its", "their",
                  "is", "was", "were", "are", "be", "been", "has", "have", "had", "said",
                  "says", "will", "would", "not", "but", "than", "then", "this", "these"})


@dataclass(slots=True)
class ResolvedMention:
    """A stretch of the body and the actor it refers to.

    ``code`` is what an event coder needs: the actor code on the publication date ("RUS",
    "PRK.GOV" for Pyongyang acting, "PRK.MED" for North Korean media, "RUS.GOV" for Russia's
    president). ``nested`` marks a mention inside a longer one (the demonym of "North Korean
    leader"); consumers that want one actor per stretch skip those.
    """

    start: int
    end: int
    text: str
    actor_id: str | None
    method: str  # alias | chain | role | metonym | demonym | context | new
    confidence: float
    code: str | None = None
    label: str | None = None  # the NER label, corrected by the KB where it knows better
    nested: bool = False


class Resolution(list[ResolvedMention]):
    """The resolved mentions of one article (a list), plus the corpus actors it created:
    unknown names and country-sector groups, which the store adds to its actor table."""

    new_actors: list[Actor]

    def __init__(self, mentions: Sequence[ResolvedMention] = (),
                 new_actors: Sequence[Actor] = ()) -> None:
        super().__init__(mentions)
        self.new_actors = list(new_actors)


@dataclass(slots=True)
class Unit:
    """A candidate name: a KB match, an NER mention, or both agreeing."""

    start: int
    end: int
    w0: int
    w1: int
    label: str | None
    hits: list[Hit]
    nested: bool = False
    title: str | None = None
    actor_id: str | None = None
    method: str = ""
    confidence: float = 0.0
    code: str | None = None
    kind: str | None = None


@dataclass(slots=True)
class Document:
    body: str
    published_day: str | None  # ISO: who held which office then
    kb: KB
    lex: Lexicon
    words: list[Word]
    keys: list[str]
    starts: list[int]
    tokens: Sequence[Token] | None
    token_starts: list[int]
    sentences: list[int]  # start offsets (timex.context.sentence_starts)
    ner: list[tuple[int, int, str]] = field(default_factory=list)
    new_actors: dict[str, Actor] = field(default_factory=dict)
    role_words: set[int] = field(default_factory=set)

    def text(self, start: int, end: int) -> str:
        return self.body[start:end]

    def word_span(self, start: int, end: int) -> tuple[int, int]:
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def sentence_start(self, pos: int) -> int:
        return self.sentences[sentence_of(self.sentences, pos)]

    def pos_at(self, start: int) -> str | None:
        """The part of speech of the token starting at a character offset, where tokens are
        known."""
        if not self.tokens:
            return None
        i = bisect_left(self.token_starts, start)
        return self.tokens[i].pos if i < len(self.tokens) and self.tokens[i].start == start \
            else None

    def modifies_act(self, w: int) -> bool:
        """Whether word ``w`` is an adjective of a noun that names an act ("military
        cooperation", "the military aid"): a sector word so used names no institution, where
        before a party ("military delegation", "military sources") it says whose. The acts
        are the event lexicon's nouns.
        """
        if not self.tokens or not self.words[w].text.islower():
            return False
        i = bisect_left(self.token_starts, self.words[w].start)
        if i >= len(self.tokens) or self.tokens[i].pos != "ADJ":
            return False
        return self.tokens[self.tokens[i].head].lemma.lower() in predicates().nouns

    def assails(self, i: int) -> bool:
        """Whether token ``i`` is a word of force that strikes a place ("attack", "strikes",
        "shelled"): one the event lexicon reads as an ASSAULT in some sense, other than a war,
        which its governing verb declares or wages on a state ("declared war on Seoul")."""
        token = self.tokens[i]
        lexicon = predicates()
        table = lexicon.nouns if token.pos == "NOUN" else lexicon.verbs
        return any(sense.type == "ASSAULT" and not sense.governor
                   for sense in table.get(token.lemma.lower(), ()))

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor of an id: the KB entry's, or the corpus actor this article made."""
        entry = self.kb.get(actor_id or "")
        return entry.actor if entry is not None else self.new_actors.get(actor_id or "")

    def ner_label(self, start: int, end: int, *, exact: bool = False) -> str | None:
        for s, e, label in self.ner:
            if (s == start and e == end) if exact else (s <= start and end <= e):
                return label
        return None


def new_actor(doc: Document, name: str, kind: str, country: str | None,
              sector: str | None = None) -> Actor:
    """The corpus actor an unknown name makes, one per name and article (``_new`` after its
    slug when a KB entry has that id)."""
    name = " ".join(name.split())
    actor_id = slug(name)
    if actor_id in doc.kb:
        actor_id = f"{actor_id}_new"
    actor = doc.new_actors.get(actor_id)
    if actor is None:
        actor = Actor(id=actor_id, name=name, kind=kind, country=country, sector=sector)
        doc.new_actors[actor_id] = actor
    elif actor.country is None and country:
        actor.country = country
    return actor


def group_actor(doc: Document, country: str, sector: str | None) -> Actor:
    """The country-sector group "PRK.MED" ("North Korean media"), one per article."""
    actor_id = f"{country}.{sector}" if sector else country
    if sector is None:
        return doc.kb.entries[country].actor
    actor = doc.new_actors.get(actor_id)
    if actor is None:
        entry = doc.kb.get(country)
        name = f"{entry.actor.name} ({sector})" if entry else actor_id
        actor = Actor(id=actor_id, name=name, kind="organisation", country=country,
                      sector=sector)
        doc.new_actors[actor_id] = actor
    return actor


def actor_code(doc: Document, actor_id: str) -> str | None:
    """The actor code on the article's date of a KB entry or of a corpus actor it created."""
    if actor_id in doc.kb:
        return doc.kb.code(actor_id, doc.published_day)
    actor = doc.new_actors.get(actor_id)
    if actor is None or (not actor.country and not actor.roles):
        return None
    if actor.kind == "person":
        return person_code(actor, doc.published_day)
    return f"{actor.country}.{actor.sector}" if actor.sector else actor.country


def set_actor(doc: Document, unit: Unit, actor_id: str, method: str, *,
              penalty: float = 0.0) -> None:
    """Resolve a unit to an actor by ``method``, with that method's confidence less any
    ``penalty``, and the actor's code and kind on the article's date."""
    unit.actor_id = actor_id
    unit.method = method
    unit.confidence = round(CONFIDENCE[method] - penalty, 2)
    entry = doc.kb.get(actor_id)
    if entry is not None:
        unit.code = doc.kb.code(actor_id, doc.published_day)
        if unit.code is None and entry.actor.kind == "place":
            unit.code = entry.actor.country
        unit.kind = entry.actor.kind
    else:
        actor = doc.new_actors.get(actor_id)
        if actor is not None:
            unit.kind = actor.kind
            unit.code = actor_code(doc, actor_id)


def unit_country(doc: Document, unit: Unit) -> str | None:
    """The country (or IGO) code of a unit resolved to a country or an IGO, else None."""
    entry = doc.kb.get(unit.actor_id or "")
    if entry is None:
        return None
    if entry.actor.kind == "country":
        return entry.actor.country
    if entry.actor.kind == "igo":
        return entry.code
    return None


def main_country(doc: Document, units: list[Unit]) -> str | None:
    """The country the article names most often: whose office "the President" means."""
    counts: Counter[str] = Counter()
    for u in units:
        c = unit_country(doc, u)
        if c and not c.startswith("IGO."):
            counts[c] += 1
    return counts.most_common(1)[0][0] if counts else None


def country_hits(doc: Document, w0: int, w1: int) -> list[Hit]:
    """The KB hits by which words ``w0``..``w1`` name a country: its name, an alias or its
    demonym ("Sudan", "the DPRK", "Sudanese")."""
    return [h for h in doc.kb.lookup_key(doc.keys[w0:w1])
            if doc.kb.entries[h.entry].actor.kind == "country"
            and h.type in ("name", "alias", "demonym")]


def after_place_noun(body: str, start: int, lex: Lexicon) -> bool:
    """Whether the name at ``start`` follows "the town of", "the city of": a place's name,
    which no person's is."""
    noun = _PLACE_NOUN_OF.search(body, max(0, start - 24), start)
    return noun is not None and noun.group(1).lower() in lex.place_nouns


def label_of(doc: Document, unit: Unit) -> str | None:
    """The entity label of a resolved unit: its actor's kind where known, else the NER's (a
    people the knowledge base lacks stays NORP, though its corpus actor is a group)."""
    if unit.label == "NORP" and unit.method == "new":
        return "NORP"
    if unit.kind is not None:
        return LABEL_OF_KIND.get(unit.kind, unit.label)
    return unit.label
