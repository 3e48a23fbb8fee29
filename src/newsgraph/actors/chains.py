"""Names to actors, in document order: KB entries chosen by the in-document chain and the
date, surnames and "Mr. X" to the nearest full name before them, capitals acting as their
governments, and unknown names as corpus actors."""

from __future__ import annotations

from bisect import bisect_left

from newsgraph.actors.aliases import accept, title_before
from newsgraph.actors.descriptions import country_prefix, described, resolve_institution
from newsgraph.actors.document import (
    CONFIDENCE,
    KIND_OF_LABEL,
    Document,
    Unit,
    country_hits,
    new_actor,
    set_actor,
)
from newsgraph.actors.kb import (
    active,
    default_surname,
)
from newsgraph.actors.normalize import key
from newsgraph.model import Actor, Role

# Prepositions after which a capital is a place, not its government.
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "through",
                      "into", "from", "to", "toward", "towards", "within", "via", "of", "over",
                      "beyond", "throughout", "downtown"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss", "dobj", "dative",
                          "iobj", "expl"})


def resolve_names(doc: Document, units: list[Unit]) -> None:
    """Names to entries in document order, with the in-document chain of people."""
    kb = doc.kb
    chain: list[tuple[str, tuple[str, ...]]] = []  # (actor id, words it may be called by)
    for unit in units:
        if unit.title is None:
            unit.title = title_before(doc, unit.w0)
        keys = tuple(doc.keys[unit.w0:unit.w1])
        if unit.hits:
            _resolve_known(doc, unit, keys, chain)
        else:
            _resolve_unknown(doc, unit, keys, chain)
        if unit.actor_id is None:
            continue
        actor = kb.actor(unit.actor_id) or doc.new_actors.get(unit.actor_id)
        if actor is not None and actor.kind == "person" and unit.method != "chain":
            chain.append((actor.id, _short_forms(doc, actor)))


def _short_forms(doc: Document, actor: Actor) -> tuple[str, ...]:
    entry = doc.kb.get(actor.id)
    if entry is not None:
        surname = entry.surname if entry.surname is not None else default_surname(actor)
        forms = {key(surname)[-1]} if surname else set()
        return tuple(forms)
    parts = key(actor.name)
    return tuple({parts[0], parts[-1]}) if parts else ()


def _resolve_known(doc: Document, unit: Unit, keys: tuple[str, ...],
                   chain: list[tuple[str, tuple[str, ...]]]) -> None:
    kb = doc.kb
    strong = [h for h in unit.hits if h.type not in ("surname", "weak")]
    hits = strong or unit.hits
    if len(keys) == 1 and (unit.label == "PERSON" or all(h.type == "surname" for h in hits)):
        for actor_id, forms in reversed(chain):
            if keys[0] in forms:
                set_actor(doc, unit, actor_id, "chain")
                return
    ids = list(dict.fromkeys(h.entry for h in hits))
    if len(ids) > 1:
        ids = _disambiguate(doc, ids, chain)
    if not ids:
        return
    method = "demonym" if all(h.type == "demonym" for h in hits if h.entry == ids[0]) else "alias"
    set_actor(doc, unit, ids[0], method, penalty=0.15 if len(ids) > 1 else 0.0)
    entry = kb.entries[ids[0]]
    if entry.seat_of and entry.actor.kind == "place" and not unit.nested and _acting(doc, unit):
        unit.method = "metonym"
        unit.confidence = CONFIDENCE["metonym"]
        unit.code = f"{entry.seat_of}.GOV"


