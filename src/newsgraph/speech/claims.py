"""Numeric claims: the figures an article states about the world, with their bounds and hedges.

A figure in the news is a claim someone vouches for ("an estimated 3 million people killed"),
so the knowledge base keeps each one with what it counts, how exact the words make it
("well over", "nearly", a range), and the hedge that weakens it ("an estimated", "credited
with"). Precision matters more than recall: a number that is a name ("MiG-15"), a time ("three
years ago"), a label ("Article 5"), an age or a pronoun ("one of them") must not become a claim,
so every doubtful case is left out.

The reader works from the stored tokens and parse alone (no spaCy call), one pass per
sentence: find each figure's words, read its value (:mod:`newsgraph.speech.numbers`), then
walk the parse for the noun it counts, the clause that states it and the hedges around it.
The claimant is not set here: the speech stage gives each claim the source whose quote holds it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsgraph.model import Article, Claim, Token
from newsgraph.speech.numbers import (
    Figure,
    Modifier,
    ordinal_value,
    parse_figure,
    quantities,
    split_token,
    token_kind,
)
from newsgraph.syntax import Tree
from newsgraph.timex.lexicon import time_lexicon

# How a figure hangs on the noun it counts ("45 people": nummod; "half a million": quantmod).
COUNT_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod",
                        "predet"})
# How a figure hangs on a noun before it when it is that noun's label ("Article 5", "page 3").
LABEL_DEPS = frozenset({"nummod", "appos", "compound", "npadvmod", "nmod", "quantmod", "dobj"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "appos",
                          "conj", "npadvmod", "dative"})
# Verbs that head a phrase rather than a clause: "including 412 bombers", "an estimated 3".
NON_CLAUSE_DEPS = frozenset({"aux", "auxpass", "amod", "prep", "compound", "pcomp", "det"})
# Children whose subtree is another statement, cut from a claim's clause or about-phrase.
CLAUSE_CUTS = frozenset({"conj", "cc"})
ABOUT_CUTS = frozenset({"relcl", "appos", "conj", "cc", "punct", "parataxis", "advcl", "acl"})
HALF_BEFORE = frozenset({"a", "an", "of", "the", "his", "her", "its", "their", "our", "my",
                         "your", "this", "that", "these", "those"})
NOT_HALF_AFTER = frozenset({"the", "first", "second", "latter", "former", "other", "one"})
HYPHENS = frozenset({"-", "–", "—"})
PHONE = re.compile(r"^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$|^\d{3}[-.]\d{4}$")
# The most tokens between a figure and the noun it counts ("651 then-ultra-modern F-86 fighters").
MAX_NOUN_GAP = 8


class _Doc:
    """What every sentence walk of the claim finder needs, computed once per article: the
    parse (:attr:`tree`, the one :class:`~newsgraph.syntax.Tree`) and per-token views of it."""

    def __init__(self, article: Article) -> None:
        self.tree = Tree(article)
        self.body = article.body
        self.tokens: list[Token] = article.tokens
        n = len(self.tokens)
        self.text = [self.body[t.start : t.end] for t in self.tokens]
        self.lower = [t.lower() for t in self.text]
        self.kind = [token_kind(t) for t in self.text]
        q = quantities()
        time_spans = [(x.start, x.end) for x in article.timexes]
        time_spans += [(m.start, m.end) for m in article.mentions if m.label in q.time_labels]
        name_spans = [(m.start, m.end) for m in article.mentions if m.label in q.name_labels]
        self.in_time = self._mark(self.tree.starts, time_spans)
        self.in_name = self._mark(self.tree.starts, name_spans)
        self.consumed = [False] * n

    def _mark(self, starts: list[int], spans: list[tuple[int, int]]) -> list[bool]:
        """Which tokens overlap any of the spans: one bisect per span, not per token pair."""
        marked = [False] * len(self.tokens)
        for start, end in spans:
            i = max(bisect.bisect_right(starts, start) - 1, 0)
            while i < len(self.tokens) and self.tokens[i].start < end:
                if self.tokens[i].end > start:
                    marked[i] = True
                i += 1
        return marked

    def dep(self, i: int) -> str:
        return self.tokens[i].dep

    def pos(self, i: int) -> str:
        return self.tokens[i].pos

    def cut_subtree(self, i: int, cut: frozenset[str], keep: int | None = None) -> list[int]:
        """Token indices under ``i``, leaving out descendants whose dep is in ``cut``.

        A cut descendant is kept when ``keep`` lies under it: the claim's own conjunct stays.
        """
        def pruned(child: int) -> bool:
            return self.tokens[child].dep in cut and not (
                keep is not None and (keep == child or child in self.tree.ancestors(keep)))

        return self.tree.subtree(i, prune=pruned)

    def glued(self, left: int, right: int) -> bool:
        """No space between two tokens: "MiG" "29", "1.5" "m", "$" "5"."""
        return self.tokens[left].end == self.tokens[right].start


@dataclass(slots=True)
class _Figure:
    """The words of one figure in a sentence, before it is judged a claim."""

    first: int  # first token of the figure's own words
    last: int  # last token of them
    words: list[str]
    joiner: str | None = None  # "and" after "between", "to" after "from"
    opener: int | None = None  # the token "between" / "from"
    currency: tuple[int, int] | None = None  # tokens of the currency sign ("US", "$")
    plus: bool = False  # a glued "+" ("300+")
    per: list[str] | None = None  # the words of a ratio's second figure ("eight of 10")


def numeric_claims(article: Article) -> list[Claim]:
    """Every figure in the article that counts or measures something in the world, as a claim.

    Each carries its statement (the clause holding it), its evidence (the number phrase with
    what it counts), its bounds, comparator, unit and hedge; the claimant is left for the
    speech stage. Ranks ("the third deadliest") and comparisons without a figure ("more water
    than ...") are claims too. Claims come in text order, sentence by sentence.
    """
    if not article.tokens or not article.body:
        return []
    doc = _Doc(article)
    claims: list[Claim] = []
    bounds: dict[int, list[int]] = {}
    for i, token in enumerate(doc.tokens):
        bounds.setdefault(token.sentence, [i, i])[1] = i
    for sentence, (lo, last) in sorted(bounds.items()):
        found: list[Claim] = []
        hi = last + 1
        i = lo
        while i < hi:
            if not doc.consumed[i]:
                figure = _figure_at(doc, i, lo, hi)
                if figure is not None:
                    claim = _numeric(doc, article, figure, sentence, lo, hi)
                    if claim is not None:
                        found.append(claim)
                    for t in range(i, figure.last + 1):
                        doc.consumed[t] = True
                    i = figure.last + 1
                    continue
            i += 1
        for i in range(lo, hi):
            if not doc.consumed[i]:
                claim = _rank(doc, article, i, sentence, lo, hi)
                if claim is not None:
                    found.append(claim)
        for i in range(lo, hi):
            if not doc.consumed[i]:
                claim = _comparison(doc, article, i, sentence, lo, hi)
                if claim is not None:
                    found.append(claim)
        claims.extend(sorted(found, key=lambda c: (c.evidence_start, c.evidence_end)))
    return claims


# --- finding a figure's words ---------------------------------------------------------------


def _figure_at(doc: _Doc, i: int, lo: int, hi: int) -> _Figure | None:
    """The figure whose words start at token ``i`` (or just before it: "a million"), if any."""
    q = quantities()
    kind = doc.kind[i]
    if kind is None:
        return None
    low = doc.lower[i]
    nxt = doc.lower[i + 1] if i + 1 < hi else ""
    prev = doc.lower[i - 1] if i > lo else ""
    if kind == "fraction":
        # a lone fraction word is a figure only as "half the ...", "a third of ..."
        if low in ("half",):
            if prev in NOT_HALF_AFTER or not (nxt in HALF_BEFORE or doc.kind[i + 1] == "scale"):
                return None
        elif not (prev in ("a", "an", "one") and nxt == "of"):
            return None
    if kind == "vague" and nxt != "of":
        return None
    if kind == "vague" and low == "tens" and (i + 2 >= hi or doc.kind[i + 2] != "vague"):
        return None
    first = i
    words = split_token(doc.text[i])
    if kind == "scale":
        for n in (3, 2, 1):
            key = tuple(doc.lower[first - n : first]) if first - n >= lo else ()
            if key in q.vague_multipliers:
                words = list(key) + words
                first -= n
                break
    if first == i and kind in ("scale", "fraction") and prev in ("a", "an"):
        words = [prev, *words]
        first -= 1
    if kind == "scale" and first == i:
        return None  # a bare "million" with no figure before it ("C415 million", "Thousand Oaks")
    joiner = q.range_openers.get(doc.lower[first - 1]) if first > lo else None
    figure = _Figure(first=first, last=i, words=words, joiner=joiner)
    _extend(doc, figure, kind, hi)
    if figure.words and figure.words[-1] == "+":
        figure.words.pop()
        figure.plus = True
    _ratio(doc, figure, hi)
    if joiner is not None and joiner in figure.words:
        figure.opener = first - 1
    else:
        figure.joiner = None
    opening = figure.opener if figure.opener is not None else first
    figure.currency = _currency_before(doc, opening, lo)
    return figure


def _extend(doc: _Doc, figure: _Figure, kind: str | None, hi: int) -> None:
    """Take the words after the first that belong to the same figure.

    "half a million", "one hundred and twenty", "two and a half", "hundreds of thousands",
    "3-4.5 million", "200 to 300", "between 200 and 300", "$5 to $7".
    """
    q = quantities()
    prev_kind = kind
    ranged = False
    j = figure.last + 1
    while j < hi:
        w = doc.lower[j]
        k = doc.kind[j]
        nxt_kind = doc.kind[j + 1] if j + 1 < hi else None
        if k is not None and _follows(prev_kind, figure.words[-1], k, w):
            take = 1
        elif w == "m" and prev_kind == "digit" and doc.glued(j - 1, j) and (
            "." in figure.words[-1] or _currency_before(doc, figure.first, 0) is not None
        ):
            k, take = "scale", 1
        elif w in ("a", "an") and prev_kind in ("fraction", "word", "digit") \
                and nxt_kind in ("scale", "fraction") and figure.words[-1] != "and":
            take = 1
        elif w == "and" and j + 2 < hi and doc.lower[j + 1 : j + 3] == ["a", "half"]:
            figure.words += ["and", "a", "half"]
            figure.last = j + 2
            prev_kind = "fraction"
            j += 3
            continue
        elif w == "and" and prev_kind in ("scale", "word") and nxt_kind == "word" \
                and figure.words[-1] in q.scales and figure.joiner != "and":
            take = 1
        elif w in HYPHENS and prev_kind == "word" and nxt_kind in ("word", "fraction"):
            figure.last = j  # "twenty - four": one word split by the tokenizer
            j += 1
            continue
        elif (w in q.range_joiners or w == figure.joiner) and not ranged \
                and prev_kind in ("digit", "word", "scale", "fraction", "slash") \
                and (figure.joiner == w or w != "to" or not _changes(doc, figure.last)):
            after = j + 1
            if after < hi and doc.lower[after] in q.currency_symbols:
                after += 1
            if after < hi and _numeric_kind(doc.kind[after]):
                figure.words.append(w)
                figure.last = after
                figure.words += split_token(doc.text[after])
                prev_kind = doc.kind[after]
                ranged = True
                j = after + 1
                continue
            break
        elif w == "of" and prev_kind == "vague" and nxt_kind == "vague":
            take = 1
        else:
            break
        figure.words += split_token(doc.text[j]) if k is not None else [w]
        figure.last = j + take - 1
        prev_kind = k if k is not None else prev_kind
        j += take


def _ratio(doc: _Doc, figure: _Figure, hi: int) -> None:
    """ "eight of 10 voters", "1 in 4 residents", "nine out of 10": a share, read as a fraction."""
    j = figure.last + 1
    if j + 1 < hi and doc.lower[j : j + 2] == ["out", "of"]:
        j += 2
    elif j < hi and doc.lower[j] == "in":
        j += 1
    elif j + 1 < hi and doc.lower[j] == "of" and doc.lower[j + 1] in ("10", "ten", "100"):
        j += 1  # "eight of 10": a share; "5 of 7 appeals" stays a count of appeals
    else:
        return
    units = time_lexicon().unit_words
    if j < hi and doc.kind[j] in ("digit", "word") and not doc.consumed[j] \
            and not doc.in_time[j] and (j + 1 >= hi or doc.kind[j + 1] is None) \
            and (j + 1 >= hi or doc.lower[j + 1] not in units):
        figure.per = split_token(doc.text[j])
        figure.last = j


def _changes(doc: _Doc, i: int) -> bool:
    """Whether the figure at ``i`` is the amount of a change ("fell 5 to 286", "up 3 to 40")."""
    q = quantities()
    current: int | None = i
    for _ in range(4):
        current = doc.tree.head(current) if current is not None else None
        if current is None:
            return False
        if q.change_verbs & {doc.tokens[current].lemma.lower(), doc.lower[current]}:
            return True
        if doc.pos(current) in ("VERB", "AUX"):
            return False
    return False


def _follows(prev_kind: str | None, prev_word: str, kind: str, word: str) -> bool:
    """Whether a number word continues the figure before it ("two" "thirds", "3.5" "million")."""
    if kind == "slash":
        return prev_kind == "digit" and "." not in prev_word and "," not in prev_word
    if kind == "scale":
        return prev_kind in ("digit", "word", "scale", "fraction")
    if kind == "fraction":
        return (prev_kind == "word" and word.endswith("s")) or (
            prev_kind == "word" and prev_word in ("one",)
        )
    if kind == "word":
        if prev_kind == "scale" or prev_word == "and":
            return True  # "a hundred thirty", "two hundred and thirty"
        tens = time_lexicon().number_tens
        units = time_lexicon().number_units
        return prev_kind == "word" and prev_word in tens and units.get(word, 10) < 10
    if kind == "vague":
        return prev_kind == "vague" and prev_word == "of"
    return False


def _numeric_kind(kind: str | None) -> bool:
    return kind in ("digit", "word")


def _currency_before(doc: _Doc, first: int, lo: int) -> tuple[int, int] | None:
    """The currency sign right before a figure's first token: "$", "€", or "US" "$"."""
    q = quantities()
    i = first - 1
    if i < lo or doc.lower[i] not in q.currency_symbols:
        return None
    if i - 1 >= lo and doc.glued(i - 1, i) \
            and doc.lower[i - 1] + doc.lower[i] in q.currency_symbols:
        return (i - 1, i)
    return (i, i)


# --- judging it and building the claim -----------------------------------------------------


@dataclass(slots=True)
class _Parts:
    """Where the pieces around a figure lie: its core tokens, noun, modifiers and suffixes."""

    core: list[int]
    head: int  # the core token the rest of the sentence hangs it on
    noun: int | None = None  # the counted noun
    noun_end: int | None = None  # the noun phrase's last token (of-complement, participle)
    unit: str | None = None
    before: tuple[Modifier, int, int] | None = None  # modifier, first token, last token
    after: tuple[Modifier, int, int] | None = None
    percent: str | None = None
    comparative: int | None = None  # "more" in "40% more steel"
    superlative: bool = False  # "the three largest banks": a rank, top-N


def _numeric(
    doc: _Doc, article: Article, figure: _Figure, sentence: int, lo: int, hi: int
) -> Claim | None:
    q = quantities()
    value = parse_figure(figure.words, joiner=figure.joiner)
    if value is not None and figure.per is not None:
        per = parse_figure(figure.per)
        if per is None or not per.low or value.is_range or value.vague or value.low > per.low:
            return None
        value = Figure(value.low / per.low, value.low / per.low)
    if value is None or _excluded(doc, figure, lo, hi):
        return None
    parts = _parts(doc, figure, value, lo, hi)
    if parts is None:
        return None
    if not parts.superlative and _referential(doc, figure, parts, value, lo):
        return None
    rank = parts.superlative or (parts.before is not None and parts.before[0].rank)
    if value.is_range:
        comparator = "range"
    elif value.vague:
        comparator = "over"
    elif parts.before is not None:
        comparator = parts.before[0].comparator
    elif parts.superlative:
        comparator = "under"
    elif parts.after is not None:
        comparator = parts.after[0].comparator
    elif figure.plus:
        comparator = q.after[("+",)].comparator
    else:
        comparator = "exact"
    unit = parts.unit
    if parts.percent:
        unit = parts.percent
    elif rank:
        unit = "rank"
    elif figure.currency is not None:
        sign = "".join(doc.lower[t] for t in range(figure.currency[0], figure.currency[1] + 1))
        unit = q.currency_symbols[sign]
    starts = [figure.first]
    if figure.opener is not None:
        starts.append(figure.opener)
    if figure.currency is not None:
        starts.append(figure.currency[0])
    if parts.before is not None and parts.before[0].evidence:
        starts.append(parts.before[1])
    ends = [max(parts.core)]
    if parts.noun_end is not None:
        ends.append(parts.noun_end)
    if parts.after is not None:
        ends.append(parts.after[2])
    ev_start = doc.tokens[min(starts)].start
    ev_end = doc.tokens[max(ends)].end
    base = parts.noun if parts.noun is not None and parts.comparative is None else parts.head
    hedge = _hedge(doc, parts, base)
    start, end = _clause(doc, article, parts.head, sentence, lo, hi)
    start, end = min(start, ev_start), max(end, ev_end)  # "$200 or less": "or less" is a conjunct
    about = _about(doc, base, parts, ev_start, ev_end, lo, hi)
    if parts.comparative is not None and parts.noun_end is not None:
        compared = _than_end(doc, parts.noun_end, hi)
        if compared is not None:
            about = doc.body[ev_start:compared]
    for t in range(min(starts), max(ends) + 1):
        doc.consumed[t] = True
    return Claim(
        kind="numeric",
        start=start,
        end=end,
        evidence_start=ev_start,
        evidence_end=ev_end,
        text=doc.body[ev_start:ev_end],
        low=value.low,
        high=value.high,
        comparator=comparator,
        unit=unit,
        about=about,
        hedge=doc.body[hedge[0] : hedge[1]] if hedge else None,
        hedge_start=hedge[0] if hedge else None,
        hedge_end=hedge[1] if hedge else None,
        hedge_strength=hedge[2] if hedge else None,
        sentence=sentence,
    )


def _excluded(doc: _Doc, figure: _Figure, lo: int, hi: int) -> bool:
    """Whether the figure is a time, a name, a label, a list number or a pronoun, not a count."""
    q = quantities()
    first, last = figure.first, figure.last
    span = range(first, last + 1)
    if any(doc.in_time[t] or doc.in_name[t] for t in span):
        return True
    if figure.words == ["one"]:
        return True  # "one of the ...", "one day", "at one point": rarely a count
    if first > lo and doc.glued(first - 1, first) and doc.text[first - 1][-1:].isalnum():
        return True  # "MiG" "29"
    if first > lo + 1 and doc.lower[first - 1] in HYPHENS and doc.glued(first - 1, first) \
            and doc.glued(first - 2, first - 1) and doc.text[first - 2][-1:].isalpha():
        return True  # "Hwasong - 18" split by the tokenizer
    if last + 1 < hi and doc.glued(last, last + 1):
        after = doc.lower[last + 1]
        if after[:1].isalpha() and after not in q.scales and after not in q.ambiguous_scales \
                and (after,) not in q.percent and after not in q.glued_units:
            return True  # "5G", "3D"; "10km" stays
        if after in HYPHENS and last + 2 < hi and doc.glued(last + 1, last + 2) \
                and doc.lower[last + 2][:1].isalpha() and token_kind(doc.text[last + 2]) is None \
                and (doc.lower[last + 2],) not in q.after:
            return True  # "a 5-year plan", "a 54-year-old": an attribute, not a count
        if after in HYPHENS and last + 2 < hi and doc.glued(last + 1, last + 2) \
                and doc.lower[last + 2][:1].isdigit():
            return True  # "555-0192", "3-1" not read as a range: a code or a score
    before = figure.opener if figure.opener is not None else first
    if figure.currency is not None:
        before = figure.currency[0]
    if before > lo:
        label = doc.lower[before - 1]
        if label == "." and before - 1 > lo and doc.glued(before - 2, before - 1):
            label = doc.lower[before - 2] + "."  # "no" "." split by the tokenizer
        if label in q.label_words or label.rstrip(".") in q.label_words:
            return True
    if first == lo and last + 1 < hi and doc.lower[last + 1] in (".", ")"):
        return True  # list numbering: "1." / "2)"
    if first > lo and doc.lower[first - 1] == "(" and last + 1 < hi and doc.lower[last + 1] == ")":
        return True
    for near in (first - 1, last + 1):
        if lo <= near < hi and doc.text[near].isdigit() and not doc.in_time[near]:
            return True  # "+1 202 555 0143": figures in a row are a code, not counts
    nxt = doc.lower[last + 1] if last + 1 < hi else ""
    prev = doc.lower[first - 1] if first > lo else ""
    bare = figure.opener is None and figure.currency is None and figure.per is None
    if bare and len(figure.words) == 1 and token_kind(doc.text[first]) == "word" \
            and nxt in (",", ":") and prev in (",", "and", ";", ":", "") :
        return True  # "one, his temper, and two, his language": an enumeration
    closed = last + 1 >= hi or doc.pos(last + 1) == "PUNCT"
    if bare and first - 2 >= lo and prev == "," and doc.pos(first - 2) == "PROPN" and closed \
            and doc.text[first].isdigit():
        return True  # "Crutcher, 40 ―": an age
    if first > lo + 1 and doc.text[first - 1] == "The":
        return True  # "The 411" inside a sentence: a title
    text = doc.body[doc.tokens[first].start : doc.tokens[last].end]
    return bool(PHONE.match(text))


def _parts(doc: _Doc, figure: _Figure, value: Figure, lo: int, hi: int) -> _Parts | None:
    """The figure's percent sign, modifiers and counted noun; None when it is not a count."""
    q = quantities()
    core = list(range(figure.first, figure.last + 1))
    if figure.currency is not None:
        core += list(range(figure.currency[0], figure.currency[1] + 1))
    k = figure.last + 1
    percent: str | None = None
    for n in (2, 1):
        key = tuple(doc.lower[k : k + n])
        if k + n <= hi and key in q.percent:
            percent = q.percent[key]
            core += list(range(k, k + n))
            k += n
            break
    after = _after(doc, k, hi)
    core_set = set(core)
    heads = [t for t in core if doc.tree.head(t) is None or doc.tree.head(t) not in core_set]
    head = heads[-1] if heads else figure.last
    parts = _Parts(core=sorted(core), head=head, after=after, percent=percent)
    last_core = max(core)
    if percent is None and last_core + 1 < hi:
        following = last_core + 1
        parts.superlative = doc.tokens[following].tag in ("JJS", "RBS") or (
            doc.lower[following] in q.superlative_adverbs and following + 1 < hi
            and doc.tokens[following + 1].tag.startswith("JJ"))
        if parts.superlative and doc.text[following][:1].isupper():
            return None  # "the FBI's Ten Most Wanted": a name
    h = doc.tree.head(head)
    colon = min(core) > lo and doc.lower[min(core) - 1] == ":"  # "Casualties: 300"
    if h is not None and h < min(core) and doc.pos(h) in NOMINAL_POS and not colon \
            and doc.dep(head) in LABEL_DEPS:
        return None  # "Article 5", "page 3", "Flight 370"
    if doc.dep(head) == "appos" and not colon:
        return None  # "the minister, 54,"
    comparative = last_core + 1
    if after is None and comparative < hi and doc.lower[comparative] in q.comparatives:
        noun = doc.tree.head(comparative)
        if noun is not None and noun > comparative and _nominal(doc, noun):
            parts.comparative = comparative
            parts.noun = noun
            parts.noun_end = _noun_end(doc, noun, hi)
            parts.unit = _unit(doc, noun, parts.noun_end, last_core)
            parts.before = _before(doc, figure, parts, lo)
            return parts
    if h is not None and h > last_core and h - last_core <= MAX_NOUN_GAP and percent is None \
            and doc.dep(head) in COUNT_DEPS \
            and (doc.pos(h) in NOMINAL_POS or doc.tokens[h].tag.startswith("NN")):
        parts.noun = h
    elif after is None and k < hi and doc.lower[k] == "of":
        parts.noun = next((c for c in doc.tree.children[k] if doc.dep(c) == "pobj"), None)
    parts.before = _before(doc, figure, parts, lo)
    if parts.noun is None:
        return None if _year_like(doc, figure, value, percent) else parts
    noun = parts.noun
    if doc.lower[noun] in time_lexicon().unit_words:
        return None  # a duration the time tagger missed: "24 hours", "half of the year"
    if doc.lower[noun] in q.address_words and doc.text[noun][:1].isupper():
        return None  # "285 Toure Drive": an address
    parts.noun_end = _noun_end(doc, noun, hi)
    if doc.pos(noun) != "PRON":
        parts.unit = _unit(doc, noun, parts.noun_end, last_core)
    if parts.after is None and parts.noun_end + 1 < hi and doc.lower[parts.noun_end + 1] != "+":
        parts.after = _after(doc, parts.noun_end + 1, hi)  # "300 people or more"
    return parts


def _after(doc: _Doc, k: int, hi: int) -> tuple[Modifier, int, int] | None:
    """The bound written after a figure, from token ``k``: "or more", "or so", "+", "-plus"."""
    q = quantities()
    start = k
    if k + 1 < hi and doc.lower[k] in HYPHENS and doc.glued(k - 1, k) and doc.glued(k, k + 1):
        k += 1
    for n in range(q.max_modifier, 0, -1):
        key = tuple(doc.lower[k : k + n])
        if k + n <= hi and key in q.after:
            return (q.after[key], start, k + n - 1)
    return None


def _year_like(doc: _Doc, figure: _Figure, value: Figure, percent: str | None) -> bool:
    """A bare four-digit figure with nothing counted is a year the time tagger missed."""
    if percent or figure.currency is not None or value.is_range or figure.last != figure.first:
        return False
    text = doc.text[figure.first]
    return len(text) == 4 and text.isdigit() and 1000 <= value.low <= 2100


def _nominal(doc: _Doc, i: int) -> bool:
    return doc.pos(i) in NOMINAL_POS or (doc.dep(i) in NOMINAL_DEPS and doc.pos(i) != "VERB")


def _noun_end(doc: _Doc, noun: int, hi: int) -> int:
    """The counted noun's last token: with a measure's "of" complement and a trailing participle.

    "2,500 tonnes of fuel", "3 million people killed", "2 million people dead".
    """
    q = quantities()
    end = noun
    if doc.lower[noun] in q.measure_nouns and noun + 1 < hi and doc.lower[noun + 1] == "of":
        pobj = next((c for c in doc.tree.children[noun + 1] if doc.dep(c) == "pobj"), None)
        if pobj is not None and doc.pos(pobj) in NOMINAL_POS:
            end = pobj
    t = end + 1
    if t >= hi:
        return end
    if doc.tree.head(t) in (noun, end) and doc.dep(t) in ("acl", "amod", "oprd", "advmod") \
            and (doc.lower[t] in q.trailing_words
                 or (doc.tokens[t].tag == "VBN" and not doc.tree.children[t])):
        end = t  # "3 million people killed"
    elif doc.lower[t] in q.trailing_words and doc.dep(t) in ("oprd", "acomp") \
            and doc.tree.head(t) == doc.tree.head(noun):
        end = t  # "left 2 million people dead": the verb's result, said of the noun
    return end


def _compound_start(doc: _Doc, noun: int, floor: int) -> int:
    """The first token of a noun with its compound modifiers: "combat sorties", "B-29 bombers".

    Tokens at or before ``floor`` (the figure's own, "1.5" "m") are never part of it.
    """
    start = noun
    t = noun - 1
    while t > floor and doc.tokens[t].sentence == doc.tokens[noun].sentence:
        h = doc.tree.head(t)
        if (h is None or not start <= h <= noun) and not (
            doc.lower[t] in HYPHENS and doc.glued(t, t + 1)
        ):
            break
        dep = doc.dep(t)
        text = doc.text[t]
        name_like = any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)
        if dep == "compound" or (name_like and doc.kind[t] is None) \
                or (dep == "nmod" and doc.pos(t) == "PROPN"):
            start = t
            t -= 1
            continue
        if doc.lower[t] in HYPHENS and t - 1 > floor and doc.glued(t, t + 1) \
                and doc.glued(t - 1, t):
            start = t - 1  # "first-graders": a word the tokenizer split at its hyphen
            t -= 2
            continue
        break
    while start < noun and doc.lower[start] in HYPHENS:
        start += 1
    return start


