"""Descriptions and roles: "the North Korean leader", "Russia's top military official", "the
President of Russia", "his Chinese counterpart" — a role noun of the lexicon and the country
from a demonym, a possessive or an "of" phrase, resolved to the KB's holder at the article's
date; a description right before or after a name stands for that name and gives an unknown
person the role. One place for events and speakers alike."""

from __future__ import annotations

from bisect import bisect_left

from newsgraph.actors.aliases import accept
from newsgraph.actors.document import (
    CONFIDENCE,
    Document,
    ResolvedMention,
    Unit,
    actor_code,
    country_hits,
    group_actor,
    main_country,
    new_actor,
    set_actor,
    unit_country,
)
from newsgraph.actors.kb import (
    SINGLE_HOLDER,
    active,
    role_at,
)
from newsgraph.actors.lexicon import RoleNoun
from newsgraph.model import Role

# The role noun office of "counterpart" (data/actor_lexicon.yaml): the office of the person
# named last, in the country the noun names.
COUNTERPART = "counterpart"


def described(doc: Document, unit: Unit) -> bool:
    """A description the NER took for a name: "the North Korean leader" is the office holder,
    "Soviet troops" the country's military — not a new actor of their own."""
    prefixed = country_prefix(doc, unit)
    if prefixed is None:
        return False
    country, n = prefixed
    lex, start = doc.lex, unit.w0 + n
    role = lex.role_nouns.match(doc.keys, start)
    if role is not None and role[0] > unit.w1:
        return True  # the NER cut a title short ("Paraguayan Defence| Minister"): no name
    if unit.w1 < len(doc.words) and doc.words[unit.w1].text[:1].isupper():
        return False  # a title before a name ("Russian President Vladimir Putin")
    if role is not None and role[0] == unit.w1:
        holder = office_holder(doc, country, role[1])
        if holder is not None:
            set_actor(doc, unit, holder, "role")
            return True
    group = lex.sector_nouns.match(doc.keys, start)
    if group is not None and group[0] == unit.w1 and not country.startswith("IGO."):
        set_actor(doc, unit, group_actor(doc, country, group[1]).id, "demonym")
        return True
    return False


def country_prefix(doc: Document, unit: Unit) -> tuple[str, int] | None:
    """(country, words it takes) when a unit starts with a country name or demonym, with its
    possessive ("Sudan's Armed Forces")."""
    for n in range(min(4, unit.w1 - unit.w0 - 1), 0, -1):
        for h in country_hits(doc, unit.w0, unit.w0 + n):
            entry = doc.kb.entries[h.entry]
            if unit.w0 + n < unit.w1 - 1 and doc.keys[unit.w0 + n] == "'s":
                n += 1
            return entry.actor.country or entry.id, n
    return None


def resolve_institution(doc: Document, unit: Unit, sector: str) -> None:
    """"Air Force", "General Staff", "politburo": the country from an adjacent demonym (the
    name then includes it) or from the sentence."""
    kb = doc.kb
    if unit.w0 > 0:
        prev = doc.words[unit.w0 - 1]
        gap = doc.body[prev.end:unit.start]
        for start_w in range(max(0, unit.w0 - 3), unit.w0):
            hits = kb.lookup_key(doc.keys[start_w:unit.w0])
            country = next((kb.entries[h.entry].actor.country for h in hits
                            if kb.entries[h.entry].actor.kind == "country"), None)
            if country and not gap.strip():
                start = doc.words[start_w].start
                name = doc.body[start:unit.end]
                found = [h for h in kb.lookup(name)]
                if found:
                    unit.start, unit.w0, unit.hits = start, start_w, found
                    set_actor(doc, unit, found[0].entry, "alias")
                    return
                unit.start, unit.w0 = start, start_w
                actor = new_actor(doc, name, "organisation", country, sector)
                set_actor(doc, unit, actor.id, "new")
                return
    country = country_before(doc, unit.start)
    if country:
        set_actor(doc, unit, group_actor(doc, country, sector).id, "context")


def country_before(doc: Document, pos: int, *, same_sentence: bool = True) -> str | None:
    """The country of the nearest country name or demonym before ``pos`` (in its sentence)."""
    start = doc.sentence_start(pos) if same_sentence else 0
    lo = bisect_left(doc.starts, start)
    hi = bisect_left(doc.starts, pos)
    for i in range(hi - 1, lo - 1, -1):
        for n in range(min(4, i + 1), 0, -1):
            for h in country_hits(doc, i - n + 1, i + 1):
                if accept(doc, h, i - n + 1, i + 1):
                    return doc.kb.entries[h.entry].actor.country
    return None


