"""Demonyms and context: "North Korean media" as the country-sector group ``PRK.MED``,
"the North" in a story about the Koreas (or any of the KB's divided or sibling states), "North
and South Korea", and "the peninsula" from the article's countries."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from newsgraph.actors.aliases import ELLIPSIS
from newsgraph.actors.anaphors import DETERMINERS
from newsgraph.actors.document import (
    CONFIDENCE,
    STOP,
    Document,
    ResolvedMention,
    Unit,
    group_actor,
    main_country,
    unit_country,
)
from newsgraph.model import ActorCode

_ANAPHOR = re.compile(r"\b(?:the|The) ([a-z]+)\b")


def resolve_groups(doc: Document, units: list[Unit], out: list[ResolvedMention]) -> None:
    """"North Korean media" -> PRK.MED, "Soviet pilots" -> SUN.MIL, "the country's state-run
    media" -> the story's main country."""
    keys = doc.keys
    for unit in units:
        country = unit_country(doc, unit) if unit.method in ("demonym", "alias") else None
        if country is None and unit.method == "alias" and not unit.nested:
            country = _ruling_country(doc, unit)  # "Taliban forces": the state's, since 2021
        if country is None or country.startswith("IGO.") or unit.nested:
            continue
        k = unit.w1
        if k < len(keys) and keys[k] == "'s":
            if unit.method == "demonym":
                continue
            k += 1
        group = _group_phrase(doc, k)
        if group is None:
            continue
        end_w, sector = group
        end_c = doc.words[end_w - 1].end
        actor = group_actor(doc, country, sector)
        out.append(ResolvedMention(unit.start, end_c, doc.body[unit.start:end_c], actor.id,
                                   "demonym", CONFIDENCE["demonym"], actor.id, "ORG"))
    main = main_country(doc, units)
    if main is None:
        return
    if _dominant(doc, units, main):
        _armed_groups(doc, units, out, main)
    for match in re.finditer(r"\b(?:the|The) (?:country|nation)['’]s\s+", doc.body):
        k = bisect_left(doc.starts, match.end())
        group = _group_phrase(doc, k)
        if group is None:
            continue
        end_w, sector = group
        start_c, end_c = doc.words[k].start, doc.words[end_w - 1].end
        actor = group_actor(doc, main, sector)
        out.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], actor.id,
                                   "context", CONFIDENCE["context"], actor.id, "ORG"))


def _ruling_country(doc: Document, unit: Unit) -> str | None:
    """The country an organisation governs (coded ``GOV``: the Taliban after 2021), whose
    forces, troops and officials are then the state's."""
    entry = doc.kb.get(unit.actor_id or "")
    if entry is None or entry.actor.kind != "organisation" or not entry.code:
        return None
    code = ActorCode.parse(entry.code)
    return code.party if code.sector == "GOV" and code.party else None


def _dominant(doc: Document, units: list[Unit], main: str) -> bool:
    """Whether the story is set in its main country: the only one it names, or named three
    times as often as any other (a Washington paper's story of rebels in Syria names both)."""
    counts = Counter(c for u in units if (c := unit_country(doc, u)) and not c.startswith("IGO."))
    others = [n for c, n in counts.items() if c != main]
    return not others or counts[main] >= 3 * max(others)


# Words before a group noun that make it a definite description, which refers back instead:
# the anaphors' determiners and the demonstratives.
DEFINITE = DETERMINERS | {"this", "that", "these", "those"}


def _armed_groups(doc: Document, units: list[Unit], out: list[ResolvedMention],
                  main: str) -> None:
    """Armed men the text gives no country ("insurgents raided a village", "suspected
    jihadists") fight in the country the story is set in (:func:`_dominant`): its armed groups
    (``REB``). Other sectors stay unnamed: whose troops or officials they are the text must
    say."""
    taken = [(u.start, u.end) for u in units] + [(m.start, m.end) for m in out]
    for j, word in enumerate(doc.words):
        found = doc.lex.sector_nouns.match(doc.keys, j)
        if found is None or found[1] != "REB" or not word.text[:1].islower():
            continue
        end_c = doc.words[found[0] - 1].end
        if any(s < end_c and word.start < e for s, e in taken):
            continue
        if j > 0 and doc.keys[j - 1] in DEFINITE:
            continue  # "the militia" refers back (anaphors.py)
        if j > 0 and doc.keys[j - 1] in doc.lex.property_participles:
            continue  # "Iranian-backed militias" are someone's proxies, not the story's own
        if j > 0 and any(e == doc.words[j - 1].end for _, e in taken) \
                and not doc.body[doc.words[j - 1].end:word.start].strip():
            continue  # "Houthi rebels", "Malian militants": the name before says whose
        actor = group_actor(doc, main, "REB")
        out.append(ResolvedMention(word.start, end_c, doc.body[word.start:end_c], actor.id,
                                   "context", CONFIDENCE["context"], actor.id, "ORG"))