def _unit(doc: _Doc, noun: int, noun_end: int, floor: int) -> str:
    """What is counted, as written: the noun with its compounds ("then-new B-29 bombers" → the
    last two), and a measure's complement ("tonnes of fuel")."""
    q = quantities()
    unit = doc.body[doc.tokens[_compound_start(doc, noun, floor)].start : doc.tokens[noun].end]
    if noun_end > noun + 1 and doc.lower[noun] in q.measure_nouns and doc.lower[noun + 1] == "of":
        pobj = noun_end if doc.lower[noun_end] not in q.trailing_words else noun_end - 1
        if doc.pos(pobj) in NOMINAL_POS:
            first = _compound_start(doc, pobj, noun + 1)
            complement = doc.body[doc.tokens[first].start : doc.tokens[pobj].end]
            unit = f"{unit} of {complement}"
    return unit


def _before(doc: _Doc, figure: _Figure, parts: _Parts, lo: int) -> tuple[Modifier, int, int] | None:
    """The comparator or approximator right before the figure ("well over", "an estimated")."""
    q = quantities()
    end = figure.first
    if figure.opener is not None:
        end = figure.opener
    if figure.currency is not None:
        end = min(end, figure.currency[0])
    targets = set(parts.core)
    if parts.noun is not None:
        targets.add(parts.noun)
    for n in range(q.max_modifier, 0, -1):
        begin = end - n
        if begin < lo:
            continue
        modifier = q.before.get(tuple(doc.lower[begin:end]))
        if modifier is None:
            continue
        tokens = range(begin, end)
        if modifier.attached and not any(
            doc.tree.head(t) in targets or doc.tree.head(t) in tokens for t in tokens
        ):
            continue
        return (modifier, begin, end - 1)
    return None


