"""The gold README's Quotes and Claims rules, implemented once for every scorer that needs them.

**Quotes.** A system quote matches a gold quote when the first five words of its content equal
the first five words of the gold ``content_starts_with`` (fewer when the gold gives fewer),
both normalized (:func:`newsgraph.eval.matching.normalize`) with quote marks and brackets
stripped, and a leading complementizer "that" dropped on both sides. The speaker is right when
the system actor maps to the gold id by the Entities rule
(:func:`newsgraph.eval.entities.actor_mapping`), or, for a gold ``phrase`` speaker ("some
observers"), when the system gives a phrase rather than an actor.

**Claims.** A system claim is a candidate for a gold claim when its statement
(``body[start:end]``) contains the gold ``evidence`` after normalization; where the key gives
no evidence, when value and unit agree and the claim lies in a sentence holding the gold
``cue`` (or ``hedge``). Value: equal within 1%, a range by both ends, a null value only by a
null one; ``comparator`` is scored separately; unit: the system unit's last word, lemmatized,
is among the gold unit's words; hedge: every content word of the gold hedge lies in the
system's hedge span (no gold hedge: right when the system gives none).

Both alignments are one-to-one and greedy by a preference score, so a duplicate system record
counts once for precision, never twice for recall.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from newsgraph.eval.matching import contains, normalize
from newsgraph.model import Article, Claim, Quote

#: How many leading content words decide whether a system quote is a gold one.
FIRST_WORDS = 5

QUOTE_MARKS = "\"“”„‟«»'‘’‚‛‹›"
_STRIP = str.maketrans(dict.fromkeys(QUOTE_MARKS + "[](){}", " "))
_WORD = re.compile(r"\w+")

# Words that carry no hedge of their own: determiners, prepositions, pronouns, auxiliaries,
# conjunctions. "According to some estimates" is hedged by "according" and "estimates".
_FUNCTION_WORDS = """
a an the this that these those some any each every no all both either neither another such
of in on at to for from by with about as into onto over under than after before through during
without within against among between per via up down out off upon across behind beyond
i me my mine we us our ours you your yours he him his she her hers it its they them their
theirs who whom whose which what one itself himself herself themselves
be is are was were been being am have has had having do does did done will would shall should
can could may might must
and or but nor so yet if whether because while although though
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

_IRREGULAR_NOUNS = {"people": "person", "men": "man", "women": "woman", "children": "child",
                    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
                    "lives": "life", "wives": "wife", "knives": "knife", "halves": "half"}


def content_words(text: str) -> list[str]:
    """A quote's content as the Quotes rule compares it: normalized words, quote marks and
    brackets stripped (so "[which]" and “which” read as which)."""
    return _WORD.findall(normalize(text).translate(_STRIP))


def words(text: str) -> list[str]:
    """Normalized words (``\\w+`` runs): what unit and hedge comparisons look at."""
    return _WORD.findall(normalize(text))


def greedy_align(pairs: Sequence[tuple[Any, int, int]]) -> dict[int, int]:
    """One-to-one alignment: (score, gold index, system index) candidates, the best score first
    (ties: earlier gold, then earlier system item). Returns gold index -> system index."""
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, g, s in sorted(pairs, key=lambda p: (_neg(p[0]), p[1], p[2])):
        if g not in taken and s not in used:
            taken[g] = s
            used.add(s)
    return taken


def _neg(score: Any) -> Any:
    """A sort key that puts the highest score first (scores are numbers or tuples of them)."""
    if isinstance(score, tuple):
        return tuple(-x for x in score)
    return -score


# -- quotes -----------------------------------------------------------------------------------


def quote_matches(gold: Mapping[str, Any], quote: Quote, body: str) -> bool:
    """The Quotes rule: the first five content words agree (fewer when the gold has fewer;
    a leading "that" left out on both sides)."""
    want = content_words(str(gold.get("content_starts_with") or ""))[:FIRST_WORDS]
    if not want:
        return False
    return content_words(quote.content(body))[: len(want)] == want


def speaker_right(gold: Mapping[str, Any], quote: Quote, mapping: Mapping[str, str]) -> bool:
    """A gold actor: the system actor maps to its id; a gold phrase: the system gives a phrase
    rather than an actor (the README's rule; an unnamed source is not an actor either)."""
    if gold.get("speaker_kind") == "phrase":
        return quote.actor_id is None  # a phrase, or no source at all ("charges were made")
    return quote.actor_id is not None and mapping.get(quote.actor_id) == gold.get("speaker")


