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
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsgraph.actors.kb import (
    KB,
    OFFICE_PRIORITY,
    SINGLE_HOLDER,
    Hit,
    active,
    default_kb,
    default_surname,
    person_code,
    role_at,
)
from newsgraph.actors.lexicon import Lexicon, RoleNoun, actor_lexicon
from newsgraph.actors.normalize import Word, key, slug, words
from newsgraph.model import ACTOR_LABELS, Actor, Mention, Role, Token
from newsgraph.timex.context import sentence_of, sentence_starts

# Inside these NER spans a demonym is part of a name, not an actor ("the Korean War").
NON_ACTOR_NAME_LABELS = frozenset({"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
                 "FAC": "place", "NORP": "organisation"}
LABEL_OF_KIND = {"person": "PERSON", "organisation": "ORG", "igo": "ORG", "country": "GPE",
                 "place": "GPE"}
# Prepositions after which a capital is a place, not its government.
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "through",
                      "into", "from", "to", "toward", "towards", "within", "via", "of", "over",
                      "beyond", "throughout", "downtown"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss", "dobj", "dative",
                          "iobj", "expl"})
# The role noun office of "counterpart" (data/actor_lexicon.yaml): the office of the person
# named last, in the country the noun names.
COUNTERPART = "counterpart"
CONFIDENCE = {"alias": 0.95, "chain": 0.9, "demonym": 0.9, "metonym": 0.85, "role": 0.8,
              "context": 0.7, "new": 0.5}
# Function words: a description's modifiers and a group's words never cross them.
_STOP = frozenset({"of", "and", "or", "the", "a", "an", "to", "in", "on", "with", "by", "for",
                   "from", "at", "as", "that", "which", "who", "his", "her", "its", "their",
                   "is", "was", "were", "are", "be", "been", "has", "have", "had", "said",
                   "says", "will", "would", "not", "but", "than", "then", "this", "these"})
_URL = re.compile(r"https?://\S+|www\.\S+")
_LEAD = re.compile(r"^(?:(?:the|a|an)\s+)+", re.IGNORECASE)
_TRAIL = re.compile(
    r"(?:['’]s|['’]|\s+(?:of|and|in|for|to|from|at|on|with|by|-|–|—)|[\s,.;:!?\-–—]+)$",
    re.IGNORECASE,
)
_ACRONYM_END = re.compile(r"(?:^|[\s(])(?:[^\W\d_]\.)+$")
_ELLIPSIS = re.compile(r"\b(North|South|East|West) and (?:North|South|East|West) ([A-Z]\w+)")
_ANAPHOR = re.compile(r"\b(?:the|The) ([a-z]+)\b")


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
class _Unit:
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
class _Doc:
    body: str
    published: str | None
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

    def ner_label(self, start: int, end: int, *, exact: bool = False) -> str | None:
        for s, e, label in self.ner:
            if (s == start and e == end) if exact else (s <= start and end <= e):
                return label
        return None


def resolve_mentions(body: str, mentions: Sequence[Mention], published: str | None,
                     kb: KB | None = None, *, tokens: Sequence[Token] | None = None) -> Resolution:
    """Resolve an article's mentions (and the KB names the NER missed) to actors.

    ``published`` (ISO date) fixes who held which office; ``tokens`` (the parse, optional)
    lets capitals acting as subjects stand for their governments.
    """
    kb = kb or default_kb()
    ws = words(body)
    doc = _Doc(
        body=body, published=published, kb=kb, lex=actor_lexicon(), words=ws,
        keys=[w.key for w in ws], starts=[w.start for w in ws], tokens=tokens,
        token_starts=[t.start for t in tokens] if tokens else [],
        sentences=sentence_starts(body, tokens),
    )
    cleaned = [c for c in (_clean(m, body, doc.lex) for m in mentions) if c is not None]
    doc.ner = [(s, e, label) for s, e, label, _ in cleaned]
    matches = _scan(doc, cleaned)
    units = _merge(doc, cleaned, matches)
    units = _dedupe(sorted(_extend_names(doc, units), key=lambda u: (u.start, -u.end)))
    _resolve_names(doc, units)
    extra: list[ResolvedMention] = []
    _descriptions(doc, units, extra)
    _groups(doc, units, extra)
    _context(doc, units, extra)
    for unit in units:
        if unit.actor_id in doc.new_actors:  # roles found by _descriptions count
            unit.code = _code(doc, unit.actor_id)
    out = [
        ResolvedMention(u.start, u.end, body[u.start:u.end], u.actor_id, u.method,
                        u.confidence, u.code, _label(doc, u), u.nested)
        for u in units if u.actor_id is not None
    ]
    out.extend(extra)
    out.sort(key=lambda m: (m.start, -m.end))
    _mark_nested(out)
    return Resolution(out, list(doc.new_actors.values()))


# -- preparation -------------------------------------------------------------------------


