"""The actor knowledge base: YAML data files, loaded once per process, indexed for lookup.

The KB is data the project writes itself from public facts (countries, capitals, international
organisations, who held which office when), kept as YAML under ``newsgraph/data/kb/`` so that
users can read it, correct it and extend it with files of their own (``load_kb(extra_files)``,
the CLI's ``--kb FILE``). Every file holds either a list of entries or a mapping with:

``defaults``
    fields applied to every entry of the file (``{kind: person}``);
``entries``
    actors in the :class:`~newsgraph.model.Actor` schema (id, name, kind, country, sector,
    wikidata, wikipedia, aliases, roles), plus the resolution hints listed in :data:`EXTRA_KEYS`;
    a role is ``{office, country, title, start, end}`` or the list
    ``[office, country, title, start, end]``;
``offices``
    tenure tables, the compact form of who held an office when:
    ``{country, office, title, holders: [[name or id, start, end, title?], ...]}``; a holder
    that no entry defines becomes a person entry (id slugged from the name, country from the
    office), so the tables alone are enough to add a government;
``overlaps``
    declared exceptions to the one-holder-at-a-time rule (acting heads of state next to a
    suspended one, co-premiers): ``{office, country, holders: [id, id], reason}``;
``siblings``
    divided or sibling states that news names by a point of the compass once one of them is
    in the story ("the North" and "the South" for the two Koreas):
    ``{states: {code: word, ...}, start, end, require: any | all, wikipedia}`` (see
    :class:`Siblings`).

An entry whose id already exists in an earlier file is merged into it (fields override, aliases
and roles add up), which is how a user file corrects or extends the built-in data.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import srsly

from newsgraph import settings
from newsgraph.actors.normalize import is_acronym, key, slug
from newsgraph.data import append_checked
from newsgraph.model import Actor, Role
from newsgraph.timex.dates import iso_day

OFFICES: tuple[str, ...] = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "minister",
    "military_commander", "party_official", "legislator", "diplomat", "spokesperson", "official",
    "none",
)
# Offices that one person holds at a time in a country: the validator checks their tenures
# do not overlap, and ``holder`` can answer with one name.
SINGLE_HOLDER: frozenset[str] = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
)
# When a person holds several roles at once, the one a reader names them by comes first:
# a state office before a party office (Xi Jinping is "President", not "General Secretary").
OFFICE_PRIORITY: tuple[str, ...] = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "minister",
    "military_commander", "diplomat", "spokesperson", "legislator", "party_official", "official",
)
KINDS: frozenset[str] = frozenset({"person", "country", "organisation", "igo", "place"})
# Sectors after the dot of an actor code. Intelligence services are SPY (not INT, which
# PLOVER-style coders also use for "international"); POL is police, CVL civilians.
SECTORS: frozenset[str] = frozenset(
    {"GOV", "MIL", "SPY", "POL", "MED", "PTY", "JUD", "LEG", "BUS", "EDU", "REL", "NGO",
     "REB", "CVL", "HLT"}
)
ACTOR_KEYS: frozenset[str] = frozenset(
    {"id", "name", "kind", "country", "sector", "wikidata", "wikipedia", "aliases", "roles"}
)
# Resolution hints beyond the Actor schema:
# demonyms      adjectives/nouns of a country ("North Korean"), resolved as the country
# weak_aliases  aliases that are also common words or names ("Chad", "Jordan"): they match
#               only where the NER tagged a place or organisation there
# seat_of       a capital or seat of government ("Pyongyang", "the Kremlin"): the country
#               whose government it stands for when it acts
# leader        the office "the <country> leader" means (head_of_government in parliamentary
#               systems; head_of_state is the default)
# surname       the name a person is called by alone, where it is not the last word
# start, end    when a state or organisation existed
# part_of       countries a region belongs to (for "the peninsula" in a Korean story)
# anaphor       the noun that refers back to the entry ("peninsula")
# coordinates   [latitude, longitude] of a place the gazetteer packages lack (a site, a
#               region's centre point), from public facts
# place_kind    what such a place is: site (a base, a crossing, a cosmodrome), city or region
# note          free text for readers of the file
EXTRA_KEYS: frozenset[str] = frozenset(
    {"demonyms", "weak_aliases", "seat_of", "leader", "surname", "start", "end", "part_of",
     "anaphor", "coordinates", "place_kind", "note"}
)
PLACE_KINDS: tuple[str, ...] = ("site", "city", "region")
# An office table: who held ``office`` in ``country`` when (``holders``: name, start, end and
# an optional title), under a ``title``, with the ``source`` the tenures were taken from (a
# public list of office-holders, by URL).
TABLE_KEYS: frozenset[str] = frozenset({"country", "office", "title", "holders", "source"})
# Name order: in these countries the family name comes first ("Kim Jong Un" is Mr. Kim).
# Vietnamese names put it first too, but news calls a Vietnamese by the given name, last
# ("Prime Minister Pham Minh Chinh … Chinh said"), so Vietnam is not here.
FAMILY_NAME_FIRST: frozenset[str] = frozenset(
    {"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "KHM", "MNG", "SGP"}
)
# Where news calls a person by the first of their names: patronymic naming (Ethiopia, Eritrea,
# Iceland: "Abiy", "Isaias", "Bjarni"), Malay names ("Anwar"), Thai usage ("Paetongtarn").
GIVEN_NAME_USED: frozenset[str] = frozenset({"ETH", "ERI", "ISL", "MYS", "THA"})
# Codes outside ISO 3166-1 that the KB may define as historical states (ISO 3166-3 and the
# common user-assigned Kosovo code).
HISTORICAL_CODES: frozenset[str] = frozenset(
    {"SUN", "YUG", "DDR", "CSK", "SCG", "VDR", "YMD", "XKX", "ANT", "BUR", "ZAR", "TMP"}
)

BUILTIN_DIR = "kb"


@dataclass(slots=True)
class Entry:
    """One KB record: the actor and the hints resolution uses."""

    actor: Actor
    demonyms: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    seat_of: str | None = None
    leader: str | None = None
    surname: str | None = None
    start: str | None = None
    end: str | None = None
    part_of: list[str] = field(default_factory=list)
    anaphor: str | None = None
    coordinates: tuple[float, float] | None = None
    place_kind: str | None = None
    source: str = ""

    @property
    def id(self) -> str:
        return self.actor.id

    @property
    def code(self) -> str | None:
        """The actor code: "RUS", "RUS.MIL", "IGO.NATO"; None for a person or region."""
        actor = self.actor
        if actor.kind == "igo":
            return actor.id if actor.id.startswith("IGO.") else f"IGO.{actor.id}"
        if actor.kind == "person" or not actor.country:
            return None
        return f"{actor.country}.{actor.sector}" if actor.sector else actor.country


@dataclass(frozen=True, slots=True)
class Hit:
    """An alias of an entry, as the index holds it."""

    entry: str  # entry id
    type: str  # name | alias | demonym | surname | weak
    acronym: bool  # written in capitals: matches capitals only
    alias: str = ""  # as written in the KB (a lower-case alias matches lower-case text)


@dataclass(frozen=True, slots=True)
class Siblings:
    """States that news calls "the <word>" when one of them is in the story: ``{"PRK":
    "North", "KOR": "South"}``. ``start``/``end`` bound the publication dates the usage holds
    for (the two Germanies before 1990); ``require`` is ``any`` (one of the states named is
    enough) or ``all`` (every state must be named, where the words are ambiguous alone).
    ``wikipedia`` is the article the fact comes from."""

    names: tuple[tuple[str, str], ...]  # (code, word), in file order
    start: str | None = None
    end: str | None = None
    require: str = "any"
    wikipedia: str = ""
    source: str = ""

    def active(self, date: str | None) -> bool:
        """Whether the usage holds on ``date`` (without a date: now)."""
        return active(Role("none", "", "", self.start, self.end), date)

    def applies(self, countries: Iterable[str | None], date: str | None) -> bool:
        """Whether a story naming ``countries``, published on ``date``, uses these words."""
        codes = {code for code, _ in self.names}
        present = codes.intersection(countries)
        if not present or not self.active(date):
            return False
        return present == codes if self.require == "all" else True


@dataclass(slots=True)
class OverlapException:
    office: str
    country: str
    holders: frozenset[str]
    reason: str


class KB:
    """Entries by id, the alias index and the tenure index, built once."""

    def __init__(self, entries: dict[str, Entry], problems: list[str],
                 exceptions: list[OverlapException], files: list[str],
                 siblings: Sequence[Siblings] = ()) -> None:
        self.entries = entries
        self.problems = problems
        self.exceptions = exceptions
        self.files = files
        self.siblings = list(siblings)
        self.trie: dict[str, Any] = {}
        self.max_alias_words = 1
        self.surnames: dict[str, list[str]] = defaultdict(list)
        self.tenures: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        self.by_wikipedia: dict[str, str] = {}
        self.capitals: dict[str, str] = {}  # country -> the place that is its capital
        self._build()

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        for entry in self.entries.values():
            actor = entry.actor
            if entry.seat_of and actor.kind == "place":
                self.capitals.setdefault(entry.seat_of, entry.id)
            weak = set(entry.weak_aliases)
            if actor.name not in weak:
                self._add(actor.name, entry.id, "name")
            for alias in actor.aliases:
                if alias not in weak:
                    self._add(alias, entry.id, "alias")
            for alias in entry.demonyms:
                self._add(alias, entry.id, "demonym")
            for alias in entry.weak_aliases:
                self._add(alias, entry.id, "weak")
            if actor.wikipedia:
                self.by_wikipedia.setdefault(wiki_key(actor.wikipedia), entry.id)
                if "(" not in actor.wikipedia:
                    self._add(actor.wikipedia.replace("_", " "), entry.id, "alias")
            if actor.kind == "person":
                for alias in person_variants(actor.name):
                    self._add(alias, entry.id, "alias")
                surname = entry.surname if entry.surname is not None else default_surname(actor)
                if surname:
                    self.surnames[key(surname)[0] if key(surname) else ""].append(entry.id)
                    self._add(surname, entry.id, "surname")
            for role in actor.roles:
                self.tenures[(role.office, role.country)].append((role, entry.id))

    def _add(self, alias: str, entry_id: str, type_: str) -> None:
        words = key(alias)
        if len(words) > 1 and words[0] == "the":  # "the Kremlin" is found as "Kremlin"
            words = words[1:]
        if not words:
            return
        node = self.trie
        for word in words:
            node = node.setdefault(word, {})
        hits: list[Hit] = node.setdefault("", [])
        hit = Hit(entry_id, type_, is_acronym(alias), alias.removeprefix("the "))
        if all(h.entry != entry_id or h.type != type_ or h.acronym != hit.acronym for h in hits):
            hits.append(hit)
        self.max_alias_words = max(self.max_alias_words, len(words))

    # -- lookups ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def actor(self, entry_id: str) -> Actor | None:
        entry = self.entries.get(entry_id)
        return entry.actor if entry else None

    def lookup(self, text: str) -> list[Hit]:
        """Every entry whose normalized alias is exactly ``text``."""
        return self.lookup_key(key(text))

    def lookup_key(self, words: Sequence[str]) -> list[Hit]:
        if len(words) > 1 and words[0] == "the":
            words = words[1:]
        node = self.trie
        for word in words:
            node = node.get(word)  # type: ignore[assignment]
            if node is None:
                return []
        return list(node.get("", []))

    def longest(self, keys: Sequence[str], start: int) -> tuple[int, list[Hit]]:
        """The longest alias starting at ``keys[start]``: (number of words, hits)."""
        node = self.trie
        best: tuple[int, list[Hit]] = (0, [])
        for i in range(start, min(len(keys), start + self.max_alias_words)):
            node = node.get(keys[i])  # type: ignore[assignment]
            if node is None:
                break
            if "" in node:
                best = (i - start + 1, node[""])
        return best

    def by_wiki(self, title: str) -> str | None:
        """The entry id whose ``wikipedia`` title is ``title`` (underscores or spaces)."""
        return self.by_wikipedia.get(wiki_key(title))

    def holders(self, office: str, country: str, date: str | None) -> list[str]:
        """Ids of the people holding ``office`` in ``country`` on ``date`` (ISO), best first.

        Acting holders come after substantive ones; with ``date`` None, the current holders.
        """
        found = [
            (role.title.lower().startswith("acting"), entry_id)
            for role, entry_id in self.tenures.get((office, country), [])
            if active(role, date)
        ]
        return [entry_id for _, entry_id in sorted(found, key=lambda f: f[0])]

    def holder(self, office: str, country: str, date: str | None) -> Actor | None:
        """The person holding ``office`` in ``country`` on ``date``: ``holder(
        "head_of_state", "RUS", "2015-01-01")`` is Vladimir Putin."""
        ids = self.holders(office, country, date)
        return self.entries[ids[0]].actor if ids else None

    def by_office(self, ids: Sequence[str], date: str | None) -> list[tuple[int, str]]:
        """The people among ``ids`` in office on ``date`` with their office's rank (0 the
        highest, :data:`OFFICE_PRIORITY`), highest first; those with no office then are out."""
        rank = {office: i for i, office in enumerate(OFFICE_PRIORITY)}
        return sorted((rank.get(role.office, len(rank)), entry_id) for entry_id in ids
                      if (entry := self.entries.get(entry_id)) is not None
                      and entry.actor.kind == "person"
                      and (role := role_at(entry.actor, date)) is not None)

    def senior(self, ids: Sequence[str], date: str | None) -> str | None:
        """The one person among ``ids`` whose office on ``date`` outranks every other's: a
        surname the prime minister shares with a minister is the prime minister's."""
        ranked = self.by_office(ids, date)
        if ranked and (len(ranked) == 1 or ranked[0][0] < ranked[1][0]):
            return ranked[0][1]
        return None

    def code(self, entry_id: str, date: str | None = None) -> str | None:
        """The actor code an event coder uses for an entry on ``date``.

        Organisations and countries carry theirs; a person in office takes the office's
        country and the sector of the office (a head of state is ``RUS.GOV``).
        """
        entry = self.entries.get(entry_id)
        if entry is None:
            return None
        return person_code(entry.actor, date) if entry.actor.kind == "person" else entry.code

    def country_entries(self) -> Iterable[Entry]:
        return (e for e in self.entries.values() if e.actor.kind == "country")

    # -- validation ------------------------------------------------------------------------

    def validate(self) -> list[str]:
        """Every problem with the data, as readable lines (empty when the KB is sound).

        Load problems (unparsable files, duplicate ids, unknown keys) come first, then codes,
        offices, date order, and overlapping tenures of one-holder offices.
        """
        problems = list(self.problems)
        codes = valid_codes(self)
        for entry in self.entries.values():
            actor = entry.actor
            where = f"{entry.source}: {actor.id}"
            if actor.kind not in KINDS:
                problems.append(f"{where}: unknown kind {actor.kind!r}")
            if actor.kind == "igo":
                if not actor.id.startswith("IGO."):
                    problems.append(f"{where}: an IGO id must be IGO.X")
                if actor.country:
                    problems.append(f"{where}: an IGO has no country")
            elif actor.country and actor.country not in codes:
                problems.append(f"{where}: unknown country code {actor.country!r}")
            if actor.kind == "country" and actor.id != actor.country:
                problems.append(f"{where}: a country's id must be its code")
            if actor.sector and actor.sector not in SECTORS:
                problems.append(f"{where}: unknown sector {actor.sector!r}")
            if entry.place_kind and entry.place_kind not in PLACE_KINDS:
                problems.append(f"{where}: unknown place_kind {entry.place_kind!r}; "
                                f"kinds: {', '.join(PLACE_KINDS)}")
            wikidata = actor.wikidata
            if wikidata and not (wikidata.startswith("Q") and wikidata[1:].isdigit()):
                problems.append(f"{where}: bad wikidata id {actor.wikidata!r}")
            if entry.seat_of and entry.seat_of not in codes:
                problems.append(f"{where}: seat_of {entry.seat_of!r} is not a code")
            if entry.leader and entry.leader not in OFFICES:
                problems.append(f"{where}: leader {entry.leader!r} is not an office")
            for part in entry.part_of:
                if part not in codes:
                    problems.append(f"{where}: part_of {part!r} is not a code")
            if not _date_order(entry.start, entry.end):
                problems.append(f"{where}: start {entry.start} after end {entry.end}")
            for role in actor.roles:
                if role.office not in OFFICES:
                    problems.append(f"{where}: unknown office {role.office!r}")
                if role.country not in codes and not (
                    role.country.startswith("IGO.") and role.country in self.entries
                ):
                    problems.append(f"{where}: unknown office country {role.country!r}")
                for date in (role.start, role.end):
                    if date is not None and not _is_date(date):
                        problems.append(f"{where}: bad date {date!r}")
                if not _date_order(role.start, role.end):
                    problems.append(f"{where}: {role.title} starts {role.start} after {role.end}")
        problems.extend(self._siblings())
        problems.extend(self._overlaps())
        return problems

    def _siblings(self) -> list[str]:
        problems: list[str] = []
        for group in self.siblings:
            where = f"{group.source}: siblings {'/'.join(c for c, _ in group.names)}"
            if len(group.names) < 2:
                problems.append(f"{where}: needs two states or more")
            for code, word in group.names:
                if code not in self.entries or self.entries[code].actor.kind != "country":
                    problems.append(f"{where}: {code!r} is not a country in the KB")
                if not word or not word[:1].isupper():
                    problems.append(f"{where}: the word for {code} must be capitalised")
            if len({w for _, w in group.names}) != len(group.names):
                problems.append(f"{where}: two states share a word")
            if group.require not in ("any", "all"):
                problems.append(f"{where}: require must be any or all")
            if not _date_order(group.start, group.end):
                problems.append(f"{where}: ends before it starts")
        return problems

    def _overlaps(self) -> list[str]:
        allowed = {(e.office, e.country, e.holders) for e in self.exceptions}
        problems: list[str] = []
        for (office, country), tenures in sorted(self.tenures.items()):
            if office not in SINGLE_HOLDER:
                continue
            spans = sorted(
                (role.start or "0000", role.end or "9999", entry_id) for role, entry_id in tenures
            )
            for i, (start_a, end_a, a) in enumerate(spans):
                for start_b, end_b, b in spans[i + 1:]:
                    if start_b >= end_a:
                        break
                    if a == b and start_b == start_a and end_b == end_a:
                        problems.append(f"{office} {country}: {a} listed twice from {start_a}")
                        continue
                    if (office, country, frozenset((a, b))) in allowed:
                        continue
                    problems.append(
                        f"{office} {country}: {a} ({start_a}..{end_a}) overlaps "
                        f"{b} ({start_b}..{end_b})"
                    )
        return problems


