"""Mention resolution: which actor each name, description and demonym in an article means.

The NER model finds names but mislabels them (a minister's surname as a place, "DPRK" as an
organisation), misses some (a surname left untagged), cuts others wrongly ("KCNA of", a
headline glued to a place name). The knowledge base knows the names. So resolution works
on two candidate sets at once:

1. every KB alias in the text (longest match at word boundaries, through the alias trie built
   once per process, so the cost is linear in the article), filtered by case (aliases in
   capitals match capitals only), by NER agreement for weak aliases ("Chad", "Jordan"), and,
   for a surname alone, by distinctiveness, a title ("Mr. Lavrov") or an NER person tag;
2. the NER mentions, cleaned (no "the", no possessive, no title).

Where both cover the same words, the KB wins when the NER span is its alias or crosses it; an
NER name that contains KB names keeps its span ("the State Council of the DPRK") and the names
inside are kept as nested mentions. Then, in document order:

* names resolve to KB entries, ambiguous ones by the in-document chain and the publication
  date; a surname or "Mr./President X" resolves to the nearest preceding full name that shares
  it (``chain``), so two Kims stay apart;
* descriptions resolve through roles at the publication date (``role``): "the North Korean
  leader", "Russia's top military official", "the President of Russia", "Russian Defense
  Minister" -- a role noun from the lexicon plus the country from a demonym, a possessive or an
  "of" phrase; a description right before a name stands for that name, and gives an unknown
  person the role;
* capitals and seats of government acting as subjects, possessors or objects stand for the
  government (``metonym``, code ``PRK.GOV``), and stay places after "in", "at", "to"...;
* demonyms are their country (``demonym``); with a sector noun they form a country-sector group
  ("North Korean media" -> ``PRK.MED``, "Soviet pilots" -> ``SUN.MIL``);
* "the North"/"the South" in a story about the Koreas (and the other divided or sibling states
  of the KB's ``siblings`` tables), "North and South Korea", and "the peninsula" resolve from
  document context (``context``);
* unknown names become corpus actors (``new``) with an id slugged from the name, and a country
  and role when the text gives them.

The steps live in modules by concern: :mod:`~newsgraph.actors.aliases` (candidates),
:mod:`~newsgraph.actors.chains` (names), :mod:`~newsgraph.actors.descriptions` (roles),
:mod:`~newsgraph.actors.groups` (demonyms and context), over the
:class:`~newsgraph.actors.document.Document` they share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.actors.aliases import clean_mention, dedupe, extend_names, merge_candidates, scan
from newsgraph.actors.anaphors import resolve_anaphors
from newsgraph.actors.chains import resolve_names
from newsgraph.actors.descriptions import resolve_descriptions
from newsgraph.actors.document import (
    LOCATIVE_WORDS,
    Document,
    Resolution,
    ResolvedMention,
    actor_code,
    after_place_noun,
    label_of,
)
from newsgraph.actors.groups import mark_nested, resolve_context, resolve_groups
from newsgraph.actors.kb import KB, default_kb
from newsgraph.actors.lexicon import actor_lexicon
from newsgraph.actors.normalize import words
from newsgraph.model import Mention, Token
from newsgraph.timex.context import sentence_starts

__all__ = ["Resolution", "ResolvedMention", "resolve_mentions"]


_LAST_WORD = re.compile(r"(\w+)\W*$")


def place_label(mention: tuple[int, int, str, str | None], body: str, kb: KB,
                named: set[str]) -> tuple[int, int, str, str | None]:
    """A name the NER took for a person or an organisation that is a place: unknown to the
    knowledge base, a city or region the gazetteer knows, and either after a locative word
    ("in Kharkiv", "near Bakhmut"), or for a "person" one word that no person named in full
    before it bears ("M23 seized Goma": news names a person in full before it shortens the
    name), or for an "organisation" a name of several words ("El Obeid", "Port Sudan"; one
    word is often an organisation's too, "Freedom"). A name after "the town of" is a place
    whatever else bears it. spaCy's small model tags unfamiliar city names PERSON or ORG
    often enough that, left so, they become a corpus actor and a party to the act done there.
    ``named`` holds the words of the full names before the mention."""
    start, end, label, title = mention
    if label not in ("PERSON", "ORG") or title:
        return mention
    text = body[start:end]
    if after_place_noun(body, start, actor_lexicon()):
        return start, end, "GPE", title  # "the town of Djibo", whoever else bears the name
    before = _LAST_WORD.search(body, max(0, start - 12), start)
    located = before is not None and before.group(1).lower() in LOCATIVE_WORDS
    one_word = len(text.split()) == 1
    if not located and (text.isupper() or (label == "PERSON" and (not one_word
                                                                  or text.lower() in named))
                        or (label == "ORG" and one_word)):
        return mention  # an organisation's one word is often a town's too ("Freedom")
    if kb.lookup(text):
        return mention
    from newsgraph.places.gazetteer import default_gazetteer  # places build on the KB

    if any(p.kind in ("city", "region") for p in default_gazetteer().candidates(text)):
        return start, end, "GPE", title
    return mention


def resolve_mentions(body: str, mentions: Sequence[Mention], published_day: str | None,
                     kb: KB | None = None, *, tokens: Sequence[Token] | None = None) -> Resolution:
    """Resolve an article's mentions (and the KB names the NER missed) to actors.

    ``published_day`` (ISO date) fixes who held which office; ``tokens`` (the parse, optional)
    lets capitals acting as subjects stand for their governments.
    """
    kb = kb or default_kb()
    ws = words(body)
    doc = Document(
        body=body, published_day=published_day, kb=kb, lex=actor_lexicon(), words=ws,
        keys=[w.key for w in ws], starts=[w.start for w in ws], tokens=tokens,
        token_starts=[t.start for t in tokens] if tokens else [],
        sentences=sentence_starts(body, tokens),
    )
    cleaned = [c for c in (clean_mention(m, body, doc.lex) for m in mentions) if c is not None]
    named: set[str] = set()
    labelled = []
    for c in cleaned:
        labelled.append(place_label(c, body, kb, named))
        if c[2] == "PERSON" and len(body[c[0]:c[1]].split()) > 1:
            named.update(body[c[0]:c[1]].lower().split())
    cleaned = labelled
    doc.ner = [(s, e, label) for s, e, label, _ in cleaned]
    matches = scan(doc, cleaned)
    units = merge_candidates(doc, cleaned, matches)
    units = dedupe(sorted(extend_names(doc, units), key=lambda u: (u.start, -u.end)))
    resolve_names(doc, units)
    extra: list[ResolvedMention] = []
    resolve_descriptions(doc, units, extra)
    resolve_groups(doc, units, extra)
    resolve_context(doc, units, extra)
    for unit in units:
        if unit.actor_id in doc.new_actors:  # roles found by resolve_descriptions count
            unit.code = actor_code(doc, unit.actor_id)
    out = [
        ResolvedMention(u.start, u.end, body[u.start:u.end], u.actor_id, u.method,
                        u.confidence, u.code, label_of(doc, u), u.nested)
        for u in units if u.actor_id is not None
    ]
    out.extend(extra)
    out.sort(key=lambda m: (m.start, -m.end))
    mark_nested(out)
    resolve_anaphors(doc, units, out)
    out.sort(key=lambda m: (m.start, -m.end))
    return Resolution(out, list(doc.new_actors.values()))
