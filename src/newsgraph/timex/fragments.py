"""Regular-expression pieces for the word classes of the grammar, built from the lexicon.

The grammar rules are written as templates over these names (``{MONTH}``, ``{NUM}``, ``{UNIT}``)
so each rule reads like the phrase it matches. Every piece is a non-capturing group; the rules
put named groups around the pieces they need to read back.
"""

from __future__ import annotations

import re
from functools import cache

from newsgraph.timex.lexicon import time_lexicon


def alternation(words: list[str] | set[str] | frozenset[str], *, dotted: bool = False) -> str:
    """One regex alternative per word, longest first (so "Sept" wins over "Sep").

    Spaces in a phrase match any run of whitespace; with ``dotted`` each word may end with a
    period, as abbreviations do ("Aug.", "Wed.").
    """
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        part = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(part + (r"\.?" if dotted else ""))
    return "(?:" + "|".join(parts) + ")"


def capitalized(pattern: str) -> str:
    """Case-insensitive match whose first letter is a capital ("May" but not "may")."""
    return f"(?=[A-Z])(?i:{pattern})"


def insensitive(pattern: str) -> str:
    return f"(?i:{pattern})"


_SMALL = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]


@cache
def fragments() -> dict[str, str]:
    """The named pieces, computed once."""
    lex = time_lexicon()
    full_months = [m for m in lex.months if m not in lex.month_abbreviations]
    full_weekdays = [w for w in lex.weekdays if w not in lex.weekday_abbreviations]
    tens = list(lex.number_tens)
    number_word = (
        rf"(?:{alternation(tens)}(?:[\s-]+{alternation(_SMALL[:9])})?|{alternation(_SMALL)})"
    )
    number_words = (
        rf"{number_word}(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{number_word})?)?"
    )
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?"
    vague = alternation(lex.vague_numbers)
    ordinals = [o for o, n in lex.ordinals.items() if n > 0]
    first_ordinals = alternation([o for o in ordinals if lex.ordinals[o] < 10])
    ordinal_words = rf"(?:(?:twenty|thirty)[\s-]+{first_ordinals}|{alternation(ordinals)})"
    day_number = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
    year_tail = (
        rf"(?:{alternation(tens)}(?:[\s-]+{alternation(_SMALL[:9])})?"
        rf"|{alternation(_SMALL[9:])}|oh[\s-]+{alternation(_SMALL[:9])}|hundred)"
    )
    ones = alternation(_SMALL[:9])
    year_words = (
        rf"(?:(?:seventeen|eighteen|nineteen|twenty)[\s-]+{year_tail}"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{alternation(_SMALL)}|twenty(?:[\s-]+{ones})?))?)"
    )
    units = lex.unit_words
    singular_units = [w for w, u in units.items() if w == u]
    pod = alternation(lex.parts_of_day)
    return {
        "MONTH": capitalized(alternation(full_months)),
        "MONTH_ANY": capitalized(
            f"(?:{alternation(full_months)}|{alternation(lex.month_abbreviations, dotted=True)})"
        ),
        "WEEKDAY": capitalized(alternation(full_weekdays)),
        "DAY": day_number,
        "ORDINAL_DAY": insensitive(ordinal_words),
        "YEAR": r"(?<![\d,.$£€])(?:1[0-9]{3}|20[0-9]{2})(?![\d]|,\d|\.\d)",
        "YEAR_WORDS": insensitive(year_words),
        "NUM": insensitive(
            rf"(?:{digits}|{number_words}|{vague}|(?:a\s+)?couple(?:\s+of)?"
            rf"|an?\s+(?:hundred|thousand)|an?)"
        ),
        "NUM_STRICT": insensitive(rf"(?:{digits}|{number_words}|(?:a\s+)?couple(?:\s+of)?)"),
        "UNIT": insensitive(alternation(units)),
        "UNIT_SG": insensitive(alternation(singular_units)),
        "UNIT_PL": insensitive(alternation(lex.plural_unit_words)),
        "POD": insensitive(pod),
        "SEASON": insensitive(alternation(lex.seasons)),
        "POSITION": insensitive(
            r"(?:the\s+)?(?:(?:very\s+)?(?:early|late|mid-to-late|mid|earlier|later)"
            r"(?:\s*-\s*|\s+in\s+(?:the\s+year\s+)?|\s+)"
            r"|(?:beginning|start|middle|end|close)\s+of\s+(?:the\s+year\s+)?)"
        ),
        "QUANTITY": insensitive(alternation(lex.quantity_mods)),
        "TZ": r"(?:" + alternation(lex.time_zones) + r")",
        "AMPM": r"(?:[ap]\.\s?m\.?|[AP]\.\s?M\.?|[ap]m\b|[AP]M\b)",
        "DECADE_WORD": insensitive(alternation(lex.decade_words)),
        "HOLIDAY": capitalized(alternation(lex.holidays)),
        "REFS": insensitive(alternation(lex.refs)),
        "SET_ADVERB": insensitive(alternation(lex.set_adverbs)),
    }


_SLOT = re.compile(r"\{([A-Z_]+)\}")


def expand(template: str) -> str:
    """Fill ``{NAME}`` slots of a rule template with the named pieces.

    Only upper-case names are slots, so regex counts such as ``\\d{4}`` pass through untouched.
    """
    pieces = fragments()
    return _SLOT.sub(lambda m: pieces[m.group(1)], template)