def _clean(m: Mention, body: str, lex: Lexicon) -> tuple[int, int, str, str | None] | None:
    """An NER mention without "the", possessive, trailing junk and (for people) titles."""
    if m.label not in ACTOR_LABELS and m.label not in NON_ACTOR_NAME_LABELS:
        return None
    start, end = m.start, m.end
    text = body[start:end]
    lead = _LEAD.match(text)
    if lead:
        start += lead.end()
    while True:
        trail = _TRAIL.search(body[start:end])
        if not trail or trail.start() == 0:
            break
        if _ACRONYM_END.search(body[start:end]):
            break  # "U.S." keeps its last dot
        end = start + trail.start()
    title = None
    if m.label == "PERSON":
        ws = words(body[start:end])
        keys = [w.key for w in ws]
        i = 0
        while i < len(ws) - 1:
            hit = lex.honorifics.match(keys, i) or lex.titles.match(keys, i)
            if not hit:
                break
            i = hit[0]
        if 0 < i < len(ws):
            title = body[start:start + ws[i].start].strip()
            start += ws[i].start
    if end <= start or not any(c.isalnum() for c in body[start:end]):
        return None
    return start, end, m.label, title


def _scan(doc: _Doc, cleaned: list[tuple[int, int, str, str | None]]) -> list[_Unit]:
    """Every acceptable KB alias in the body, longest first, not overlapping."""
    urls = [m.span() for m in _URL.finditer(doc.body)]
    return _scan_range(doc, 0, len(doc.words), urls)


def _scan_range(doc: _Doc, lo: int, hi: int, urls: Sequence[tuple[int, int]] = (),
                skip_full: bool = False) -> list[_Unit]:
    """KB aliases among words lo..hi (the whole range itself left out with ``skip_full``)."""
    kb, keys, ws = doc.kb, doc.keys, doc.words
    out: list[_Unit] = []
    i = lo
    while i < hi:
        node = kb.trie
        found: list[tuple[int, list[Hit]]] = []
        for j in range(i, min(hi, i + kb.max_alias_words)):
            node = node.get(keys[j])  # type: ignore[assignment]
            if node is None:
                break
            if "" in node and not (skip_full and i == lo and j + 1 == hi):
                found.append((j + 1, node[""]))
        best = None
        for end, hits in reversed(found):
            start_c, end_c = ws[i].start, ws[end - 1].end
            if any(s <= start_c < e for s, e in urls):
                break
            ok = [h for h in hits if _accept(doc, h, i, end)]
            if ok:
                best = _Unit(start_c, end_c, i, end, None, ok)
                break
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.w1
    return out


def _accept(doc: _Doc, hit: Hit, w0: int, w1: int) -> bool:
    """Whether a KB alias found at words w0..w1 is a use of that alias."""
    start, end = doc.words[w0].start, doc.words[w1 - 1].end
    text = doc.body[start:end]
    if hit.acronym:
        if not all(c.isupper() for c in text if c.isalpha()):
            return False
    elif not (text[0].isupper() or text[0].isdigit()) and text != hit.alias:
        return False
    if (doc.kb.entries[hit.entry].actor.kind == "organisation"
            and not _capitalized_as(text, hit.alias)):
        return False  # "Russia today" is not the channel "Russia Today"
    label = doc.ner_label(start, end)
    if label in NON_ACTOR_NAME_LABELS and hit.type in ("demonym", "surname", "weak"):
        return False
    if hit.type == "weak":
        return label is not None and label != "PERSON"
    if hit.type == "surname":
        following = doc.words[w1] if w1 < len(doc.words) else None
        if (following is not None and following.text[:1].isupper()
                and not doc.body[doc.words[w1 - 1].end:following.start].strip()):
            return False  # "President Gabriel Boric": a first name here, not Sigmar Gabriel
        if label == "PERSON" or _title_before(doc, w0):
            return True
        return _distinctive(doc, hit)
    # "Jordan" inside "Michael Jordan" is no country
    return not (label == "PERSON"
                and doc.kb.entries[hit.entry].actor.kind in ("country", "place")
                and doc.ner_label(start, end, exact=True) is None)


def _capitalized_as(text: str, alias: str) -> bool:
    """Whether every word the alias capitalizes is capitalized in the text too."""
    written, named = text.split(), alias.split()
    if len(written) != len(named):
        return True
    return all(not n[:1].isupper() or w[:1].isupper() or w[:1].isdigit()
               for w, n in zip(written, named, strict=True))


def _distinctive(doc: _Doc, hit: Hit) -> bool:
    words_ = key(hit.alias)
    if len(words_) != 1:
        return True
    word = words_[0]
    return (len(word) >= 4 and word not in doc.lex.common_surnames
            and len(doc.kb.surnames.get(word, [])) == 1)