# The sector of each office's code. A defence minister heads the state's military
# establishment and is MIL, as event data codes defence ministers and their ministries (CAMEO's
# and ICEWS's actor dictionaries, and the gold keys), beside the officers commanding the
# forces; every other minister is GOV. An ``official`` has no sector of its own and takes the
# person's (an intelligence chief's SPY).
OFFICE_SECTOR: dict[str, str] = {
    "head_of_state": "GOV", "head_of_government": "GOV", "foreign_minister": "GOV",
    "defence_minister": "MIL", "minister": "GOV", "military_commander": "MIL",
    "party_official": "PTY", "legislator": "LEG", "diplomat": "GOV", "spokesperson": "GOV",
}


def wiki_key(title: str) -> str:
    """A Wikipedia title compared the way Wikipedia does: underscores are spaces, the first
    letter is case-insensitive, percent-escapes decoded."""
    from urllib.parse import unquote

    text = unquote(title).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def active(role: Role, date: str | None) -> bool:
    """Whether ``role`` is held on ``date``: from its start (inclusive) to its end (exclusive,
    the day the successor takes over); an open bound is open. Without a date: held now."""
    if date is None:
        return role.end is None
    day = date[:10]
    return (role.start is None or role.start <= day) and (role.end is None or day < role.end)


