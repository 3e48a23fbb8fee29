"""Read the figure in a claim's number phrase: "3-4.5 million", "half a million", "two thirds".

A numeric claim needs the value its words denote, as a range: news writes ranges with one scale
word for both ends ("3-4.5 million"), fractions as words ("three quarters"), and vague plurals
("hundreds of") that only give a lower bound. Plain number words are the time tagger's
(:func:`newsgraph.timex.numbers.parse_amount`), so both readers agree on "twenty-four"; what a
count needs beyond them (big scales, fractions, comparators, hedges) is data, in
``data/speech_quantities.yaml``, so the lists grow without touching the grammar.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.data import load
from newsgraph.timex.lexicon import time_lexicon
from newsgraph.timex.numbers import parse_amount

# A figure written in digits, with an optional glued scale ("1.2bn") or plus sign ("300+").
DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{1,3}|\+)?$")
# Two figures joined in one token: "2-3.5", "10–15".
DIGIT_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([-–—])(\d[\d,]*(?:\.\d+)?)$")
# At most nine digits: a longer "rank" is noise, and int() refuses 4,300 digits and more.
ORDINAL_DIGITS = re.compile(r"^(\d{1,9})(?:st|nd|rd|th)$")
# The fraction of a mixed number, as prices are written: "4 5/8", "12 3/4".
SLASH_FRACTION = re.compile(r"^([1-9]\d?)/(2|4|8|16|32|64)$")


@dataclass(frozen=True, slots=True)
class Modifier:
    """A comparator or approximator next to a figure ("more than", "nearly", "an estimated")."""

    words: tuple[str, ...]
    comparator: str  # exact | over | under | about
    hedge: float | None = None  # None: a plain bound, not a hedge
    evidence: bool = True  # part of the number phrase's text
    attached: bool = False  # only when the parse makes it a dependent of the figure
    rank: bool = False  # the figure is a rank ("top five")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A verb that presents a figure as an estimate ("credited with", "estimated at")."""

    lemma: str
    preps: frozenset[str]
    xcomp: bool
    subject: bool
    hedge: float


@dataclass(frozen=True, slots=True)
class Quantities:
    """Every word table of ``speech_quantities.yaml`` (keys lower-case)."""

    before: dict[tuple[str, ...], Modifier]
    after: dict[tuple[str, ...], Modifier]
    scales: dict[str, float]
    ambiguous_scales: dict[str, float]
    fractions: dict[str, int]
    vague_plurals: dict[str, float]
    vague_multipliers: dict[tuple[str, ...], float]
    range_openers: dict[str, str]
    range_joiners: frozenset[str]
    percent: dict[tuple[str, ...], str]
    currency_symbols: dict[str, str]
    label_words: frozenset[str]
    referential_determiners: frozenset[str]
    referential_max: float
    measure_nouns: frozenset[str]
    glued_units: frozenset[str]
    change_verbs: frozenset[str]
    address_words: frozenset[str]
    trailing_words: frozenset[str]
    ordinal_nouns: frozenset[str]
    superlative_adverbs: frozenset[str]
    comparatives: dict[str, str]
    attribution_verbs: dict[str, Attribution]
    name_labels: frozenset[str]
    time_labels: frozenset[str]
    number_words: frozenset[str]  # the time tagger's unit and tens words, "a"/"an" left out
    max_modifier: int  # the most words a before/after modifier has


def _modifiers(table: dict) -> dict[tuple[str, ...], Modifier]:
    out: dict[tuple[str, ...], Modifier] = {}
    for phrase, entry in table.items():
        words = tuple(str(phrase).lower().split())
        out[words] = Modifier(
            words=words,
            comparator=entry["comparator"],
            hedge=entry.get("hedge"),
            evidence=bool(entry.get("evidence", True)),
            attached=bool(entry.get("attached", False)),
            rank=bool(entry.get("rank", False)),
        )
    return out