def _title_before(doc: _Doc, w0: int) -> str | None:
    """The title or honorific right before word ``w0`` ("Mr.", "President"), if any."""
    lex = doc.lex
    for n in (3, 2, 1):
        if w0 - n < 0:
            continue
        gap = doc.body[doc.words[w0 - 1].end:doc.words[w0].start]
        if gap.strip(" .") != "":
            return None
        if (lex.honorifics.match(doc.keys, w0 - n) or lex.titles.match(doc.keys, w0 - n)) == \
                (w0, True):
            return doc.body[doc.words[w0 - n].start:doc.words[w0 - 1].end]
    return None


# -- merging NER and KB candidates -------------------------------------------------------


def _merge(doc: _Doc, cleaned: list[tuple[int, int, str, str | None]],
           matches: list[_Unit]) -> list[_Unit]:
    kb = doc.kb
    dropped: set[int] = set()  # indices of KB matches given up
    units: list[_Unit] = []
    role_words = doc.role_words = _role_words(doc)
    for start, end, label, title in cleaned:
        if label in NON_ACTOR_NAME_LABELS:
            continue
        w0, w1 = doc.word_span(start, end)
        if w1 <= w0 or all(w in role_words for w in range(w0, w1)):
            continue  # "Defense" of "Defense Minister" is no organisation
        if tuple(doc.keys[w0:w1]) in doc.lex.not_actors:
            continue
        inside = [i for i, m in enumerate(matches) if start <= m.start and m.end <= end]
        crossing = [i for i, m in enumerate(matches)
                    if m.start < end and start < m.end and i not in inside]
        if any(matches[i].start <= start and end <= matches[i].end for i in crossing):
            continue  # a fragment of a KB name
        if crossing:
            continue  # the NER cut across a KB name: the KB knows better
        hits = [h for h in kb.lookup_key(doc.keys[w0:w1]) if _accept(doc, h, w0, w1)]
        if hits:
            dropped.update(inside)
            units.append(_Unit(start, end, w0, w1, label, hits, title=title))
            continue
        if inside:
            stripped = _strip_modifier(doc, matches, inside, start, end)
            if stripped is not None:
                unit, modifier = stripped
                dropped.update(inside)
                units.append(unit)
                modifier.nested = True
                units.append(modifier)
                continue
            kinds = {kb.entries[h.entry].actor.kind for i in inside for h in matches[i].hits}
            if label == "PERSON":
                if "person" in kinds:
                    continue  # the KB's person names win over the NER's cut
                dropped.update(inside)
            elif _coordination(doc, matches, inside, start, end):
                continue
            else:
                for i in inside:
                    if _nestable(doc, matches[i], at_start=matches[i].start == start):
                        matches[i].nested = True
                    else:
                        dropped.add(i)
        units.append(_Unit(start, end, w0, w1, label, [], title=title))
    for i, m in enumerate(matches):
        if i not in dropped and not any(
            u.start <= m.start and m.end <= u.end and u.hits and not m.nested for u in units
        ):
            units.append(m)
    units.extend([inner for u in list(units) if u.hits for inner in _inner_countries(doc, u)])
    units.sort(key=lambda u: (u.start, -u.end))
    return _dedupe(units)


def _nestable(doc: _Doc, match: _Unit, *, at_start: bool = False) -> bool:
    """Whether a KB name inside a longer unknown name is an actor of its own there: a country
    ("the State Council of the DPRK"), an IGO, a capital, an organisation that leads the name
    ("Google Science Fair") or is named in full ("Museum of the U.S. Air Force") -- not a
    generic word inside it ("Congress" in "People's National Congress")."""
    kinds = {doc.kb.entries[h.entry].actor.kind for h in match.hits}
    if kinds & {"country", "igo"} or any(doc.kb.entries[h.entry].seat_of for h in match.hits):
        return True
    if "person" in kinds:  # "Chiang Kai-shek Memorial Hall"
        return match.w1 - match.w0 > 1 and any(h.type in ("name", "alias") for h in match.hits)
    if "organisation" in kinds:
        return at_start or match.w1 - match.w0 > 1 or any(h.acronym for h in match.hits)
    return False


def _inner_countries(doc: _Doc, unit: _Unit) -> list[_Unit]:
    """Countries and IGOs named inside a KB organisation or place name ("United States Navy",
    "UN Security Council", "Mexico City"), as nested units: the event coder and the scorers of
    nested annotations want both."""
    if unit.w1 - unit.w0 < 2:
        return []
    kinds = {doc.kb.entries[h.entry].actor.kind for h in unit.hits}
    if not kinds & {"organisation", "igo", "place"} or kinds & {"person", "country"}:
        return []
    inner = _scan_range(doc, unit.w0, unit.w1, skip_full=True)
    out = []
    for m in inner:
        if {doc.kb.entries[h.entry].actor.kind for h in m.hits} & {"country", "igo"}:
            m.nested = True
            out.append(m)
    return out