def role_at(actor: Actor, date: str | None) -> Role | None:
    """The role a person is named by on ``date`` (see :data:`OFFICE_PRIORITY`), or None."""
    current = [r for r in actor.roles if active(r, date) and r.office != "none"]
    if not current:
        return None
    rank = {office: i for i, office in enumerate(OFFICE_PRIORITY)}
    return min(current, key=lambda r: (rank.get(r.office, len(rank)),
                                        r.title.lower().startswith("acting")))


def person_code(actor: Actor, date: str | None) -> str | None:
    """A person's actor code on ``date``: the country and sector of the office they hold then
    (a head of state is ``RUS.GOV``, a chief of staff ``RUS.MIL``; an ``official`` takes the
    person's sector, so an intelligence chief coded ``SPY`` is ``RUS.SPY``), an IGO's
    code for an IGO office, else the person's country. Without a date, a person out of
    office is coded by their offices when all of them give one code (a former foreign
    minister is still ``PAK.GOV`` in an undated article). The same rule serves the
    knowledge base's people and the corpus actors an article names with a title."""
    role = role_at(actor, date)
    if role is None and date is None:
        # an undated article: the code every office the person ever held gives, if one
        codes = {_role_code(actor, r) for r in actor.roles if r.office != "none"}
        return codes.pop() if len(codes) == 1 else actor.country
    if role is None:
        return actor.country
    return _role_code(actor, role)


