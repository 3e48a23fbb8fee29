"""Head words: the one word every expression of a rule must contain, found in one cheap pass.

Scanning a whole article with each of forty rich patterns costs tens of milliseconds, because
each pattern is tried at every character. Every rule, though, has a word it cannot do without
(a month name, a unit, a weekday, a four-digit number...). So the recognizer first lists the
words of the text and their head classes, then tries each rule only at the few word starts
just before one of its heads (``pattern.match`` at a fixed position fails in microseconds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from newsgraph.timex.lexicon import time_lexicon

TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+")

_DEICTIC = ("yesterday", "today", "tomorrow", "tonight")
_CLOCK = ("noon", "midnight", "midday", "o'clock", "o’clock")
_YEAR_WORDS = ("seventeen", "eighteen", "nineteen", "thousand")
_QUARTER = ("quarter", "quarters", "half", "period")
_CENTURY = ("century",)


@cache
def head_classes() -> dict[str, frozenset[str]]:
    """Lower-case word -> the head classes it belongs to."""
    lex = time_lexicon()
    classes: dict[str, set[str]] = {}

    def add(words: Iterable[str], name: str) -> None:
        for word in words:
            for piece in re.split(r"[\s-]+", str(word).lower()):
                if piece:
                    classes.setdefault(piece, set()).add(name)

    add(lex.months, "MONTH")
    add((w for w in lex.weekdays if w not in lex.weekday_abbreviations), "WEEKDAY")
    add(lex.seasons, "SEASON")
    add(lex.unit_words, "UNIT")
    add(lex.parts_of_day, "POD")
    add(("morning", "afternoon", "evening", "night", "day"), "POD")
    add(_DEICTIC, "DEICTIC")
    add(_CLOCK, "CLOCK")
    add(_YEAR_WORDS, "YEARWORDS")
    add(_QUARTER, "QUARTER")
    add(_CENTURY, "CENTURY")
    add(lex.decade_words, "DECADE")
    add(lex.set_adverbs, "SETADV")
    add((phrase.split()[-1] for phrase in lex.refs), "REF")
    add((name.split()[-1] for name in lex.holidays), "HOLIDAY")
    return {word: frozenset(names) for word, names in classes.items()}


def token_heads(token: str) -> frozenset[str]:
    """The head classes of one token (digits by length: DIGIT4 for years, DIGIT otherwise)."""
    if token.isdigit():
        return _DIGIT4 if len(token) == 4 else _DIGIT
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return head_classes().get(word, _NONE)


_DIGIT4 = frozenset(("DIGIT4",))
_DIGIT = frozenset(("DIGIT",))
_NONE: frozenset[str] = frozenset()