def _role_words(doc: _Doc) -> set[int]:
    """Indices of the words that belong to role nouns ("Defense Minister")."""
    covered: set[int] = set()
    i = 0
    while i < len(doc.keys):
        found = doc.lex.role_nouns.match(doc.keys, i)
        if found is None:
            i += 1
            continue
        covered.update(range(i, found[0]))
        i = found[0]
    return covered


def _extend_names(doc: _Doc, matches: list[_Unit]) -> list[_Unit]:
    """A KB name followed by capitalised words ending in a facility or institution word is part
    of a longer name: that name becomes a candidate, the KB name a nested one."""
    out: list[_Unit] = []
    ws, heads = doc.words, doc.lex.name_heads
    for m in matches:
        out.append(m)
        j, last = m.w1, None
        while j < len(ws) and j < m.w1 + 4 and ws[j].text[:1].isupper() and \
                doc.body[ws[j - 1].end:ws[j].start].strip(" '’") == "":
            if ws[j].key in heads:
                last = j
            j += 1
        if last is not None:
            m.nested = True
            out.append(_Unit(m.start, ws[last].end, m.w0, last + 1, heads[ws[last].key], []))
    return out


def _dedupe(units: list[_Unit]) -> list[_Unit]:
    out: list[_Unit] = []
    seen: set[tuple[int, int]] = set()
    for u in units:
        if (u.start, u.end) in seen:
            continue
        seen.add((u.start, u.end))
        out.append(u)
    return out


def _strip_modifier(doc: _Doc, matches: list[_Unit], inside: list[int], start: int,
                    end: int) -> tuple[_Unit, _Unit] | None:
    """"Japanese Kwantung Army": a demonym before a KB organisation of that country."""
    first = matches[inside[0]]
    if first.start != start:
        return None
    entry = doc.kb.entries[first.hits[0].entry]
    if entry.actor.kind != "country" or first.w1 >= doc.word_span(start, end)[1]:
        return None
    w0, w1 = first.w1, doc.word_span(start, end)[1]
    hits = [h for h in doc.kb.lookup_key(doc.keys[w0:w1]) if _accept(doc, h, w0, w1)]
    if not hits:
        return None
    countries = {doc.kb.entries[h.entry].actor.country for h in hits}
    if entry.actor.country not in countries:
        return None
    return _Unit(doc.words[w0].start, end, w0, w1, "ORG", hits), first


def _coordination(doc: _Doc, matches: list[_Unit], inside: list[int], start: int,
                  end: int) -> bool:
    """An NER span that is only KB names joined by "and"/commas ("North and South Korea")."""
    rest = doc.body[start:end]
    for i in sorted(inside, key=lambda i: -matches[i].start):
        m = matches[i]
        rest = rest[:m.start - start] + " " + rest[m.end - start:]
    return len(inside) > 1 or bool(_ELLIPSIS.search(doc.body[start:end])) if \
        _RESIDUE.match(rest) else False


_RESIDUE = re.compile(r"^[\s,&/]*(?:(?:and|or|North|South|East|West)[\s,&/]*)*$")


# -- names -------------------------------------------------------------------------------


def _resolve_names(doc: _Doc, units: list[_Unit]) -> None:
    """Names to entries in document order, with the in-document chain of people."""
    kb = doc.kb
    chain: list[tuple[str, tuple[str, ...]]] = []  # (actor id, words it may be called by)
    for unit in units:
        if unit.title is None:
            unit.title = _title_before(doc, unit.w0)
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


def _short_forms(doc: _Doc, actor: Actor) -> tuple[str, ...]:
    entry = doc.kb.get(actor.id)
    if entry is not None:
        surname = entry.surname if entry.surname is not None else default_surname(actor)
        forms = {key(surname)[-1]} if surname else set()
        return tuple(forms)
    parts = key(actor.name)
    return tuple({parts[0], parts[-1]}) if parts else ()


def _resolve_known(doc: _Doc, unit: _Unit, keys: tuple[str, ...],
                   chain: list[tuple[str, tuple[str, ...]]]) -> None:
    kb = doc.kb
    strong = [h for h in unit.hits if h.type not in ("surname", "weak")]
    hits = strong or unit.hits
    if len(keys) == 1 and (unit.label == "PERSON" or all(h.type == "surname" for h in hits)):
        for actor_id, forms in reversed(chain):
            if keys[0] in forms:
                _set(doc, unit, actor_id, "chain")
                return
    ids = list(dict.fromkeys(h.entry for h in hits))
    if len(ids) > 1:
        ids = _disambiguate(doc, ids, chain)
    if not ids:
        return
    method = "demonym" if all(h.type == "demonym" for h in hits if h.entry == ids[0]) else "alias"
    _set(doc, unit, ids[0], method, penalty=0.15 if len(ids) > 1 else 0.0)
    entry = kb.entries[ids[0]]
    if entry.seat_of and entry.actor.kind == "place" and not unit.nested and _acting(doc, unit):
        unit.method = "metonym"
        unit.confidence = CONFIDENCE["metonym"]
        unit.code = f"{entry.seat_of}.GOV"