def _referential(doc: _Doc, figure: _Figure, parts: _Parts, value: Figure, lo: int) -> bool:
    """ "the two leaders", "these three designs": a small number word after a definite
    determiner refers back to things already counted; it states nothing new."""
    q = quantities()
    if parts.before is not None or value.is_range or value.vague:
        return False
    if any(token_kind(doc.text[t]) not in ("word", "scale")
           for t in range(figure.first, figure.last + 1)):
        return False
    return figure.first > lo and doc.lower[figure.first - 1] in q.referential_determiners \
        and value.low <= q.referential_max


# --- ranks and comparisons without a figure --------------------------------------------------


def _rank(doc: _Doc, article: Article, i: int, sentence: int, lo: int, hi: int) -> Claim | None:
    """ "the third deadliest", "third-largest", "the 70th anniversary": an ordinal as a claim."""
    q = quantities()
    value = ordinal_value(doc.text[i])
    if value is None or doc.in_time[i] or doc.in_name[i] or i + 1 >= hi:
        return None
    j = i + 1
    if doc.lower[j] in HYPHENS and j + 1 < hi:
        j += 1
    tag = doc.tokens[j].tag
    if tag in ("JJS", "RBS") or doc.lower[j] in q.superlative_adverbs:
        end = j + 1 if doc.lower[j] in q.superlative_adverbs and j + 1 < hi else j
        unit = "rank"
        head = doc.tree.head(end)
        nominal_head = head is not None and head > end and doc.pos(head) in NOMINAL_POS
        anchor = head if nominal_head and head is not None else end
    elif doc.tokens[j].lemma.lower() in q.ordinal_nouns or doc.lower[j] in q.ordinal_nouns:
        end = j
        unit = doc.text[j]
        anchor = j
    else:
        return None
    ev_start, ev_end = doc.tokens[i].start, doc.tokens[end].end
    start, stop = _clause(doc, article, anchor, sentence, lo, hi)
    start, stop = min(start, ev_start), max(stop, ev_end)
    parts = _Parts(core=list(range(i, end + 1)), head=anchor)
    about = _about(doc, anchor, parts, ev_start, ev_end, lo, hi, strip_det=True)
    for t in range(i, end + 1):
        doc.consumed[t] = True
    return Claim(
        kind="numeric", start=start, end=stop, evidence_start=ev_start, evidence_end=ev_end,
        text=doc.body[ev_start:ev_end], low=float(value), high=float(value), comparator="exact",
        unit=unit, about=about, sentence=sentence,
    )


