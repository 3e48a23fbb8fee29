"""Who acts and who is acted on: the parties of a predicate, read off the dependency parse.

A side of an event is a phrase of the parse (the subject, the object, the object of "to" or
"with"); its parties are the resolved actor mentions inside that phrase, so "Russia and China"
gives two parties and "the Chilean delegation led by Foreign Minister Ana Rojas" gives
Chile and Rojas. Relative and adverbial clauses inside the phrase are left out: they name
other acts' parties. "he"/"she" is the person last named, as for speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from newsgraph.actors.kb import person_code
from newsgraph.actors.lexicon import actor_lexicon
from newsgraph.events.lexicon import predicates
from newsgraph.model import ACTOR_LABELS, PLACE_LABELS, Actor, ActorCode, Article, Mention, Party
from newsgraph.speech.speakers import Speakers
from newsgraph.syntax import Tree
from newsgraph.timex.published import dated_value

# Dependents that start another statement inside a phrase ("the envoy, who visited Seoul").
OTHER_CLAUSES = ("relcl", "advcl", "ccomp", "parataxis", "punct", "cc", "mark", "prep")
# Prepositions whose object still names the party ("the leader of Peru", "the
# delegation from China", "what was then known as the Soviet Union", "an attack by the RSF
# killed …"); other prepositional phrases are circumstances.
PARTY_PREPS = frozenset({"of", "from", "as", "by"})
# Up to four words of a title between a demonym and the person it qualifies ("Kenyan Prime
# Minister Raila Odinga", "Russian Security Council Secretary Sergei Shoigu")
_TITLE_WORDS = re.compile(r"(?:[\w.’'-]+\s+){0,3}[\w.’'-]+")
# An acl participle that names who heads the party ("the delegation led by Rojas").
LEADING = frozenset({"lead", "head", "headed"})
# Nouns by which a text refers back to a country it named ("the isolated nation severed
# links"), and how many sentences back the country may be named.
COUNTRY_ANAPHORS = frozenset({"country", "nation", "regime", "kingdom", "republic"})
ANAPHOR_SENTENCES = 2
# "both countries", "the two sides": the last two countries (for "sides", the last two
# countries or organisations; for "leaders", people) named within the anaphor's reach.
_SIDES = ("country", "organisation", "igo")
PAIR_ANAPHORS = {"country": ("country",), "nation": ("country",), "neighbour": ("country",),
                 "neighbor": ("country",), "side": _SIDES, "party": _SIDES, "foe": _SIDES,
                 "rival": _SIDES, "enemy": _SIDES, "adversary": _SIDES,
                 "belligerent": _SIDES,
                 # "the two leaders", "both ministers": the last two people named
                 **dict.fromkeys(("leader", "minister", "president", "premier", "counterpart",
                                  "envoy", "diplomat", "chief", "commander", "general",
                                  "official"), ("person",))}


class Parties:
    """Resolves argument phrases of one article to parties (resolved mentions)."""

    def __init__(self, article: Article, tree: Tree) -> None:
        self.tree = tree
        self.body = article.body
        self.mentions = sorted(
            (m for m in article.mentions if m.actor_id and m.label in ACTOR_LABELS),
            key=lambda m: m.start,
        )
        self.starts = [m.start for m in self.mentions]
        self.actors: dict[str, Actor] = {a.id: a for a in article.actors}
        self.published_day = dated_value(article.published)
        self.speakers = Speakers(article, tree)

    def phrase(self, head: int) -> list[int]:
        """The tokens of the argument phrase headed by ``head``, without other clauses."""
        tree = self.tree
        skip = [
            k for k in tree.kids(head)
            if tree.tokens[k].dep in OTHER_CLAUSES
            and not (tree.tokens[k].dep == "prep" and tree.lower(k) in PARTY_PREPS)
        ]
        skip += [
            k for k in tree.kids(head, "acl")
            if tree.tokens[k].lemma.lower() not in LEADING
        ]
        return tree.subtree(head, skip=skip)

    def of(self, head: int | None) -> list[Party]:
        """The parties named by the phrase headed by ``head`` (none for an unnamed phrase)."""
        if head is None:
            return []
        tree = self.tree
        token = tree.tokens[head]
        if token.pos == "PRON":
            speaker = self.speakers.resolve([head])
            if speaker.actor_id is None:
                return []
            return [Party(tree.text(head), token.start, token.end, speaker.actor_id,
                          self._code_of(speaker.actor_id, None))]
        phrase = self.phrase(head)
        appositions = [t for k in tree.kids(head, "appos") for t in tree.subtree(k)]
        # "Shoigu, now secretary of Russia's Security Council, met Kim": a name says who; its
        # apposition only describes them
        parties = self.within(*tree.span([t for t in phrase if t not in appositions])) \
            if appositions else []
        if not parties:
            parties = self.within(*tree.span(phrase))
        if not parties:  # "opposition groups in Zimbabwe", "militias in Iraq"
            for prep in tree.kids(head, "prep"):
                if tree.lower(prep) == "in":
                    parties = self._placed(head, self.within(*tree.span(tree.subtree(prep))))
        if not parties and self._country_anaphor(head):
            country = self._last_country_before(token.start)
            if country is not None:
                parties = [Party(tree.text(head), token.start, token.end, country.actor_id,
                                 self._code_of(country.actor_id, country.code))]
        if not parties and (kinds := self._pair_anaphor(head)):
            parties = [Party(tree.text(head), token.start, token.end, m.actor_id,
                             self._code_of(m.actor_id, m.code))
                       for m in self._last_before(token.start, kinds, 2)]
        if not parties and token.lemma.lower() in _armed():
            # "its troops", "their warplanes": whose (not "its residents"), as its military
            for owner in tree.kids(head, "poss"):
                if tree.tokens[owner].pos == "PRON":
                    parties = [Party(p.text, p.start, p.end, p.actor_id,
                                     f"{p.code}.MIL" if p.code and "." not in p.code
                                     else p.code) for p in self.of(owner)]
        return parties

    def _placed(self, head: int, places: list[Party]) -> list[Party]:
        """The parties a group placed "in" these is: a country's own group ("militias in
        Iraq" are IRQ.REB, "opposition groups in Zimbabwe" ZWE), and the forces a sector noun
        names in a city or region, of its country ("police in Nairobi" are KEN.POL)."""
        sector = self.sector_of(head)
        parties = []
        for place in places:
            if self._is_country(place.actor_id):
                parties.append(replace(place, code=f"{place.code}.{sector}")
                               if sector and place.code and "." not in place.code else place)
            elif sector and place.code and "." not in place.code:
                parties.append(replace(place, actor_id=place.code,
                                       code=f"{place.code}.{sector}"))
        return parties

    def sector_of(self, head: int) -> str | None:
        """The sector a group noun names ("militias" REB, "security forces" POL), if any."""
        tree = self.tree
        words = [tree.lower(k) for k in tree.kids(head, "compound", "amod")] + [tree.lower(head)]
        for start in range(len(words)):
            found = actor_lexicon().sector_nouns.match(words, start)
            if found is not None and found[0] == len(words):
                return found[1]
        return None

    def _country_anaphor(self, head: int) -> bool:
        """ "the (isolated) nation", "the country": a country named before, not a new one."""
        tree = self.tree
        return (tree.tokens[head].lemma.lower() in COUNTRY_ANAPHORS
                and any(tree.lower(k) == "the" for k in tree.kids(head, "det"))
                and not tree.kids(head, "prep", "poss", "relcl", "acl"))

    def _is_country(self, actor_id: str | None) -> bool:
        actor = self.actors.get(actor_id or "")
        return actor is not None and actor.kind == "country"

    def _pair_anaphor(self, head: int) -> tuple[str, ...]:
        """The kinds of actor "both countries" / "the two sides" at ``head`` refers back to
        (none when the phrase is no such anaphor)."""
        tree = self.tree
        kinds = PAIR_ANAPHORS.get(tree.tokens[head].lemma.lower(), ())
        if not kinds or tree.kids(head, "prep", "poss", "relcl", "acl", "amod", "compound"):
            return ()
        if any(tree.lower(k) == "both" for k in tree.kids(head, "det", "predet", "preconj")) \
                or any(tree.lower(k) == "two" for k in tree.kids(head, "nummod")):
            return kinds
        return ()

    def _last_country_before(self, offset: int) -> Mention | None:
        """The last country mention before an offset, within the anaphor's reach."""
        found = self._last_before(offset, ("country",), 1)
        return found[0] if found else None

    def _last_before(self, offset: int, kinds: tuple[str, ...], count: int) -> list[Mention]:
        """The last ``count`` distinct actors of these kinds named before an offset, within
        the anaphor's reach (fewer found, none given)."""
        sentence = self.tree.tokens[self.tree.token_at(offset) or 0].sentence
        found: list[Mention] = []
        for mention in reversed(self.mentions[: bisect_left(self.starts, offset)]):
            if mention.sentence < sentence - ANAPHOR_SENTENCES:
                break
            actor = self.actors.get(mention.actor_id or "")
            if actor is not None and actor.kind in kinds \
                    and all(f.actor_id != mention.actor_id for f in found):
                found.append(mention)
                if len(found) == count:
                    return found[::-1]
        return []

    def within(self, start: int, end: int) -> list[Party]:
        """Resolved mentions inside [start, end), one party per actor.

        A title and the name it stands before are one party ("Foreign Minister Ana Rojas",
        whose mentions resolve to one person), and a country that only says whose official
        or institution the next mention is ("Peru's foreign minister", "Peruvian Foreign
        Minister Rojas", "Pakistan's Army") is its attribute, not a second party beside it.
        """
        inside = [m for m in self.mentions[bisect_left(self.starts, start):]
                  if m.start < end and m.end <= end]
        parties: dict[str, Party] = {}
        body_code: str | None = None  # the code of a body in the next person's title
        for k, mention in enumerate(inside):
            nxt = inside[k + 1] if k + 1 < len(inside) else None
            if nxt is not None and self._qualifies(mention, nxt):
                if not self._is_country(mention.actor_id):
                    body_code = self._code_of(mention.actor_id, mention.code)
                continue
            after = self.body[mention.end:mention.end + 16]
            if after[:1] in "-–" and after[1:].split(" ", 1)[0].lower() in \
                    actor_lexicon().property_participles:
                continue  # "Chinese-made jets", "Iranian-backed militias": no party
            party = parties.get(mention.actor_id)  # type: ignore[arg-type]
            if party is None:
                party = parties[mention.actor_id] = self._party(mention)  # type: ignore[index]
                if body_code and party.code and "." not in party.code:
                    party.code = body_code  # "Hamas leader Yahya Sinwar" acts for Hamas
                body_code = None
            elif not self.body[party.end:mention.start].strip():
                party.end = mention.end  # the name right after its title
                party.text = self.body[party.start:party.end]
        return list(parties.values())

    def _qualifies(self, country: Mention, other: Mention) -> bool:
        """Whether a mention just says whose official or institution the next mention is: a
        country with nothing but a possessive between them ("Peru's foreign minister",
        "Pakistan's Army") or only a title before its person ("Kenyan Prime Minister Raila
        Odinga"), or a body in the title of a person of its country ("Hamas leader Yahya
        Sinwar")."""
        between = self.body[country.end:other.start].strip()
        titled = other.label == "PERSON" and _TITLE_WORDS.fullmatch(between) is not None \
            and not {"and", "or", "with", "to"} & set(between.lower().split())
        code = self._code_of(other.actor_id, other.code)
        if code is None:
            return False
        parsed = ActorCode.parse(code)
        if not self._is_country(country.actor_id):
            # "Hamas leader Yahya Sinwar", "Russian Security Council Secretary Sergei Shoigu":
            # the body in the title of a person of its country is no second party
            own = self._code_of(country.actor_id, country.code)
            return titled and own is not None and ActorCode.parse(own).party == parsed.party
        if between not in ("", "'s", "’s") and not titled:
            return False  # "Former Kenyan Prime Minister Raila Odinga" is one party
        return parsed.party == country.actor_id and (other.label == "PERSON"
                                                     or bool(parsed.sector))

    def label(self, head: int) -> str | None:
        """The entity label of the mention covering a token, if any."""
        token = self.tree.tokens[head]
        index = bisect_left(self.starts, token.end) - 1
        for mention in self.mentions[max(index - 2, 0) : index + 1]:
            if mention.start <= token.start and token.end <= mention.end:
                return mention.label
        return None

    def places(self, start: int, end: int) -> list[Mention]:
        """Place mentions inside [start, end)."""
        return [
            m for m in self.mentions[bisect_left(self.starts, start):]
            if m.start < end and m.end <= end and self.is_place(m)
        ]

    def is_place(self, mention: Mention) -> bool:
        """A name of a place or country; a demonym ("Chinese" in "Chinese troops pushed …")
        names a people, which is no place even where the resolver links it to its country."""
        actor = self.actors.get(mention.actor_id or "")
        return (mention.label in PLACE_LABELS and mention.method != "demonym"
                and (actor is None or actor.kind in ("place", "country")))

    def names_town(self, head: int) -> bool:
        """Whether a word names a city or region, no country: as a modifier of an act it says
        where, not who ("the Peshawar bombing", "the Pahalgam attack")."""
        start = self.tree.tokens[head].start
        found = [m for m in self.mentions if m.start <= start < m.end]
        return bool(found) and all(
            self.is_place(m) and getattr(self.actors.get(m.actor_id or ""), "kind", None)
            != "country" for m in found)

    def organ_of(self, parties: list[Party], sector: str) -> list[Party]:
        """The parties with each country named bare coded as its organ of that sector (``ISR``
        → ``ISR.MIL``): who strikes for a state is its military, who warns its government."""
        out = []
        for party in parties:
            actor = self.actors.get(party.actor_id or "")
            if actor is not None and actor.kind == "country" and party.code == actor.country:
                party = replace(party, code=f"{party.code}.{sector}")
            out.append(party)
        return out

    def _party(self, mention: Mention) -> Party:
        return Party(mention.text, mention.start, mention.end, mention.actor_id,
                     self._code_of(mention.actor_id, mention.code))

    def _code_of(self, actor_id: str | None, code: str | None) -> str | None:
        """The mention's code, else the actor's: a person's office on the article's date ("he"
        for the foreign minister is ``RUS.GOV``), a city's country."""
        if code:
            return code
        actor = self.actors.get(actor_id or "")
        if actor is None:
            return None
        return person_code(actor, self.published_day) if actor.kind == "person" else actor.country


def _armed() -> frozenset[str]:
    """What a party fights with: the lexicon's troops and weapons."""
    groups = predicates().groups
    return groups["troops"] | groups["weapons"]


def merge(first: list[Party], second: list[Party]) -> list[Party]:
    """Parties of both sides, one per actor, in order."""
    seen = {p.actor_id for p in first}
    return first + [p for p in second if p.actor_id not in seen]


def country(code: str | None) -> str | None:
    """The side a code stands for (:attr:`ActorCode.party`): "RUS.MIL" → "RUS", "IGO.UNO"
    stays whole."""
    if not code:
        return None
    return ActorCode.parse(code).party
