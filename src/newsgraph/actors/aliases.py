"""Candidate names: the NER's mentions cleaned, the KB's aliases found, the two merged.

Every KB alias in the text is found by longest match over the alias trie and kept where the
text uses it as that alias (:func:`accept`: case, NER agreement for weak aliases, a title or a
distinctive surname); NER mentions lose articles, possessives and titles. Where both cover the
same words the KB wins when the NER span is its alias or crosses it, and an NER name holding KB
names keeps its span with the names inside as nested mentions (:func:`merge_candidates`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.actors.document import (
    LOCATIVE_WORDS,
    NON_ACTOR_NAME_LABELS,
    Document,
    Unit,
    after_place_noun,
    country_hits,
)
from newsgraph.actors.kb import (
    Hit,
)
from newsgraph.actors.lexicon import Lexicon
from newsgraph.actors.normalize import key, words
from newsgraph.model import ACTOR_LABELS, Mention

_URL = re.compile(r"https?://\S+|www\.\S+")
_LEAD = re.compile(r"^(?:(?:the|a|an)\s+)+", re.IGNORECASE)
_TRAIL = re.compile(
    r"(?:['’]s|['’]|\s+(?:of|and|in|for|to|from|at|on|with|by|-|–|—)|[\s,.;:!?\-–—]+)$",
    re.IGNORECASE,
)
_ACRONYM_END = re.compile(r"(?:^|[\s(])(?:[^\W\d_]\.)+$")
ELLIPSIS = re.compile(r"\b(North|South|East|West) and (?:North|South|East|West) ([A-Z]\w+)")


def clean_mention(m: Mention, body: str, lex: Lexicon) -> tuple[int, int, str, str | None] | None:
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


def scan(doc: Document, cleaned: list[tuple[int, int, str, str | None]]) -> list[Unit]:
    """Every acceptable KB alias in the body, longest first, not overlapping."""
    urls = [m.span() for m in _URL.finditer(doc.body)]
    return scan_range(doc, 0, len(doc.words), urls)


def scan_range(doc: Document, lo: int, hi: int, urls: Sequence[tuple[int, int]] = (),
               skip_full: bool = False) -> list[Unit]:
    """KB aliases among words lo..hi (the whole range itself left out with ``skip_full``)."""
    kb, keys, ws = doc.kb, doc.keys, doc.words
    out: list[Unit] = []
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
            ok = [h for h in hits if accept(doc, h, i, end)]
            if ok:
                best = Unit(start_c, end_c, i, end, None, ok)
                break
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.w1
    return out


def accept(doc: Document, hit: Hit, w0: int, w1: int) -> bool:
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
        if doc.kb.entries[hit.entry].actor.kind == "igo" and _country_before(doc, w0):
            return False  # "Russia's Security Council" is Russia's, not the UN's
        return label is not None and label != "PERSON"
    if hit.type == "surname":
        if after_place_noun(doc.body, start, doc.lex) or (label in ("GPE", "LOC", "FAC")
                                                          and _placed(doc, w0)):
            return False  # "the town of Nasir" is no Mr. Nasir, whatever the NER says
        following = doc.words[w1] if w1 < len(doc.words) else None
        if (following is not None and following.text[:1].isupper()
                and not doc.body[doc.words[w1 - 1].end:following.start].strip()):
            return False  # "President Gabriel Boric": a first name here, not Sigmar Gabriel
        if label == "PERSON" or title_before(doc, w0):
            return True
        return _distinctive(doc, hit)
    # "Jordan" inside "Michael Jordan" is no country
    return not (label == "PERSON"
                and doc.kb.entries[hit.entry].actor.kind in ("country", "place")
                and doc.ner_label(start, end, exact=True) is None)


def _country_before(doc: Document, w0: int) -> bool:
    """Whether a country's name or demonym stands right before word ``w0`` ("Russia's",
    "the Russian")."""
    end = w0 - 1 if w0 >= 1 and doc.keys[w0 - 1] == "'s" else w0
    return any(country_hits(doc, end - n, end) for n in (1, 2, 3) if end - n >= 0)


def _placed(doc: Document, w0: int) -> bool:
    """Whether the words before word ``w0`` say a place follows: "in", "near", "the town of"."""
    return (w0 >= 1 and doc.keys[w0 - 1] in LOCATIVE_WORDS) \
        or after_place_noun(doc.body, doc.words[w0].start, doc.lex)


def _capitalized_as(text: str, alias: str) -> bool:
    """Whether every word the alias capitalizes is capitalized in the text too."""
    written, named = text.split(), alias.split()
    if len(written) != len(named):
        return True
    return all(not n[:1].isupper() or w[:1].isupper() or w[:1].isdigit()
               for w, n in zip(written, named, strict=True))


def _distinctive(doc: Document, hit: Hit) -> bool:
    """Whether a bare surname the NER did not tag names its KB person: a word of four letters
    or more, not a common surname, and one person's, or the one whose office on the date
    outranks every other bearer's (as the resolver settles a shared surname)."""
    words_ = key(hit.alias)
    if len(words_) != 1:
        return True
    word = words_[0]
    bearers = doc.kb.surnames.get(word, [])
    return (len(word) >= 4 and word not in doc.lex.common_surnames
            and (len(bearers) == 1 or doc.kb.senior(bearers, doc.published_day) is not None))