def _role_code(actor: Actor, role: Role) -> str:
    if role.country.startswith("IGO."):
        return role.country
    return f"{role.country}.{OFFICE_SECTOR.get(role.office) or actor.sector or 'GOV'}"


def default_surname(actor: Actor) -> str | None:
    """The word a person is called by alone: the family name, first in East Asian names; the
    first name where news uses it alone (:data:`GIVEN_NAME_USED`)."""
    parts = [p for p in actor.name.replace("-", " ").split() if not p.endswith(".")]
    if len(parts) < 2:
        return parts[0] if parts else None
    country = actor.country or (actor.roles[0].country if actor.roles else None)
    if country in FAMILY_NAME_FIRST or country in GIVEN_NAME_USED:
        return actor.name.split()[0]
    return parts[-1]


def person_variants(name: str) -> list[str]:
    """Spellings of a full name that are still unambiguous enough to index as aliases:
    without middle initials ("Harry S. Truman" -> "Harry Truman")."""
    parts = name.split()
    if len(parts) <= 2:
        return []
    kept = [p for i, p in enumerate(parts) if i in (0, len(parts) - 1) or not _initial(p)]
    return [" ".join(kept)] if len(kept) != len(parts) and len(kept) >= 2 else []


def _initial(word: str) -> bool:
    letters = word.replace(".", "")
    return word.endswith(".") and len(letters) <= 2 and letters.isupper()