def _disambiguate(doc: _Doc, ids: list[str], chain: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Several entries share an alias: the one already in the story, else the one in office on
    the publication date (the highest office first), else the first."""
    in_chain = [actor_id for actor_id, _ in reversed(chain) if actor_id in ids]
    if in_chain:
        return [in_chain[0]]
    entries = [doc.kb.entries[i] for i in ids]
    if all(e.actor.kind == "person" for e in entries):
        rank = {office: i for i, office in enumerate(OFFICE_PRIORITY)}
        scored = []
        for e in entries:
            role = role_at(e.actor, doc.published)
            if role is not None:
                scored.append((rank.get(role.office, 99), e.id))
        scored.sort()
        if scored and (len(scored) == 1 or scored[0][0] < scored[1][0]):
            return [scored[0][1]]
        return ids if not scored else [i for _, i in scored]
    order = {"country": 0, "igo": 1, "organisation": 2, "place": 3, "person": 4}
    return sorted(ids, key=lambda i: order.get(doc.kb.entries[i].actor.kind, 9))


def _resolve_unknown(doc: _Doc, unit: _Unit, keys: tuple[str, ...],
                     chain: list[tuple[str, tuple[str, ...]]]) -> None:
    label = unit.label or ""
    if len(keys) == 1 and doc.body[unit.start:unit.start + 1].isupper():
        # a person named in full earlier, whatever label the NER gives the short form
        for actor_id, forms in reversed(chain):
            if keys[0] in forms:
                _set(doc, unit, actor_id, "chain")
                return
    if label == "NORP":
        return  # an unknown people or creed is no actor ("Western", "Eastern")
    if _described(doc, unit):
        return
    if label == "ORG":
        institution = doc.lex.institutions.match(keys, 0)
        if institution is not None and institution[0] == len(keys):
            _institution(doc, unit, institution[1])
            if unit.actor_id is not None:
                return
        prefixed = _country_prefix(doc, unit)
        if prefixed is not None:
            country, k = prefixed
            institution = doc.lex.institutions.match(keys, k)
            if institution is not None and institution[0] == len(keys):
                name = doc.body[unit.start:unit.end]
                actor = _new_actor(doc, name, "organisation", country, institution[1])
                _set(doc, unit, actor.id, "new")
                return
    text = doc.body[unit.start:unit.end]
    if not any(c.isupper() for c in text):
        return
    kind = KIND_OF_LABEL.get(label, "organisation")
    country = _country_nearby(doc, unit) if kind in ("person", "organisation") else None
    actor = _new_actor(doc, text, kind, country)
    _set(doc, unit, actor.id, "new")


def _described(doc: _Doc, unit: _Unit) -> bool:
    """A description the NER took for a name: "the North Korean leader" is the office holder,
    "Soviet troops" the country's military — not a new actor of their own."""
    prefixed = _country_prefix(doc, unit)
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
        holder = _holder(doc, country, role[1])
        if holder is not None:
            _set(doc, unit, holder, "role")
            return True
    group = lex.sector_nouns.match(doc.keys, start)
    if group is not None and group[0] == unit.w1 and not country.startswith("IGO."):
        _set(doc, unit, _group_actor(doc, country, group[1]).id, "demonym")
        return True
    return False


def _country_prefix(doc: _Doc, unit: _Unit) -> tuple[str, int] | None:
    """(country, words it takes) when a unit starts with a country name or demonym."""
    kb = doc.kb
    for n in range(min(4, unit.w1 - unit.w0 - 1), 0, -1):
        for h in kb.lookup_key(doc.keys[unit.w0:unit.w0 + n]):
            entry = kb.entries[h.entry]
            if entry.actor.kind == "country" and h.type in ("name", "alias", "demonym"):
                return entry.actor.country or entry.id, n
    return None


def _institution(doc: _Doc, unit: _Unit, sector: str) -> None:
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
                    _set(doc, unit, found[0].entry, "alias")
                    return
                unit.start, unit.w0 = start, start_w
                actor = _new_actor(doc, name, "organisation", country, sector)
                _set(doc, unit, actor.id, "new")
                return
    country = _country_before(doc, unit.start)
    if country:
        _set(doc, unit, _group_actor(doc, country, sector).id, "context")


def _country_before(doc: _Doc, pos: int, *, same_sentence: bool = True) -> str | None:
    """The country of the nearest country name or demonym before ``pos`` (in its sentence)."""
    kb = doc.kb
    start = doc.sentence_start(pos) if same_sentence else 0
    lo = bisect_left(doc.starts, start)
    hi = bisect_left(doc.starts, pos)
    for i in range(hi - 1, lo - 1, -1):
        for n in range(min(4, i + 1), 0, -1):
            hits = kb.lookup_key(doc.keys[i - n + 1:i + 1])
            for h in hits:
                entry = kb.entries[h.entry]
                if entry.actor.kind == "country" and h.type in ("name", "alias", "demonym") \
                        and _accept(doc, h, i - n + 1, i + 1):
                    return entry.actor.country
    return None


def _country_nearby(doc: _Doc, unit: _Unit) -> str | None:
    """A demonym or country just before a new name ("Polish test pilot Jan Nowicki")."""
    lo = max(0, unit.w0 - 4)
    text_between = doc.body[doc.words[lo].start:unit.start] if unit.w0 else ""
    if any(c in text_between for c in ",;:\n"):
        lo = unit.w0 - 1 if unit.w0 else 0
    for i in range(unit.w0 - 1, lo - 1, -1):
        for n in range(min(3, i + 1), 0, -1):
            for h in doc.kb.lookup_key(doc.keys[i - n + 1:i + 1]):
                entry = doc.kb.entries[h.entry]
                if entry.actor.kind == "country" and h.type in ("demonym", "name", "alias") \
                        and _accept(doc, h, i - n + 1, i + 1):
                    return entry.actor.country
    return None


def _new_actor(doc: _Doc, name: str, kind: str, country: str | None,
               sector: str | None = None) -> Actor:
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


def _group_actor(doc: _Doc, country: str, sector: str | None) -> Actor:
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


def _code(doc: _Doc, actor_id: str) -> str | None:
    """The actor code on the article's date of a KB entry or of a corpus actor it created."""
    if actor_id in doc.kb:
        return doc.kb.code(actor_id, doc.published)
    actor = doc.new_actors.get(actor_id)
    if actor is None or (not actor.country and not actor.roles):
        return None
    if actor.kind == "person":
        return person_code(actor, doc.published)
    return f"{actor.country}.{actor.sector}" if actor.sector else actor.country


def _set(doc: _Doc, unit: _Unit, actor_id: str, method: str, *, penalty: float = 0.0) -> None:
    unit.actor_id = actor_id
    unit.method = method
    unit.confidence = round(CONFIDENCE[method] - penalty, 2)
    entry = doc.kb.get(actor_id)
    if entry is not None:
        unit.code = doc.kb.code(actor_id, doc.published)
        if unit.code is None and entry.actor.kind == "place":
            unit.code = entry.actor.country
        unit.kind = entry.actor.kind
    else:
        actor = doc.new_actors.get(actor_id)
        if actor is not None:
            unit.kind = actor.kind
            unit.code = _code(doc, actor_id)


def _acting(doc: _Doc, unit: _Unit) -> bool:
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
                prep = doc.body[doc.tokens[token.head].start:doc.tokens[token.head].end].lower()
                return prep not in LOCATIVE
            return False
    before = doc.body[max(0, unit.start - 12):unit.start].lower().split()
    if before and before[-1] in LOCATIVE:
        return False
    nxt = doc.body[unit.end:unit.end + 20].split()
    return bool(nxt) and nxt[0].islower() and nxt[0].endswith(("ed", "s"))


def _label(doc: _Doc, unit: _Unit) -> str | None:
    if unit.kind is not None:
        return LABEL_OF_KIND.get(unit.kind, unit.label)
    return unit.label


# -- descriptions --------------------------------------------------------------------------


def _descriptions(doc: _Doc, units: list[_Unit], out: list[ResolvedMention]) -> None:
    """Role nouns with a country, resolved through the office holder on the publication date."""
    lex, keys = doc.lex, doc.keys
    by_end = {u.w1: u for u in units if u.actor_id is not None}
    by_start = {u.w0: u for u in units if u.actor_id is not None}
    main = _main_country(doc, units)
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
            if office is None:
                i = end
                continue
            noun = RoleNoun((office,), None)
        named = _named_after(doc, by_start, end) or _named_before(doc, by_end, i, span_start)
        holder_id = named.actor_id if named is not None else _holder(doc, country, noun)
        if named is not None and named.actor_id in doc.new_actors:
            actor = doc.new_actors[named.actor_id]
            office = _office_for(doc, country, noun)
            if actor.kind == "person" and office and not actor.roles:
                # a corpus actor carries the role the text gives it, as of the article's date
                day = doc.published[:10] if doc.published else None
                actor.roles.append(Role(office, country, doc.body[start_c:end_c], day))
                actor.country = actor.country or (None if country.startswith("IGO.") else country)
        if holder_id is not None:
            code = _code(doc, holder_id)
            out.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], holder_id,
                                       method, CONFIDENCE[method], code, "PERSON"))
        i = end