def score_quotes(article: Article, gold: Sequence[Mapping[str, Any]],
                 mapping: Mapping[str, str]) -> tuple[Counter[str], list[dict[str, Any]]]:
    """Counts for one document (``gold``, ``system``, ``matched``, ``speaker_right``,
    ``kind_right``) and what went wrong (missed gold, spurious system, wrong speaker/kind).

    Among system quotes that match a gold quote, the one with the right speaker, then the right
    kind, is preferred, so a duplicate with a worse speaker does not spoil the figures."""
    body = article.body
    pairs = [
        ((speaker_right(g, q, mapping), q.kind == g.get("kind")), gi, si)
        for gi, g in enumerate(gold)
        for si, q in enumerate(article.quotes)
        if quote_matches(g, q, body)
    ]
    aligned = greedy_align(pairs)
    counts: Counter[str] = Counter(gold=len(gold), system=len(article.quotes),
                                   matched=len(aligned))
    errors: list[dict[str, Any]] = []
    for gi, g in enumerate(gold):
        si = aligned.get(gi)
        if si is None:
            errors.append({"field": "quotes", "error": "missed", "speaker": g.get("speaker"),
                           "cue": g.get("cue"), "content": g.get("content_starts_with")})
            continue
        q = article.quotes[si]
        if speaker_right(g, q, mapping):
            counts["speaker_right"] += 1
        else:
            errors.append({"field": "quotes", "error": "speaker", "gold": g.get("speaker"),
                           "gold_kind": g.get("speaker_kind"), "system": q.speaker,
                           "system_kind": q.speaker_kind, "system_actor": q.actor_id,
                           "system_maps_to": mapping.get(q.actor_id) if q.actor_id else None,
                           "content": g.get("content_starts_with")})
        if q.kind == g.get("kind"):
            counts["kind_right"] += 1
        else:
            errors.append({"field": "quotes", "error": "kind", "gold": g.get("kind"),
                           "system": q.kind, "content": g.get("content_starts_with")})
    matched = set(aligned.values())
    for si, q in enumerate(article.quotes):
        if si not in matched:
            errors.append({"field": "quotes", "error": "spurious", "speaker": q.speaker,
                           "cue": q.cue, "kind": q.kind, "content": q.content(body)[:80]})
    return counts, errors


# -- claims -----------------------------------------------------------------------------------


def gold_range(value: Any) -> tuple[float | None, float | None] | None:
    """A gold value as (low, high): a number, [low, high], or null (None, None); None when the
    key writes something else, which is then not scored."""
    if value is None:
        return None, None
    if isinstance(value, list | tuple) and len(value) == 2:
        low, high = (_number(v) for v in value)
        return (low, high) if low is not None and high is not None else None
    number = _number(value)
    return (number, number) if number is not None else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def close(system: float | None, gold: float | None) -> bool:
    """Equal within 1% of the gold figure; a missing figure equals only a missing one."""
    if system is None or gold is None:
        return system is None and gold is None
    return abs(system - gold) <= 0.01 * abs(gold)


def value_right(gold: Mapping[str, Any], claim: Claim) -> bool:
    """Both ends within 1% (a single figure is a range of one); gold null: no figure given."""
    want = gold_range(gold.get("value"))
    return want is not None and close(claim.low, want[0]) and close(claim.high, want[1])


def noun_forms(word: str) -> set[str]:
    """The forms a noun may have as a lemma ("sorties" → sortie, sorty, …): two words share a
    lemma when their forms meet, which spares a dictionary for "sortie" and "casualty" alike."""
    word = word.casefold()
    forms = {word}
    if word in _IRREGULAR_NOUNS:
        forms.add(_IRREGULAR_NOUNS[word])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.add(word[:-1])
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
    return forms


def unit_right(gold_unit: str, system_unit: str | None) -> bool:
    """Same head noun lemma: the system unit's last word is among the gold unit's words
    (parentheses stripped: "anniversary (years)" admits "years")."""
    got = words(system_unit or "")
    if not got:
        return False
    gold_forms: set[str] = set()
    for word in words(gold_unit.replace("(", " ").replace(")", " ")):
        gold_forms |= noun_forms(word)
    return bool(noun_forms(got[-1]) & gold_forms)


def hedge_right(gold_hedge: str | None, claim: Claim, body: str) -> bool:
    """No gold hedge: right when the system gives none. Else every content word of the gold
    hedge (all its words when it has only function words, "may") lies in the system's hedge
    span (its text when it has no span)."""
    has_hedge = claim.hedge is not None or claim.hedge_start is not None
    if not gold_hedge:
        return not has_hedge
    if claim.hedge_start is not None and claim.hedge_end is not None:
        span = body[claim.hedge_start:claim.hedge_end]
    else:
        span = claim.hedge or ""
    got = set(words(span))
    want = words(gold_hedge)
    want = [w for w in want if w not in FUNCTION_WORDS] or want
    return bool(want) and all(w in got for w in want)


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in article.sentences] or [(0, len(article.body))]