def resolve_descriptions(doc: Document, units: list[Unit], out: list[ResolvedMention]) -> None:
    """Role nouns with a country, resolved through the office holder on the publication date."""
    lex, keys = doc.lex, doc.keys
    by_end = {u.w1: u for u in units if u.actor_id is not None}
    by_start = {u.w0: u for u in units if u.actor_id is not None}
    main = main_country(doc, units)
    i = 0
    while i < len(keys):
        found = lex.role_nouns.match(keys, i)
        if found is None:
            i += 1
            continue
        end, noun = found
        if (i > 0 and keys[i - 1] in lex.not_current) or _inside_person(units, doc, i):
            i = end
            continue
        country, span_start = _description_country(doc, by_end, i, end)
        method = "role"
        if country is None and i > 0 and keys[i - 1] == "the" and noun.offices != (COUNTERPART,) \
                and doc.words[i].text.islower() and _named_after(doc, by_start, end) is None:
            holder = _last_holder(doc, units, out, doc.words[i].start, noun)
            if holder is not None:  # "… Khawaja Asif said. The defence minister added …"
                start_c, end_c = doc.words[i].start, doc.words[end - 1].end
                out.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], holder,
                                           "chain", CONFIDENCE["chain"],
                                           actor_code(doc, holder), "PERSON"))
                i = end
                continue
        if country is None and main is not None and _bare_title(doc, i, end):
            country, span_start, method = main, doc.words[i - 1].start, "context"
        before = bisect_left(doc.starts, span_start) - 1
        if country is None or (before >= 0 and keys[before] in lex.not_current):
            i = end  # "the former US president" is not the current one
            continue
        start_c, end_c = span_start, doc.words[end - 1].end
        of_end = _of_country_end(doc, end)
        if of_end is not None and span_start == doc.words[i].start:
            end_c = of_end
        if noun.offices == (COUNTERPART,):
            office = _office_of_last_named(doc, units, out, doc.words[i].start)
            if office is None or not office_holder(doc, country, RoleNoun((office,), None)):
                # an office the KB does not table ("his Indian counterpart" of a general):
                # the country's officials, so that talks with them have their other side
                actor = group_actor(doc, country, "GOV")
                out.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], actor.id,
                                           method, CONFIDENCE[method], actor.id, "ORG"))
                i = end
                continue
            noun = RoleNoun((office,), None)
        named = _named_after(doc, by_start, end) or _named_before(doc, by_end, i, span_start)
        holder_id = named.actor_id if named is not None else office_holder(doc, country, noun)
        if named is not None and named.actor_id in doc.new_actors:
            actor = doc.new_actors[named.actor_id]
            office = _office_for(doc, country, noun)
            if actor.kind == "person" and office and not actor.roles:
                # a corpus actor carries the role the text gives it, as of the article's date
                day = doc.published_day[:10] if doc.published_day else None
                actor.roles.append(Role(office, country, doc.body[start_c:end_c], day))
                actor.country = actor.country or (None if country.startswith("IGO.") else country)
        if holder_id is not None:
            code = actor_code(doc, holder_id)
            out.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], holder_id,
                                       method, CONFIDENCE[method], code, "PERSON"))
        i = end


def _people_before(units: list[Unit], found: list[ResolvedMention],
                   pos: int) -> list[tuple[int, str]]:
    """(end, actor id) of the people named, by name or by description, before ``pos``, the
    last first."""
    named = [(u.end, u.actor_id) for u in units if u.kind == "person" and u.actor_id] + \
        [(m.end, m.actor_id) for m in found if m.label == "PERSON" and m.actor_id]
    return [(end, actor_id) for end, actor_id in sorted(named, reverse=True) if end <= pos]


def _last_holder(doc: Document, units: list[Unit], found: list[ResolvedMention], pos: int,
                 noun: RoleNoun) -> str | None:
    """The person named last before ``pos`` who holds, on the article's date, the office a
    description without a country names ("the defence minister" after Khawaja Asif)."""
    for _, actor_id in _people_before(units, found, pos):
        actor = doc.actor(actor_id)
        role = role_at(actor, doc.published_day) if actor is not None else None
        if role is None:
            continue
        offices = [_office_for(doc, role.country, noun)] if noun.offices == ("leader",) \
            else list(noun.offices)
        if role.office in offices:
            return actor_id
    return None


def _office_of_last_named(doc: Document, units: list[Unit], found: list[ResolvedMention],
                          pos: int) -> str | None:
    """The one-holder office held on the article's date by the person named last before
    ``pos`` (by name or by description), within the sentence and the two before it."""
    earliest = doc.sentence_start(pos)
    for _ in range(2):
        earliest = doc.sentence_start(max(earliest - 1, 0))
    for end, actor_id in _people_before(units, found, pos):
        if end < earliest:
            return None
        actor = doc.actor(actor_id)
        role = role_at(actor, doc.published_day) if actor is not None else None
        if role is not None:
            return role.office if role.office in SINGLE_HOLDER else None
    return None