def _office_of_last_named(doc: _Doc, units: list[_Unit], described: list[ResolvedMention],
                          pos: int) -> str | None:
    """The one-holder office held on the article's date by the person named last before
    ``pos`` (by name or by description), within the sentence and the two before it."""
    earliest = doc.sentence_start(pos)
    for _ in range(2):
        earliest = doc.sentence_start(max(earliest - 1, 0))
    named = [(u.end, u.actor_id) for u in units if u.kind == "person" and u.actor_id] + \
        [(m.end, m.actor_id) for m in described if m.label == "PERSON" and m.actor_id]
    for end, actor_id in sorted(named, reverse=True):
        if end > pos:
            continue
        if end < earliest:
            return None
        entry = doc.kb.get(actor_id)
        actor = entry.actor if entry is not None else doc.new_actors.get(actor_id)
        role = role_at(actor, doc.published) if actor is not None else None
        if role is not None:
            return role.office if role.office in SINGLE_HOLDER else None
    return None


def _description_country(doc: _Doc, by_end: dict[int, _Unit], i: int,
                         end: int) -> tuple[str | None, int]:
    """The country a role noun at words i..end belongs to, and where the description starts:
    "North Korean leader", "the US president", "Russia's top military official", "NATO
    Secretary General", "the President of Russia"."""
    kb, keys, ws = doc.kb, doc.keys, doc.words
    j = i
    for _ in range(3):
        unit = by_end.get(j)
        if unit is not None and doc.body[unit.end:ws[j].start].strip(" .") in ("", "-"):
            country = _unit_country(doc, unit)
            if country:
                return country, unit.start
        if j >= 1 and keys[j - 1] == "'s" and (unit := by_end.get(j - 1)) is not None:
            country = _unit_country(doc, unit)
            if country:
                return country, ws[i].start
        if j >= 1 and ws[j - 1].text.islower() and keys[j - 1] not in _STOP:
            j -= 1
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
                        and _accept(doc, h, k, w1):
                    return entry.code, ws[i].start
    return None, 0