def _comparison(
    doc: _Doc, article: Article, i: int, sentence: int, lo: int, hi: int
) -> Claim | None:
    """ "more tonnage of bombs than ...", "fewer troops than ...": a bound without a figure."""
    q = quantities()
    comparator = q.comparatives.get(doc.lower[i])
    if comparator is None or doc.tokens[i].tag not in ("JJR", "RBR"):
        return None
    noun = doc.tree.head(i)
    if noun is None or noun <= i or noun - i > 3 or doc.consumed[noun]:
        return None
    if doc.pos(noun) not in NOMINAL_POS:
        return None  # "more likely", "a lot more difficult": qualities, not amounts
    if i + 1 < hi and doc.lower[i + 1] == "than":
        return None
    end = noun
    if noun + 1 < hi and doc.lower[noun + 1] == "of":
        pobj = next((c for c in doc.tree.children[noun + 1] if doc.dep(c) == "pobj"), None)
        if pobj is not None and doc.pos(pobj) in NOMINAL_POS:
            end = pobj
    about_end = _than_end(doc, end, hi)
    if about_end is None:
        return None
    unit_start = doc.tokens[_compound_start(doc, noun, i)].start
    unit = doc.body[unit_start : doc.tokens[end].end]
    ev_start, ev_end = doc.tokens[i].start, doc.tokens[end].end
    start, stop = _clause(doc, article, noun, sentence, lo, hi)
    start, stop = min(start, ev_start), max(stop, ev_end)
    for t in range(i, end + 1):
        doc.consumed[t] = True
    return Claim(
        kind="numeric", start=start, end=stop, evidence_start=ev_start, evidence_end=ev_end,
        text=doc.body[ev_start:ev_end], comparator=comparator, unit=unit,
        about=doc.body[ev_start:about_end], sentence=sentence,
    )