def _description_country(doc: Document, by_end: dict[int, Unit], i: int,
                         end: int) -> tuple[str | None, int]:
    """The country a role noun at words i..end belongs to, and where the description starts:
    "North Korean leader", "the US president", "Russia's top military official", "NATO
    Secretary General", "the President of Russia"."""
    kb, keys, ws = doc.kb, doc.keys, doc.words
    j = i
    for _ in range(3):
        unit = by_end.get(j)
        if unit is not None and _joined(doc, unit, ws[j].start):
            country = unit_country(doc, unit)
            if country:
                return country, unit.start
        if j >= 1 and keys[j - 1] == "'s" and (unit := by_end.get(j - 1)) is not None:
            country = unit_country(doc, unit)
            if country:
                return country, ws[i].start
        if j >= 1 and keys[j - 1] in doc.lex.role_modifiers \
                and not doc.body[ws[j - 1].end:ws[j].start].strip():
            j -= 1  # "Russia's top diplomat", not "Israel's opposition leader"
            continue
        break
    for w0 in range(i - 1, max(-1, i - 1 - kb.max_alias_words), -1):
        # a country the NER merged into the title ("Paraguayan Defence| Minister"), so that no
        # resolved unit ends before the role noun
        if i == 0 or doc.body[ws[i - 1].end:ws[i].start].strip():
            break
        if any(u.w0 <= w0 < u.w1 for u in by_end.values()) or not ws[w0].text[:1].isupper():
            continue
        for h in kb.lookup_key(keys[w0:i]):
            if kb.entries[h.entry].actor.kind == "country" and h.type in ("alias", "demonym"):
                return kb.entries[h.entry].code, ws[w0].start
    if end + 1 < len(keys) and keys[end] == "of":
        k = end + 1
        if keys[k] == "the":
            k += 1
        for w1 in range(min(len(keys), k + kb.max_alias_words), k, -1):
            for h in kb.lookup_key(keys[k:w1]):
                entry = kb.entries[h.entry]
                if entry.actor.kind in ("country", "igo") and h.type != "surname" \
                        and accept(doc, h, k, w1):
                    return entry.code, ws[i].start
    return None, 0


def _joined(doc: Document, unit: Unit, noun_start: int) -> bool:
    """Whether a name and the role noun starting at ``noun_start`` are one description:
    nothing between them but a space or a hyphen, or the full stop of an abbreviation ("U.S.
    President"), never the end of a sentence ("… in India. President Trump")."""
    gap = doc.body[unit.end:noun_start].strip()
    return gap in ("", "-") or (gap == "." and "." in doc.body[unit.start:unit.end])


def _bare_title(doc: Document, i: int, end: int) -> bool:
    """"The President said": a capitalised title after "the", with no country, no "of" and
    no name after it, means the office holder of the story's main country."""
    ws = doc.words
    if i == 0 or doc.keys[i - 1] != "the" or not ws[i].text[:1].isupper():
        return False
    followed = end < len(ws) and doc.body[ws[end - 1].end:ws[end].start].strip() == ""
    return not (followed and (doc.keys[end] == "of" or ws[end].text[:1].isupper()))


def _inside_person(units: list[Unit], doc: Document, i: int) -> bool:
    """Whether word i is part of a person's name ("Emperor Hirohito" is a KB alias)."""
    pos = doc.words[i].start
    return any(u.start <= pos < u.end and u.kind == "person" and u.actor_id for u in units)


def _of_country_end(doc: Document, end: int) -> int | None:
    """The end of "of (the) <country or IGO>" right after word ``end``, if there is one."""
    keys, kb = doc.keys, doc.kb
    if end + 1 >= len(keys) or keys[end] != "of":
        return None
    k = end + 1 + (keys[end + 1] == "the")
    for w1 in range(min(len(keys), k + kb.max_alias_words), k, -1):
        for h in kb.lookup_key(keys[k:w1]):
            if kb.entries[h.entry].actor.kind in ("country", "igo") and h.type != "surname" \
                    and accept(doc, h, k, w1):
                return doc.words[w1 - 1].end
    return None


def _named_after(doc: Document, by_start: dict[int, Unit], end: int) -> Unit | None:
    unit = by_start.get(end)
    if unit is not None and unit.kind == "person" and \
            not doc.body[doc.words[end - 1].end:unit.start].strip():
        return unit
    return None


def _named_before(doc: Document, by_end: dict[int, Unit], i: int, start: int) -> Unit | None:
    """"Kim Jong Un, leader of North Korea": the name before an appositive description."""
    w = bisect_left(doc.starts, start)
    if w >= 1 and doc.keys[w - 1] == "the":
        w -= 1
    unit = by_end.get(w)
    if unit is not None and unit.kind == "person":
        gap = doc.body[unit.end:doc.words[w].start]
        if gap.strip() == ",":
            return unit
    return None


def _office_for(doc: Document, country: str, noun: RoleNoun) -> str | None:
    offices = list(noun.offices)
    if offices == ["leader"]:
        entry = doc.kb.get(country)
        return (entry.leader if entry and entry.leader else "head_of_state")
    return offices[0] if offices else None


def office_holder(doc: Document, country: str, noun: RoleNoun) -> str | None:
    kb = doc.kb
    offices = list(noun.offices)
    if offices == ["leader"]:
        offices = [_office_for(doc, country, noun) or "head_of_state"]
    candidates: list[str] = []
    for office in offices:
        for actor_id in kb.holders(office, country, doc.published_day):
            if actor_id not in candidates:
                candidates.append(actor_id)
    if noun.title:
        titled = [a for a in candidates if any(
            noun.title in r.title.lower() and r.country == country and active(r, doc.published_day)
            for r in kb.entries[a].actor.roles)]
        candidates = titled or candidates
    return candidates[0] if candidates else None