def _bare_title(doc: _Doc, i: int, end: int) -> bool:
    """"The President said": a capitalised title after "the", with no country, no "of" and
    no name after it, means the office holder of the story's main country."""
    ws = doc.words
    if i == 0 or doc.keys[i - 1] != "the" or not ws[i].text[:1].isupper():
        return False
    followed = end < len(ws) and doc.body[ws[end - 1].end:ws[end].start].strip() == ""
    return not (followed and (doc.keys[end] == "of" or ws[end].text[:1].isupper()))


def _inside_person(units: list[_Unit], doc: _Doc, i: int) -> bool:
    """Whether word i is part of a person's name ("Emperor Hirohito" is a KB alias)."""
    pos = doc.words[i].start
    return any(u.start <= pos < u.end and u.kind == "person" and u.actor_id for u in units)


def _of_country_end(doc: _Doc, end: int) -> int | None:
    """The end of "of (the) <country or IGO>" right after word ``end``, if there is one."""
    keys, kb = doc.keys, doc.kb
    if end + 1 >= len(keys) or keys[end] != "of":
        return None
    k = end + 1 + (keys[end + 1] == "the")
    for w1 in range(min(len(keys), k + kb.max_alias_words), k, -1):
        for h in kb.lookup_key(keys[k:w1]):
            if kb.entries[h.entry].actor.kind in ("country", "igo") and h.type != "surname" \
                    and _accept(doc, h, k, w1):
                return doc.words[w1 - 1].end
    return None


def _unit_country(doc: _Doc, unit: _Unit) -> str | None:
    entry = doc.kb.get(unit.actor_id or "")
    if entry is None:
        return None
    if entry.actor.kind == "country":
        return entry.actor.country
    if entry.actor.kind == "igo":
        return entry.code
    return None


def _named_after(doc: _Doc, by_start: dict[int, _Unit], end: int) -> _Unit | None:
    unit = by_start.get(end)
    if unit is not None and unit.kind == "person" and \
            not doc.body[doc.words[end - 1].end:unit.start].strip():
        return unit
    return None


def _named_before(doc: _Doc, by_end: dict[int, _Unit], i: int, start: int) -> _Unit | None:
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


def _office_for(doc: _Doc, country: str, noun: RoleNoun) -> str | None:
    offices = list(noun.offices)
    if offices == ["leader"]:
        entry = doc.kb.get(country)
        return (entry.leader if entry and entry.leader else "head_of_state")
    return offices[0] if offices else None


def _holder(doc: _Doc, country: str, noun: RoleNoun) -> str | None:
    kb = doc.kb
    offices = list(noun.offices)
    if offices == ["leader"]:
        offices = [_office_for(doc, country, noun) or "head_of_state"]
    candidates: list[str] = []
    for office in offices:
        for actor_id in kb.holders(office, country, doc.published):
            if actor_id not in candidates:
                candidates.append(actor_id)
    if noun.title:
        titled = [a for a in candidates if any(
            noun.title in r.title.lower() and r.country == country and active(r, doc.published)
            for r in kb.entries[a].actor.roles)]
        candidates = titled or candidates
    return candidates[0] if candidates else None