@lru_cache(maxsize=1)
def quantities() -> Quantities:
    """The tables, read once per process: every article of a run uses them."""
    data = load("speech_quantities.yaml")
    lex = time_lexicon()
    number_words = frozenset(
        w for w in (*lex.number_units, *lex.number_tens) if " " not in w and w not in ("a", "an")
    )
    before = _modifiers(data["before"])
    after = _modifiers(data["after"])
    return Quantities(
        before=before,
        after=after,
        scales={k: float(v) for k, v in data["scales"].items()},
        ambiguous_scales={k: float(v) for k, v in data["ambiguous_scales"].items()},
        fractions={k: int(v) for k, v in data["fractions"].items()},
        vague_plurals={k: float(v) for k, v in data["vague_plurals"].items()},
        vague_multipliers={
            tuple(k.split()): float(v) for k, v in data["vague_multipliers"].items()
        },
        range_openers=dict(data["range_openers"]),
        range_joiners=frozenset(data["range_joiners"]),
        percent={tuple(k.split()): v for k, v in data["percent"].items()},
        currency_symbols=dict(data["currency_symbols"]),
        label_words=frozenset(w.lower() for w in data["label_words"]),
        referential_determiners=frozenset(data["referential_determiners"]),
        referential_max=float(data["referential_max"]),
        measure_nouns=frozenset(data["measure_nouns"]),
        change_verbs=frozenset(data["change_verbs"]),
        glued_units=frozenset(data["glued_units"]),
        address_words=frozenset(data["address_words"]),
        trailing_words=frozenset(data["trailing_words"]),
        ordinal_nouns=frozenset(data["ordinal_nouns"]),
        superlative_adverbs=frozenset(data["superlative_adverbs"]),
        comparatives=dict(data["comparatives"]),
        attribution_verbs={
            lemma: Attribution(
                lemma=lemma,
                preps=frozenset(entry.get("preps", ())),
                xcomp=bool(entry.get("xcomp", False)),
                subject=bool(entry.get("subject", False)),
                hedge=float(entry["hedge"]),
            )
            for lemma, entry in data["attribution_verbs"].items()
        },
        name_labels=frozenset(data["name_labels"]),
        time_labels=frozenset(data["time_labels"]),
        number_words=number_words,
        max_modifier=max(len(k) for k in (*before, *after)),
    )


@dataclass(frozen=True, slots=True)
class Figure:
    """The value a number phrase denotes: ``low``..``high``; ``high`` None for a vague plural.

    ``vague`` marks a lower bound read off a vague plural ("hundreds of" → 200), which makes the
    claim's comparator ``over`` whatever the words around it say.
    """

    low: float
    high: float | None
    vague: bool = False

    @property
    def is_range(self) -> bool:
        return self.high is not None and self.high != self.low


def digit_value(text: str) -> float | None:
    """A figure in digits ("48,000", "3.5"), None for anything else.

    Leading zeros ("0192") mark codes and phone numbers, never counts, so they read as None.
    """
    match = DIGITS.match(text)
    if not match or match.group(3):
        return None
    whole = match.group(1)
    if len(whole) > 1 and whole.startswith("0"):
        return None
    return float(whole.replace(",", "") + (match.group(2) or ""))


def split_token(text: str) -> list[str]:
    """A token's text as the words a figure is read from: "1.2bn" → ["1.2", "bn"].

    Hyphenated number words ("twenty-four", "two-thirds") and one-token ranges ("2-3.5") are
    split at the hyphen, a glued scale or plus sign is split off; the words are lower-cased.
    """
    low = text.lower()
    ranged = DIGIT_RANGE.match(low)
    if ranged:
        return [ranged.group(1), ranged.group(2), ranged.group(3)]
    match = DIGITS.match(low)
    if match and match.group(3):
        return [match.group(1) + (match.group(2) or ""), match.group(3)]
    if "-" in low and not low.startswith("-") and not low.endswith("-"):
        return low.split("-")
    return [low]


def word_kind(word: str) -> str | None:
    """What a lower-case word is in a figure: digit, slash (the "5/8" of "4 5/8"), word, scale,
    fraction, vague, or None."""
    q = quantities()
    if digit_value(word) is not None:
        return "digit"
    slash = SLASH_FRACTION.match(word)
    if slash and int(slash.group(1)) < int(slash.group(2)):
        return "slash"
    if word in q.scales:
        return "scale"
    if word in q.fractions:
        return "fraction"
    if word in q.vague_plurals:
        return "vague"
    if word in q.number_words:
        return "word"
    return None


def token_kind(text: str) -> str | None:
    """The kind of a whole token: a one-token range or hyphenated number word reads as its parts.

    "twenty-four" is a word, "2-3.5" a digit range, "B-29" nothing (a name, not a figure).
    """
    parts = split_token(text)
    if len(parts) == 1:
        return word_kind(parts[0])
    if DIGIT_RANGE.match(text.lower()):
        return "digit"
    kinds = [word_kind(p) for p in parts]
    if parts[-1] == "+" and kinds[0] == "digit":
        return "digit"
    if len(parts) == 2 and kinds[0] == "digit" and parts[1] in quantities().scales:
        return "digit"
    if all(k in ("word", "fraction", "scale") for k in kinds) and kinds[0] == "word":
        return "word"
    return None


def ordinal_value(word: str) -> int | None:
    """A rank's number: "third" → 3, "70th" → 70; None for "last" and non-ordinals."""
    low = word.lower()
    match = ORDINAL_DIGITS.match(low)
    if match:
        return int(match.group(1))
    value = time_lexicon().ordinals.get(low)
    return value if value is not None and value > 0 else None