def _than_end(doc: _Doc, after: int, hi: int) -> int | None:
    """Where the standard of a comparison ends: "than in the previous decade combined".

    None when no "than" follows, or when it is followed by a figure ("more than 300"), which
    the figure's own claim covers.
    """
    than = next((t for t in range(after + 1, hi) if doc.lower[t] == "than"), None)
    if than is None or (than + 1 < hi and doc.kind[than + 1] in ("digit", "word")):
        return None
    return max(doc.tokens[t].end for t in doc.tree.subtree(than) if t < hi)


# --- statement, about-phrase and hedge -------------------------------------------------------


def _clause(
    doc: _Doc, article: Article, anchor: int, sentence: int, lo: int, hi: int
) -> tuple[int, int]:
    """The statement holding a figure: the nearest clause head's subtree, less other conjuncts.

    A verbless fragment ("Casualties: 300.") is its whole sentence.
    """
    current: int | None = anchor
    clause: int | None = None
    for _ in range(hi - lo):
        if current is None:
            break
        pos, dep = doc.pos(current), doc.dep(current)
        if pos in ("VERB", "AUX") and dep not in NON_CLAUSE_DEPS and dep != "xcomp":
            clause = current
            break
        current = doc.tree.head(current)
    if clause is None:
        s = article.sentences[sentence] if 0 <= sentence < len(article.sentences) else None
        start = s.start if s else doc.tokens[lo].start
        end = s.end if s else doc.tokens[hi - 1].end
        return _trim(doc, lo, hi, start, end)
    tokens = [t for t in doc.cut_subtree(clause, CLAUSE_CUTS, keep=anchor) if lo <= t < hi]
    while tokens and (doc.pos(tokens[0]) in ("PUNCT", "CCONJ") or doc.lower[tokens[0]] in HYPHENS):
        tokens.pop(0)
    while tokens and doc.pos(tokens[-1]) == "PUNCT":
        tokens.pop()
    if not tokens:
        return doc.tokens[anchor].start, doc.tokens[anchor].end
    return doc.tokens[tokens[0]].start, doc.tokens[tokens[-1]].end