def _group_phrase(doc: Document, k: int) -> tuple[int, str] | None:
    """A sector noun within three lower-case words from word k: (end word, sector)."""
    lex, keys, ws = doc.lex, doc.keys, doc.words
    for j in range(k, min(len(keys), k + 4)):
        if j > 0 and doc.body[ws[j - 1].end:ws[j].start].strip() not in ("", "-"):
            return None  # "In Mali, militants …": the comma parts them
        if not ws[j].text[:1].islower() or keys[j] in STOP or j in doc.role_words:
            return None
        if doc.pos_at(ws[j].start) in ("VERB", "AUX"):
            return None  # "India deployed troops": a clause, not a group
        found = lex.sector_nouns.match(keys, j)
        if found is not None:
            end, sector = found
            if doc.modifies_act(end - 1):
                return None  # "Russia's military cooperation": no group
            while end < len(keys) and keys[end] in lex.continuations and \
                    not doc.body[ws[end - 1].end:ws[end].start].strip():
                end += 1
            return end, sector
    return None


def _sibling_words(doc: Document, countries: set[str | None]) -> dict[str, str]:
    """The words that name a sibling state in this story ("North" -> "PRK" where one of the
    Koreas is named), from the KB's ``siblings`` tables; a word two tables claim is left out."""
    found: dict[str, set[str]] = {}
    for group in doc.kb.siblings:
        if group.applies(countries, doc.published_day):
            for code, word in group.names:
                found.setdefault(word, set()).add(code)
    return {word: next(iter(codes)) for word, codes in found.items() if len(codes) == 1}


def resolve_context(doc: Document, units: list[Unit], out: list[ResolvedMention]) -> None:
    """"the North"/"the South" in a story about the Koreas (the KB's sibling states), "North
    and South Korea", "the peninsula"."""
    kb = doc.kb
    countries = {unit_country(doc, u) for u in units}
    covered = [(u.start, u.end) for u in units if u.actor_id is not None and u.method != "new"]
    words = _sibling_words(doc, countries)
    if words:
        pattern = re.compile(r"\b(?:the|The) (" + "|".join(map(re.escape, sorted(words)))
                             + r")\b(?!\s+[A-Z])")
        for match in pattern.finditer(doc.body):
            start, end = match.start(1), match.end(1)
            if any(s <= start < e for s, e in covered):
                continue
            for u in units:  # the NER's "North" as an unknown place: it is the sibling state
                if u.start == start and u.end == end and u.method == "new":
                    u.actor_id = None
            code = words[match.group(1)]
            entry = kb.get(code)
            out.append(ResolvedMention(start - 4, end, doc.body[start - 4:end],
                                       entry.id if entry else code, "context",
                                       CONFIDENCE["context"], entry.code if entry else code,
                                       "GPE"))
    for match in ELLIPSIS.finditer(doc.body):
        name = f"{match.group(1)} {match.group(2)}"
        hits = [h for h in kb.lookup(name) if kb.entries[h.entry].actor.kind == "country"]
        start, end = match.start(1), match.end(1)
        if hits and not any(s <= start < e for s, e in covered):
            entry = kb.entries[hits[0].entry]
            out.append(ResolvedMention(start, end, doc.body[start:end], entry.id, "context",
                                       CONFIDENCE["context"], entry.code, "GPE"))
    main = main_country(doc, units)
    recent: dict[str, str] = {}
    anaphor_units = sorted((u.start, kb.entries[u.actor_id].anaphor, u.actor_id) for u in units
                           if u.actor_id in kb.entries and kb.entries[u.actor_id].anaphor)
    for match in _ANAPHOR.finditer(doc.body):
        noun = match.group(1)
        if noun not in doc.lex.place_anaphors:
            continue
        start, end = match.start(1), match.end(1)
        if any(s <= start < e for s, e in covered):
            continue
        for pos, anaphor, actor_id in anaphor_units:
            if pos < start and anaphor == noun:
                recent[noun] = actor_id
        target = recent.get(noun)
        if target is None and main is not None:
            target = next((e.id for e in kb if e.anaphor == noun and main in e.part_of), None)
        if target is not None:
            begin = match.start()
            out.append(ResolvedMention(begin, end, doc.body[begin:end], target, "context",
                                       CONFIDENCE["context"], None, "LOC"))


def mark_nested(out: list[ResolvedMention]) -> None:
    """Flags mentions that lie inside a longer one (``out`` is sorted by start, longest first)."""
    for i, m in enumerate(out):
        for other in out[:i]:
            if other.start <= m.start and m.end <= other.end and \
                    (other.end - other.start) > (m.end - m.start):
                m.nested = True
                break