def parse_figure(words: Sequence[str], *, joiner: str | None = None) -> Figure | None:
    """The figure in a number phrase's words (lower-case, currency signs already left out).

    ``joiner`` is the word joining a range's ends after an opener ("and" after "between"); the
    usual joiners ("-", "to", "or") need none. A scale word written once applies to both ends
    when the first end is the smaller multiplier ("3-4.5 million" is 3 to 4.5 million, but
    "900 to 1.2 million" is 900 to 1,200,000). Returns None when the words are not a figure,
    or when a range runs backwards (a score, "won 3-1", is no claim about a quantity).
    """
    q = quantities()
    joiners = set(q.range_joiners)
    if joiner:
        joiners.add(joiner)
    sides: list[list[str]] = [[]]
    for i, word in enumerate(words):
        hyphen_in_words = word in ("-", "–", "—") and not (
            0 < i < len(words) - 1 and word_kind(words[i - 1]) == "digit"
            and word_kind(words[i + 1]) in ("digit", "scale")
        )
        if word in joiners and not hyphen_in_words and sides[-1]:
            sides.append([])
        elif word in ("-", "–", "—"):
            continue
        else:
            sides[-1].append(word)
    if len(sides) > 2 or not all(sides):
        return None
    parsed = [_side(side) for side in sides]
    if any(p is None for p in parsed):
        return None
    if not all(math.isfinite(p[0]) for p in parsed):  # type: ignore[index]
        return None  # more digits than a float holds ("999…9" x 400): no quantity
    if len(parsed) == 1:
        value, _, vague = parsed[0]  # type: ignore[misc]
        return Figure(value, None if vague else value, vague)
    (low, low_scale, low_vague), (high, high_scale, high_vague) = parsed  # type: ignore[misc]
    if low_vague or high_vague:
        return None
    if low_scale is None and high_scale is not None and low <= high / high_scale:
        low *= high_scale
    if low > high:
        return None
    return Figure(low, high)


def _side(words: list[str]) -> tuple[float, float | None, bool] | None:
    """One end of a figure: (value, its largest scale word's value or None, vague)."""
    q = quantities()
    if words[0] in q.vague_plurals:
        return _vague(words)
    for n in (3, 2, 1):
        key = tuple(words[:n])
        if key in q.vague_multipliers and len(words) > n and words[n] in q.scales:
            value = q.vague_multipliers[key]
            for word in words[n:]:
                if word not in q.scales:
                    return None
                value *= q.scales[word]
            return value, None, True
    total = 0.0
    current = 0.0
    segment: list[str] = []
    largest: float | None = None
    for word in words:
        scale = q.scales.get(word) or q.ambiguous_scales.get(word)
        if scale is None:
            segment.append(word)
            continue
        if segment:
            value = _segment(segment)
            if value is None:
                return None
            current += value
            segment = []
        current = (current or 1.0) * scale
        largest = scale if largest is None else max(largest, scale)
        if scale >= 1000:
            total += current
            current = 0.0
    if segment:
        value = _segment(segment)
        if value is None:
            return None
        current += value
    return total + current, largest, False


def _segment(words: list[str]) -> float | None:
    """A run of words without a scale: "3.5", "twenty four", "two thirds", "one and a half"."""
    q = quantities()
    if len(words) >= 3 and words[-3:] == ["and", "a", "half"]:
        rest = _segment(words[:-3])
        return None if rest is None else rest + 0.5
    if words[-1] in q.fractions:
        numerator_words = words[:-1]
        if not numerator_words or numerator_words in (["a"], ["an"], ["one"]):
            numerator: float | None = 1.0
        else:
            numerator = _segment(numerator_words)
        if numerator is None:
            return None
        return numerator / q.fractions[words[-1]]
    if len(words) == 1:
        value = digit_value(words[0])
        if value is not None:
            return value
    if len(words) == 2 and digit_value(words[0]) is not None and word_kind(words[1]) == "slash":
        numerator, denominator = words[1].split("/")
        return float(digit_value(words[0]) or 0) + int(numerator) / int(denominator)
    if any(word_kind(w) is None and w not in ("a", "an", "and", "half") for w in words):
        return None
    return parse_amount(" ".join(words))


def _vague(words: list[str]) -> tuple[float, float | None, bool] | None:
    """A vague plural's lower bound: "hundreds" → 200, "tens of thousands" → 20,000."""
    q = quantities()
    value = 2.0
    for word in words:
        if word == "of":
            continue
        scale = q.vague_plurals.get(word)
        if scale is None:
            return None
        value *= scale
    return value, None, True