def title_before(doc: Document, w0: int) -> str | None:
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


def merge_candidates(doc: Document, cleaned: list[tuple[int, int, str, str | None]],
           matches: list[Unit]) -> list[Unit]:
    kb = doc.kb
    dropped: set[int] = set()  # indices of KB matches given up
    units: list[Unit] = []
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
        hits = [h for h in kb.lookup_key(doc.keys[w0:w1]) if accept(doc, h, w0, w1)]
        if hits:
            dropped.update(inside)
            units.append(Unit(start, end, w0, w1, label, hits, title=title))
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
                if "person" in kinds and not _another_bearer(doc, [matches[i] for i in inside],
                                                             w0):
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
        units.append(Unit(start, end, w0, w1, label, [], title=title))
    for i, m in enumerate(matches):
        if i not in dropped and not any(
            u.start <= m.start and m.end <= u.end and u.hits and not m.nested for u in units
        ):
            units.append(m)
    units.extend([inner for u in list(units) if u.hits for inner in _inner_countries(doc, u)])
    units.sort(key=lambda u: (u.start, -u.end))
    return dedupe(units)


def _another_bearer(doc: Document, inside: list[Unit], w0: int) -> bool:
    """Whether a name the NER found is another bearer of the surname the KB matched inside it:
    "Volker Turk" is not Danilo Türk, since its first name starts with another letter than
    every name the KB gives its Türk ("Sergey Lavrov" is still Sergei Lavrov)."""
    first = doc.keys[w0][:1]
    for unit in inside:
        if unit.w0 == w0 or any(h.type != "surname" for h in unit.hits):
            return False
        for hit in unit.hits:
            actor = doc.kb.entries[hit.entry].actor
            if any(key(name)[0][:1] == first for name in [actor.name, *actor.aliases]
                   if key(name)):
                return False
    return bool(inside)


def _nestable(doc: Document, match: Unit, *, at_start: bool = False) -> bool:
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


def _inner_countries(doc: Document, unit: Unit) -> list[Unit]:
    """Countries and IGOs named inside a KB organisation or place name ("United States Navy",
    "UN Security Council", "Mexico City"), as nested units: the event coder and the scorers of
    nested annotations want both."""
    if unit.w1 - unit.w0 < 2:
        return []
    kinds = {doc.kb.entries[h.entry].actor.kind for h in unit.hits}
    if not kinds & {"organisation", "igo", "place"} or kinds & {"person", "country"}:
        return []
    inner = scan_range(doc, unit.w0, unit.w1, skip_full=True)
    out = []
    for m in inner:
        if {doc.kb.entries[h.entry].actor.kind for h in m.hits} & {"country", "igo"}:
            m.nested = True
            out.append(m)
    return out


def _role_words(doc: Document) -> set[int]:
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


def extend_names(doc: Document, matches: list[Unit]) -> list[Unit]:
    """A KB name followed by capitalised words ending in a facility or institution word is part
    of a longer name: that name becomes a candidate, the KB name a nested one."""
    out: list[Unit] = []
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
            out.append(Unit(m.start, ws[last].end, m.w0, last + 1, heads[ws[last].key], []))
    return out


def dedupe(units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    seen: set[tuple[int, int]] = set()
    for u in units:
        if (u.start, u.end) in seen:
            continue
        seen.add((u.start, u.end))
        out.append(u)
    return out


def _strip_modifier(doc: Document, matches: list[Unit], inside: list[int], start: int,
                    end: int) -> tuple[Unit, Unit] | None:
    """"Japanese Kwantung Army": a demonym before a KB organisation of that country."""
    first = matches[inside[0]]
    if first.start != start:
        return None
    entry = doc.kb.entries[first.hits[0].entry]
    if entry.actor.kind != "country" or first.w1 >= doc.word_span(start, end)[1]:
        return None
    w0, w1 = first.w1, doc.word_span(start, end)[1]
    hits = [h for h in doc.kb.lookup_key(doc.keys[w0:w1]) if accept(doc, h, w0, w1)]
    if not hits:
        return None
    countries = {doc.kb.entries[h.entry].actor.country for h in hits}
    if entry.actor.country not in countries:
        return None
    return Unit(doc.words[w0].start, end, w0, w1, "ORG", hits), first


def _coordination(doc: Document, matches: list[Unit], inside: list[int], start: int,
                  end: int) -> bool:
    """An NER span that is only KB names joined by "and"/commas ("North and South Korea")."""
    rest = doc.body[start:end]
    for i in sorted(inside, key=lambda i: -matches[i].start):
        m = matches[i]
        rest = rest[:m.start - start] + " " + rest[m.end - start:]
    return len(inside) > 1 or bool(ELLIPSIS.search(doc.body[start:end])) if \
        _RESIDUE.match(rest) else False
_RESIDUE = re.compile(r"^[\s,&/]*(?:(?:and|or|North|South|East|West)[\s,&/]*)*$")