def _disambiguate(doc: Document, ids: list[str],
                  chain: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Several entries share an alias: the one already in the story, else the one in office on
    the publication date (the highest office first), else, among organisations and places, the
    one that existed then, else the first."""
    in_chain = [actor_id for actor_id, _ in reversed(chain) if actor_id in ids]
    if in_chain:
        return [in_chain[0]]
    if all(doc.kb.entries[i].actor.kind == "person" for i in ids):
        senior = doc.kb.senior(ids, doc.published_day)
        if senior is not None:
            return [senior]
        return [i for _, i in doc.kb.by_office(ids, doc.published_day)] or ids
    # an organisation that changed what it is has one entry per period ("the Taliban" before
    # and after 2021-08-15): the one that existed on the publication date
    existing = [i for i in ids if doc.kb.entries[i].actor.kind == "person" or active(
        Role("none", "", "", doc.kb.entries[i].start, doc.kb.entries[i].end), doc.published_day)]
    order = {"country": 0, "igo": 1, "organisation": 2, "place": 3, "person": 4}
    return sorted(existing or ids, key=lambda i: order.get(doc.kb.entries[i].actor.kind, 9))


def _resolve_unknown(doc: Document, unit: Unit, keys: tuple[str, ...],
                     chain: list[tuple[str, tuple[str, ...]]]) -> None:
    label = unit.label or ""
    if len(keys) == 1 and doc.body[unit.start:unit.start + 1].isupper():
        # a person named in full earlier, whatever label the NER gives the short form
        for actor_id, forms in reversed(chain):
            if keys[0] in forms:
                set_actor(doc, unit, actor_id, "chain")
                return
    if label == "NORP":
        # a people or creed the knowledge base does not hold ("Druze", "Muslim rebels") is a
        # corpus group of no country; a compass word ("Western") is none
        name = doc.body[unit.start:unit.end]
        if keys not in doc.lex.not_actors:
            set_actor(doc, unit, new_actor(doc, name, "organisation", None).id, "new")
        return
    if described(doc, unit):
        return
    if label == "ORG":
        institution = doc.lex.institutions.match(keys, 0)
        if institution is not None and institution[0] == len(keys):
            resolve_institution(doc, unit, institution[1])
            if unit.actor_id is not None:
                return
        prefixed = country_prefix(doc, unit)
        if prefixed is not None:
            country, k = prefixed
            institution = doc.lex.institutions.match(keys, k)
            if institution is not None and institution[0] == len(keys):
                name = doc.body[unit.start:unit.end]
                actor = new_actor(doc, name, "organisation", country, institution[1])
                set_actor(doc, unit, actor.id, "new")
                return
    text = doc.body[unit.start:unit.end]
    if not any(c.isupper() for c in text):
        return
    kind = KIND_OF_LABEL.get(label, "organisation")
    country = _country_nearby(doc, unit) if kind in ("person", "organisation") \
        else _country_of_place(text)
    actor = new_actor(doc, text, kind, country)
    set_actor(doc, unit, actor.id, "new")


def _country_of_place(name: str) -> str | None:
    """The country a place the KB lacks lies in, where every place the gazetteer knows by that
    name lies in the same one ("Goma", "El Fasher"): the code an act against it is coded to."""
    from newsgraph.places.gazetteer import default_gazetteer  # places build on the KB

    gazetteer = default_gazetteer()
    countries = {c for p in gazetteer.candidates(name) for c in gazetteer.countries_of(p)}
    return countries.pop() if len(countries) == 1 else None


def _country_nearby(doc: Document, unit: Unit) -> str | None:
    """A demonym or country just before a new name ("Polish test pilot Jan Nowicki")."""
    lo = max(0, unit.w0 - 4)
    text_between = doc.body[doc.words[lo].start:unit.start] if unit.w0 else ""
    if any(c in text_between for c in ",;:\n"):
        lo = unit.w0 - 1 if unit.w0 else 0
    for i in range(unit.w0 - 1, lo - 1, -1):
        for n in range(min(3, i + 1), 0, -1):
            for h in country_hits(doc, i - n + 1, i + 1):
                if accept(doc, h, i - n + 1, i + 1):
                    return doc.kb.entries[h.entry].actor.country
    return None


def _acting(doc: Document, unit: Unit) -> bool:
    """Whether a capital acts (subject, possessor, object) rather than being a place."""
    after = doc.body[unit.end:unit.end + 3]
    if after[:2] in ("'s", "’s"):
        return True
    if doc.tokens:
        i = bisect_left(doc.token_starts, unit.start)
        j = bisect_left(doc.token_starts, unit.end) - 1
        if 0 <= j < len(doc.tokens) and i <= j:
            token = doc.tokens[j]
            seen = 0
            while token.dep == "conj" and seen < 5:
                token = doc.tokens[token.head]
                seen += 1
            if token.dep in SUBJECT_DEPS:
                return True
            if token.dep == "pobj":
                prep = doc.tokens[token.head]
                word = doc.body[prep.start:prep.end].lower()
                # "sanctions on Moscow" are on its government, "an attack on Kyiv" on the city
                return word not in LOCATIVE and not doc.assails(prep.head)
            return False
    before = doc.body[max(0, unit.start - 12):unit.start].lower().split()
    if before and before[-1] in LOCATIVE:
        return False
    nxt = doc.body[unit.end:unit.end + 20].split()
    return bool(nxt) and nxt[0].islower() and nxt[0].endswith(("ed", "s"))