def _trim(doc: _Doc, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """A sentence's span without its closing punctuation and surrounding space."""
    inside = [t for t in range(lo, hi) if doc.pos(t) not in ("PUNCT", "SPACE")]
    if not inside:
        return start, end
    return max(start, doc.tokens[inside[0]].start), min(end, doc.tokens[inside[-1]].end)


def _about(
    doc: _Doc, base: int, parts: _Parts, ev_start: int, ev_end: int, lo: int, hi: int,
    *, strip_det: bool = False,
) -> str:
    """The noun phrase the figure is about: "deaths of well over a million civilians".

    Climbs from the counted noun through "of" to the noun that governs it, and takes that
    noun's phrase up to the first comma or clause, without a leading article.
    """
    top = base
    for _ in range(2):
        of = doc.tree.head(top)
        if doc.dep(top) != "pobj" or of is None or doc.lower[of] != "of":
            break
        governor = doc.tree.head(of)
        if governor is None or not (doc.pos(governor) in NOMINAL_POS or governor in parts.core):
            break
        top = governor
    tokens = [t for t in doc.cut_subtree(top, ABOUT_CUTS) if lo <= t < hi]
    start = ev_start
    if (top not in parts.core and top != parts.noun) or strip_det:
        lead = 0
        while lead < len(tokens) - 1 and (doc.dep(tokens[lead]) == "det" or doc.pos(tokens[lead])
                                           in ("PUNCT", "DET")):
            lead += 1
        start = min(ev_start, doc.tokens[tokens[lead]].start)
    inside = set(tokens)
    end = ev_end
    t = next((t for t in range(lo, hi) if doc.tokens[t].start >= ev_end), hi)
    while t < hi and t in inside and doc.pos(t) != "PUNCT":
        end = doc.tokens[t].end
        t += 1
    return doc.body[start:end]


def _hedge(doc: _Doc, parts: _Parts, base: int) -> tuple[int, int, float] | None:
    """The hedge on a figure: its approximator, an attribution verb over it, or both together.

    Spans that touch merge ("credited with" + "over" → "credited with over", where "over" alone
    is a plain bound and no hedge); of spans apart, the strongest stands for the claim.
    """
    spans: list[tuple[int, int, float | None]] = []
    for found in (parts.before, parts.after):
        if found is not None:
            modifier, first, last = found
            spans.append((doc.tokens[first].start, doc.tokens[last].end, modifier.hedge))
    attribution = _attribution(doc, base)
    if attribution is not None:
        spans.append(attribution)
    if not any(strength is not None for _, _, strength in spans):
        return None
    spans.sort()
    merged: list[list] = []
    for start, end, strength in spans:
        if merged and not doc.body[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
            if strength is not None:
                merged[-1][2] = max(merged[-1][2] or 0.0, strength)
        else:
            merged.append([start, end, strength])
    hedged = [m for m in merged if m[2] is not None]
    best = max(hedged, key=lambda m: (m[2], -m[0]))
    return best[0], best[1], float(best[2])


def _attribution(doc: _Doc, base: int) -> tuple[int, int, float] | None:
    """An attribution verb that makes the figure an estimate, as its words' span and strength.

    "credited with over 40 victories", "estimated at $4 million", "believed to have commanded
    9,000 soldiers", "300 people are feared dead". Stops at the first clause not controlled by
    such a verb: "officials estimate that 300 died" is a quote, which the speech stage reads.
    """
    q = quantities()
    current = base
    for _ in range(8):
        h = doc.tree.head(current)
        if h is None:
            return None
        dep = doc.dep(current)
        if dep == "pobj" and doc.pos(h) == "ADP":
            verb = doc.tree.head(h)
            lemma = "" if verb is None else doc.tokens[verb].lemma.lower()
            entry = q.attribution_verbs.get(lemma)
            if verb is not None and entry is not None and doc.lower[h] in entry.preps:
                return doc.tokens[verb].start, doc.tokens[h].end, entry.hedge
        entry = q.attribution_verbs.get(doc.tokens[h].lemma.lower())
        if entry is not None and doc.pos(h) == "VERB":
            if dep == "nsubjpass" and entry.subject:
                return _with_to(doc, h, entry.hedge)
            if dep == "xcomp" and entry.xcomp:
                to = next((c for c in doc.tree.children[current] if doc.dep(c) == "aux"
                           and doc.lower[c] == "to"), None)
                end = doc.tokens[to].end if to is not None and to == h + 1 else doc.tokens[h].end
                return doc.tokens[h].start, end, entry.hedge
        if doc.pos(current) in ("VERB", "AUX") and dep not in NON_CLAUSE_DEPS and dep != "xcomp":
            return None
        current = h
    return None


def _with_to(doc: _Doc, verb: int, strength: float) -> tuple[int, int, float]:
    """A passive attribution verb with the "to" of its infinitive: "believed to", "feared"."""
    for child in doc.tree.children[verb]:
        if doc.dep(child) == "xcomp":
            to = next((c for c in doc.tree.children[child]
                       if c == verb + 1 and doc.lower[c] == "to"), None)
            if to is not None:
                return doc.tokens[verb].start, doc.tokens[to].end, strength
    return doc.tokens[verb].start, doc.tokens[verb].end, strength