# -- groups and context ------------------------------------------------------------------


def _groups(doc: _Doc, units: list[_Unit], out: list[ResolvedMention]) -> None:
    """"North Korean media" -> PRK.MED, "Soviet pilots" -> SUN.MIL, "the country's state-run
    media" -> the story's main country."""
    keys = doc.keys
    for unit in units:
        country = _unit_country(doc, unit) if unit.method in ("demonym", "alias") else None
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
        actor = _group_actor(doc, country, sector)
        out.append(ResolvedMention(unit.start, end_c, doc.body[unit.start:end_c], actor.id,
                                   "demonym", CONFIDENCE["demonym"], actor.id, "ORG"))
    main = _main_country(doc, units)
    if main is None:
        return
    for match in re.finditer(r"\b(?:the|The) (?:country|nation)['’]s\s+", doc.body):
        k = bisect_left(doc.starts, match.end())
        group = _group_phrase(doc, k)
        if group is None:
            continue
        end_w, sector = group
        start_c, end_c = doc.words[k].start, doc.words[end_w - 1].end
        actor = _group_actor(doc, main, sector)
        out.append(ResolvedMention(start_c, end_c, doc.body[start_c:end_c], actor.id,
                                   "context", CONFIDENCE["context"], actor.id, "ORG"))


def _group_phrase(doc: _Doc, k: int) -> tuple[int, str] | None:
    """A sector noun within three lower-case words from word k: (end word, sector)."""
    lex, keys, ws = doc.lex, doc.keys, doc.words
    for j in range(k, min(len(keys), k + 4)):
        if j > k and doc.body[ws[j - 1].end:ws[j].start].strip() not in ("", "-"):
            return None
        if not ws[j].text[:1].islower() or keys[j] in _STOP or j in doc.role_words:
            return None
        if _pos_at(doc, ws[j].start) in ("VERB", "AUX"):
            return None  # "India deployed troops": a clause, not a group
        found = lex.sector_nouns.match(keys, j)
        if found is not None:
            end, sector = found
            while end < len(keys) and keys[end] in lex.continuations and \
                    not doc.body[ws[end - 1].end:ws[end].start].strip():
                end += 1
            return end, sector
    return None


def _pos_at(doc: _Doc, start: int) -> str | None:
    """The part of speech of the token starting at a character offset, where tokens are known."""
    if not doc.tokens:
        return None
    i = bisect_left(doc.token_starts, start)
    return doc.tokens[i].pos if i < len(doc.tokens) and doc.tokens[i].start == start else None


def _main_country(doc: _Doc, units: list[_Unit]) -> str | None:
    counts: Counter[str] = Counter()
    for u in units:
        c = _unit_country(doc, u)
        if c and not c.startswith("IGO."):
            counts[c] += 1
    return counts.most_common(1)[0][0] if counts else None


def _sibling_words(doc: _Doc, countries: set[str | None]) -> dict[str, str]:
    """The words that name a sibling state in this story ("North" -> "PRK" where one of the
    Koreas is named), from the KB's ``siblings`` tables; a word two tables claim is left out."""
    found: dict[str, set[str]] = {}
    for group in doc.kb.siblings:
        if group.applies(countries, doc.published):
            for code, word in group.names:
                found.setdefault(word, set()).add(code)
    return {word: next(iter(codes)) for word, codes in found.items() if len(codes) == 1}


def _context(doc: _Doc, units: list[_Unit], out: list[ResolvedMention]) -> None:
    """"the North"/"the South" in a story about the Koreas (the KB's sibling states), "North
    and South Korea", "the peninsula"."""
    kb = doc.kb
    countries = {_unit_country(doc, u) for u in units}
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
    for match in _ELLIPSIS.finditer(doc.body):
        name = f"{match.group(1)} {match.group(2)}"
        hits = [h for h in kb.lookup(name) if kb.entries[h.entry].actor.kind == "country"]
        start, end = match.start(1), match.end(1)
        if hits and not any(s <= start < e for s, e in covered):
            entry = kb.entries[hits[0].entry]
            out.append(ResolvedMention(start, end, doc.body[start:end], entry.id, "context",
                                       CONFIDENCE["context"], entry.code, "GPE"))
    main = _main_country(doc, units)
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


def _mark_nested(out: list[ResolvedMention]) -> None:
    """Flags mentions that lie inside a longer one (``out`` is sorted by start, longest first)."""
    for i, m in enumerate(out):
        for other in out[:i]:
            if other.start <= m.start and m.end <= other.end and \
                    (other.end - other.start) > (m.end - m.start):
                m.nested = True
                break