def _anchor_sentences(article: Article, gold: Mapping[str, Any]) -> set[int] | None:
    """Sentences holding the gold cue (or hedge), for a gold claim without evidence; None when
    the gold gives neither, and value and unit alone decide."""
    anchor = gold.get("cue") or gold.get("hedge")
    if not anchor:
        return None
    return {i for i, (s, e) in enumerate(_sentence_spans(article))
            if contains(article.body[s:e], str(anchor))}


def _sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= offset < e:
            return i
    return -1


def claim_candidate(gold: Mapping[str, Any], claim: Claim, article: Article,
                    anchors: set[int] | None = None) -> bool:
    """The Claims rule's match (before the one-to-one alignment)."""
    evidence = gold.get("evidence")
    if evidence:
        return contains(article.body[claim.start:claim.end], str(evidence))
    if not (value_right(gold, claim) and unit_right(str(gold.get("unit") or ""), claim.unit)):
        return False
    if anchors is None:
        return True
    return _sentence_of(_sentence_spans(article), claim.start) in anchors


def score_claims(article: Article,
                 gold: Sequence[Mapping[str, Any]]) -> tuple[Counter[str], list[dict[str, Any]]]:
    """Counts for one document and what went wrong.

    Counts: ``gold``, ``required``, ``required_matched`` (recall), ``system``,
    ``system_matched`` (precision, against required and acceptable), and ``<x>`` /
    ``<x>_right`` for value, comparator, unit and hedge over the matched gold claims where the
    key gives that field. Alignment prefers the same kind, then value agreement, then a
    required gold claim, then the shorter system statement (the more specific)."""
    body = article.body
    anchors = [None if g.get("evidence") else _anchor_sentences(article, g) for g in gold]
    pairs = []
    for gi, g in enumerate(gold):
        for si, c in enumerate(article.claims):
            if claim_candidate(g, c, article, anchors[gi]):
                numeric = g.get("kind") == "numeric" and c.kind == "numeric"
                score = (c.kind == g.get("kind"), numeric and value_right(g, c),
                         g.get("status", "required") == "required", -(c.end - c.start))
                pairs.append((score, gi, si))
    aligned = greedy_align(pairs)
    required = [g.get("status", "required") == "required" for g in gold]
    counts: Counter[str] = Counter(gold=len(gold), required=sum(required),
                                   system=len(article.claims), system_matched=len(aligned))
    errors: list[dict[str, Any]] = []
    for gi, g in enumerate(gold):
        si = aligned.get(gi)
        if si is None:
            if required[gi]:
                errors.append({"field": "claims", "error": "missed", "kind": g.get("kind"),
                               "evidence": g.get("evidence"), "about": g.get("about")})
            continue
        counts["required_matched"] += required[gi]
        c = article.claims[si]
        for name, right, got in _claim_checks(g, c, body):
            counts[name] += 1
            if right:
                counts[f"{name}_right"] += 1
            else:
                errors.append({"field": "claims", "error": name, "evidence": g.get("evidence"),
                               "gold": g.get(name), "system": got})
    matched = set(aligned.values())
    for si, c in enumerate(article.claims):
        if si not in matched:
            errors.append({"field": "claims", "error": "spurious", "kind": c.kind,
                           "text": c.text, "statement": body[c.start:c.end][:80]})
    return counts, errors


def _claim_checks(gold: Mapping[str, Any], claim: Claim,
                  body: str) -> list[tuple[str, bool, Any]]:
    """(field, right, what the system gave) for each field the key scores on this claim."""
    checks: list[tuple[str, bool, Any]] = []
    if gold.get("kind") == "numeric":
        if "value" in gold and gold_range(gold["value"]) is not None:
            checks.append(("value", value_right(gold, claim), [claim.low, claim.high]))
        if gold.get("comparator"):
            checks.append(("comparator", claim.comparator == gold["comparator"],
                           claim.comparator))
        if gold.get("unit"):
            checks.append(("unit", unit_right(str(gold["unit"]), claim.unit), claim.unit))
    if "hedge" in gold:
        got = body[claim.hedge_start:claim.hedge_end] if claim.hedge_start is not None \
            and claim.hedge_end is not None else claim.hedge
        checks.append(("hedge", hedge_right(gold["hedge"], claim, body), got))
    return checks