def _is_date(value: str) -> bool:
    return iso_day(value) is not None


def _date_order(start: str | None, end: str | None) -> bool:
    return start is None or end is None or start <= end


@cache
def _iso_codes() -> frozenset[str]:
    import pycountry

    current = {c.alpha_3 for c in pycountry.countries}
    former = {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(current | former)


def valid_codes(kb: KB | None = None) -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, ISO 3166-3 codes of former states, and the historical
    states the KB defines."""
    extra: set[str] = set(HISTORICAL_CODES)
    if kb is not None:
        extra.update(e.actor.country for e in kb.country_entries() if e.actor.country)
    return _iso_codes() | extra


# -- loading -------------------------------------------------------------------------------


def builtin_files() -> list[Path]:
    """The KB files shipped with the package, in a stable order."""
    folder = resources.files("newsgraph.data").joinpath(BUILTIN_DIR)
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_kb(extra_files: Sequence[Path | str] = (), *, builtin: bool = True) -> KB:
    """The built-in KB with ``extra_files`` (same schema) merged on top, in order."""
    base = builtin_files() if builtin else []
    extra = [Path(f) for f in extra_files]
    loader = _Loader()
    for path in base:
        loader.load_file(path, user=False)
    for path in extra:
        loader.load_file(path, user=True)
    return loader.finish([str(f) for f in (*base, *extra)])


def default_kb() -> KB:
    """The KB the stages use: the built-in one with the user files of
    :func:`newsgraph.settings.resources` on top, built once per process for each set."""
    return kb_for(settings.resources().kb_files)


@cache
def kb_for(extra_files: tuple[str, ...]) -> KB:
    """A KB with user files, cached per set of files so a process builds it once."""
    return load_kb([Path(f) for f in extra_files])


def add_entry(path: Path | str, entry: dict[str, Any]) -> list[str]:
    """Append ``entry`` to the user KB file ``path`` (created when missing).

    The entry is checked first (against the built-in KB and the file's other entries); the
    problems are returned and nothing is written when there are any.
    """
    path = Path(path)
    existing = read_data(path) if path.exists() else {"entries": []}
    if isinstance(existing, list):
        existing = {"entries": existing}
    existing.setdefault("entries", [])
    candidate = dict(entry)
    candidate.setdefault("id", slug(str(candidate.get("name", ""))))
    existing["entries"].append(_plain(candidate))
    problems = append_checked(path, existing, lambda tmp: [
        p for p in load_kb([tmp]).validate() if tmp.name in p or candidate["id"] in p])
    kb_for.cache_clear()
    return problems


def _plain(value: Any) -> Any:
    """A value YAML can write: dataclasses as dicts, dates as ISO strings."""
    if isinstance(value, Role):
        return {k: v for k, v in (("office", value.office), ("country", value.country),
                                  ("title", value.title), ("start", value.start),
                                  ("end", value.end)) if v is not None}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return value


def read_data(path: Path) -> Any:
    """A YAML file's data with dates as ISO strings.

    Parsing YAML in pure Python costs about a second per 300 kB; the parsed data is cached as
    JSON under the user's cache folder, keyed by the file's content hash, so only the first
    process after an edit pays it.
    """
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:24]
    return settings.cached_json(f"kb-{digest}.json",
                                lambda: _plain(srsly.yaml_loads(raw.decode("utf-8"))))


class _Loader:
    """Collects entries, tenure tables and exceptions from files, then builds the KB."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_name: dict[str, str] = {}
        self.problems: list[str] = []
        self.exceptions: list[OverlapException] = []
        self.tables: list[tuple[str, dict[str, Any]]] = []
        self.siblings: list[Siblings] = []

    def load_file(self, path: Path, *, user: bool) -> None:
        try:
            data = read_data(path)
        except Exception as error:
            self.problems.append(f"{path}: cannot be read: {error}")
            return
        if data is None:
            return
        if isinstance(data, list):
            data = {"entries": data}
        if not isinstance(data, dict):
            self.problems.append(f"{path}: expected a list or a mapping of entries")
            return
        unknown = set(data) - {"defaults", "entries", "offices", "overlaps", "siblings"}
        if unknown:
            self.problems.append(f"{path}: unknown top-level keys {sorted(unknown)}")
        defaults = data.get("defaults") or {}
        for raw in data.get("entries") or []:
            if not isinstance(raw, dict):
                self.problems.append(f"{path}: an entry must be a mapping: {raw!r}")
                continue
            self._entry({**defaults, **raw}, path.name, user=user)
        for table in data.get("offices") or []:
            self.tables.append((path.name, table))
        for raw in data.get("overlaps") or []:
            try:
                self.exceptions.append(OverlapException(
                    raw["office"], raw["country"], frozenset(raw["holders"]),
                    raw.get("reason", "")))
            except (KeyError, TypeError):
                self.problems.append(f"{path}: bad overlap exception {raw!r}")
        for raw in data.get("siblings") or []:
            try:
                self.siblings.append(Siblings(
                    tuple((str(c), str(w)) for c, w in raw["states"].items()),
                    _date(raw.get("start")), _date(raw.get("end")),
                    str(raw.get("require") or "any"), str(raw.get("wikipedia") or ""),
                    path.name))
            except (KeyError, TypeError, AttributeError, ValueError):
                self.problems.append(f"{path}: bad siblings table {raw!r}")

    def _entry(self, raw: dict[str, Any], source: str, *, user: bool) -> None:
        unknown = set(raw) - ACTOR_KEYS - EXTRA_KEYS
        name = str(raw.get("name") or "").strip()
        entry_id = str(raw.get("id") or slug(name))
        if unknown:
            self.problems.append(f"{source}: {entry_id}: unknown keys {sorted(unknown)}")
        roles = [r for r in (self._role(x, source, entry_id) for x in raw.get("roles") or []) if r]
        if entry_id in self.entries:
            if not user:
                self.problems.append(
                    f"{source}: duplicate id {entry_id} (first in {self.entries[entry_id].source})"
                )
                return
            self._merge(self.entries[entry_id], raw, roles)
            return
        if not name:
            self.problems.append(f"{source}: {entry_id}: an entry needs a name")
            return
        actor = Actor(
            id=entry_id, name=name, kind=str(raw.get("kind") or "organisation"),
            country=raw.get("country"), sector=raw.get("sector"), wikidata=raw.get("wikidata"),
            wikipedia=raw.get("wikipedia"), aliases=[str(a) for a in raw.get("aliases") or []],
            roles=roles,
        )
        entry = Entry(
            actor=actor, demonyms=[str(d) for d in raw.get("demonyms") or []],
            weak_aliases=[str(a) for a in raw.get("weak_aliases") or []],
            seat_of=raw.get("seat_of"), leader=raw.get("leader"), surname=raw.get("surname"),
            start=raw.get("start"), end=raw.get("end"), part_of=list(raw.get("part_of") or []),
            anaphor=raw.get("anaphor"), coordinates=self._coordinates(raw, source, entry_id),
            place_kind=raw.get("place_kind"), source=source,
        )
        self.entries[entry_id] = entry
        if actor.kind == "person":
            self.by_name.setdefault(name, entry_id)

    def _coordinates(self, raw: dict[str, Any], source: str,
                     entry_id: str) -> tuple[float, float] | None:
        value = raw.get("coordinates")
        if value is None:
            return None
        try:
            latitude, longitude = (float(v) for v in value)
        except (TypeError, ValueError):
            latitude = longitude = float("nan")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.problems.append(f"{source}: {entry_id}: coordinates must be [latitude, longitude]"
                                 f" in degrees, not {value!r}")
            return None
        return latitude, longitude

    def _merge(self, entry: Entry, raw: dict[str, Any], roles: list[Role]) -> None:
        actor = entry.actor
        for name in ("name", "kind", "country", "sector", "wikidata", "wikipedia"):
            if raw.get(name) is not None:
                setattr(actor, name, raw[name])
        actor.aliases.extend(a for a in raw.get("aliases") or [] if a not in actor.aliases)
        actor.roles.extend(r for r in roles if r not in actor.roles)
        for name in ("demonyms", "weak_aliases", "part_of"):
            values = getattr(entry, name)
            values.extend(v for v in raw.get(name) or [] if v not in values)
        for name in ("seat_of", "leader", "surname", "start", "end", "anaphor", "place_kind"):
            if raw.get(name) is not None:
                setattr(entry, name, raw[name])
        if raw.get("coordinates") is not None:
            entry.coordinates = self._coordinates(raw, entry.source, entry.id)

    def _role(self, raw: Any, source: str, entry_id: str) -> Role | None:
        try:
            if isinstance(raw, dict):
                return Role(str(raw["office"]), str(raw["country"]), str(raw.get("title") or ""),
                            _date(raw.get("start")), _date(raw.get("end")))
            office, country, title, *dates = raw
            dates = [*dates, None, None]
            return Role(str(office), str(country), str(title), _date(dates[0]), _date(dates[1]))
        except (KeyError, TypeError, ValueError):
            self.problems.append(f"{source}: {entry_id}: bad role {raw!r}")
            return None

    def _tables(self) -> None:
        for source, table in self.tables:
            try:
                office, country = str(table["office"]), str(table["country"])
                title = str(table.get("title") or "")
                holders = table["holders"]
            except (KeyError, TypeError):
                self.problems.append(f"{source}: bad office table {table!r}")
                continue
            where = f"{source}: {office} {country}"
            unknown = set(table) - TABLE_KEYS
            if unknown:
                self.problems.append(f"{where}: unknown keys {sorted(unknown)}")
            if not table.get("source"):
                self.problems.append(f"{where}: a table needs a source")
            for row in holders:
                if not isinstance(row, list) or not row:
                    self.problems.append(f"{source}: bad holder {row!r} in {office} {country}")
                    continue
                who = str(row[0])
                cells = [*row[1:], None, None, None]
                entry_id = who if who in self.entries else self.by_name.get(who)
                if entry_id is None:
                    entry_id = slug(who)
                    if entry_id in self.entries:  # same slug, different spelling: one person
                        self.by_name[who] = entry_id
                    else:
                        self._entry({"id": entry_id, "name": who, "kind": "person",
                                     "country": None if country.startswith("IGO.") else country},
                                    source, user=False)
                entry = self.entries[entry_id]
                role = Role(office, country, str(cells[2] or title),
                            _date(cells[0]), _date(cells[1]))
                if role not in entry.actor.roles:
                    entry.actor.roles.append(role)

    def finish(self, files: list[str]) -> KB:
        self._tables()
        for entry in self.entries.values():
            actor = entry.actor
            if actor.kind == "person" and actor.wikipedia is None:
                actor.wikipedia = actor.name  # people are named by their Wikipedia titles
            if actor.kind == "person" and actor.country is None:
                countries = [r.country for r in actor.roles if not r.country.startswith("IGO.")]
                actor.country = countries[0] if countries else None
            actor.roles.sort(key=lambda r: (r.start or "", r.end or "9999"))
        return KB(self.entries, self.problems, self.exceptions, files, self.siblings)


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    text = str(value)
    if iso_day(text) is None:
        raise ValueError(f"{text!r} is not an ISO date")
    return text[:10]
