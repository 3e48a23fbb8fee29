"""Definite descriptions that refer back to an actor the article has named.

News names a party once and then calls it "the army", "the group", "the militia", "the
capital", "the agency". Each kind of phrase in the lexicon's ``anaphors`` table refers back by
its own rule, over the mentions already resolved before it:

* ``military`` ("the army", "the military", "the armed forces"): the last military actor named
  (a code with sector ``MIL``: "Sudan's army", "the SAF"), else the army of the country the
  article names most;
* ``national_military`` ("government forces", "the junta"): the army of the country the
  article names most, whichever foreign force was named last;
* ``armed_group`` ("the militia", "the rebels", "the paramilitary group"): the last armed group
  named (sector ``REB``);
* ``organisation`` ("the group", "the movement"): the last organisation named in this sentence
  or the two before that is no state's institution ("the group" after a rights group is that
  group, after Hezbollah and the IDF Hezbollah);
* ``capital``: the capital of the country the article names most;
* ``agency``: the last organisation named that calls itself an agency (a news agency, the
  IAEA, the CIA).

A phrase counts only after "the" or a possessive ("his paramilitary group"), or without one
for the table's ``bare_anaphors`` ("government forces"), and not when a name or an "of"
phrase follows it ("the group Hamas", "the capital of Chad"): there the name says who it is.
An "of" before a gerund is the verb's ("accused the army of bombing").
"""

from __future__ import annotations

from newsgraph.actors.document import (
    CONFIDENCE,
    Document,
    ResolvedMention,
    Unit,
    actor_code,
    group_actor,
    main_country,
)
from newsgraph.model import ActorCode
from newsgraph.timex.context import sentence_of

DETERMINERS = frozenset({"the", "his", "her", "its", "their"})
# sentences back within which "the group" may find its organisation
ORGANISATION_REACH = 2
SECTOR_OF_KIND = {"military": "MIL", "armed_group": "REB", "government": "GOV"}
# "the group" is never a state's institution ("Hezbollah and the IDF … when the group launched
# rockets" is Hezbollah)
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "POL", "JUD", "LEG"})


def resolve_anaphors(doc: Document, units: list[Unit], out: list[ResolvedMention]) -> None:
    """Add a mention for each anaphor of the lexicon that refers back (module docstring)."""
    found: list[ResolvedMention] = []
    resolved = sorted((m for m in out if m.actor_id and not m.nested), key=lambda m: m.start)
    keys, ws = doc.keys, doc.words
    main: str | None = None
    main_known = False
    for i in range(len(keys)):
        if keys[i] in DETERMINERS:
            first = i + 1
            match = doc.lex.anaphors.match(keys, first) if first < len(keys) else None
        elif i == 0 or keys[i - 1] not in DETERMINERS:
            first = i
            match = doc.lex.bare_anaphors.match(keys, first)
        else:
            continue
        if match is None:
            continue
        end, kind = match
        if doc.modifies_act(end - 1):
            continue  # "the military cooperation between …" refers to no army
        start_c, end_c = ws[first].start, ws[end - 1].end
        if end < len(ws) and not doc.body[ws[end - 1].end:ws[end].start].strip() \
                and (_own_of(doc, end) or ws[end].text[:1].isupper()):
            continue  # "the group Hamas", "the capital of Chad"
        clashing = [m for m in out if m.start < end_c and start_c < m.end]
        if any(not _generic(m, start_c, end_c) for m in clashing):
            continue
        if kind in ("military", "national_military", "government", "capital") \
                and not main_known:
            main, main_known = main_country(doc, units), True
        actor_id = _antecedent(doc, resolved, kind, start_c, main)
        if actor_id is None:
            continue
        for mention in clashing:
            out.remove(mention)  # "Army" of "Army forces withdrew" is no organisation's name
        label = "GPE" if kind == "capital" else "ORG"
        found.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], actor_id,
                                     "context", CONFIDENCE["context"],
                                     actor_code(doc, actor_id), label))
    out.extend(found)


def _generic(mention: ResolvedMention, start: int, end: int) -> bool:
    """Whether a mention inside an anaphor's words is only the NER's reading of its generic
    word as a name ("Army" of "Army forces withdrew", made a corpus actor of its own)."""
    return mention.method == "new" and start <= mention.start and mention.end <= end


def _own_of(doc: Document, i: int) -> bool:
    """Whether word ``i`` is an "of" that says whose phrase this is ("the capital of Chad"),
    not what someone is accused of ("accused the army of bombing markets")."""
    if doc.keys[i] != "of":
        return False
    after = doc.words[i + 1].text if i + 1 < len(doc.words) else ""
    return not (after.endswith("ing") and after.islower())


def _antecedent(doc: Document, resolved: list[ResolvedMention], kind: str, pos: int,
                main: str | None) -> str | None:
    """The actor an anaphor of this kind at ``pos`` refers back to, if any."""
    if kind == "capital":
        return doc.kb.capitals.get(main) if main else None
    if kind == "national_military":
        return group_actor(doc, main, "MIL").id if main else None
    earliest = 0
    if kind == "organisation":
        sentence = sentence_of(doc.sentences, pos)
        earliest = doc.sentences[max(sentence - ORGANISATION_REACH, 0)]
    sector = SECTOR_OF_KIND.get(kind)
    for mention in reversed([m for m in resolved if m.end <= pos]):
        if mention.start < earliest:
            break
        if _kind(doc, mention.actor_id) in ("person", "country", "place", None):
            continue
        if kind == "agency":
            if _is_agency(doc, mention.actor_id):
                return mention.actor_id
            continue
        own = ActorCode.parse(mention.code).sector if mention.code else ""
        if sector is None and _kind(doc, mention.actor_id) == "organisation" \
                and own not in STATE_SECTORS:
            return mention.actor_id
        if sector is not None and own == sector:
            return mention.actor_id
    if kind in ("military", "government") and main:
        return group_actor(doc, main, SECTOR_OF_KIND[kind]).id
    return None


def _is_agency(doc: Document, actor_id: str | None) -> bool:
    """Whether an organisation's name or aliases call it an agency."""
    actor = doc.actor(actor_id)
    return actor is not None and any("agency" in name.lower()
                                     for name in [actor.name, *actor.aliases])


def _kind(doc: Document, actor_id: str | None) -> str | None:
    actor = doc.actor(actor_id)
    return actor.kind if actor is not None else None
