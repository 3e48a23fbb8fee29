"""Read the amount in a time expression: "3", "1,100", "5 1/2", "twenty-four", "a couple of".

News writes durations and offsets with words as often as with digits ("three years ago", "the
past twenty four hours"), and a vague amount ("several weeks") must stay vague (TimeML ``PXW``)
rather than become a made-up number, so the reader returns ``None`` for those.
"""

from __future__ import annotations

import re

from newsgraph.timex.lexicon import time_lexicon

_FRACTION = re.compile(r"^(?:(\d+)\s+)?(\d+)\s*/\s*(\d+)$")
_SPACE = re.compile(r"[\s\-]+")


def parse_amount(phrase: str) -> float | None:
    """The number a phrase denotes, or None when it is vague ("several", "a few", "many").

    Unknown words are skipped rather than fatal: the grammar only hands over phrases it matched
    as numbers, so a stray word ("and" in "one hundred and twenty") is noise, not an error.
    """
    text = phrase.strip().lower().replace(",", "")
    if not text:
        return None
    lex = time_lexicon()
    if text in lex.vague_numbers:
        return None
    fraction = _FRACTION.match(text)
    if fraction:
        whole = float(fraction.group(1) or 0)
        denominator = float(fraction.group(3))
        if not denominator:  # "0/0": no number at all
            return None
        return whole + float(fraction.group(2)) / denominator
    try:
        return float(text)
    except ValueError:
        pass
    if text in lex.number_units:
        return float(lex.number_units[text])
    return _words_to_number(text)


def _words_to_number(text: str) -> float | None:
    lex = time_lexicon()
    words = _SPACE.split(text)
    total = 0.0
    current = 0.0
    seen = False
    for i, word in enumerate(words):
        if word in ("and",):
            continue
        if word in ("a", "an") and i + 1 < len(words):
            current += 1 if words[i + 1] in lex.number_scales else 0
            continue
        if word in lex.number_units:
            current += lex.number_units[word]
        elif word in lex.number_tens:
            current += lex.number_tens[word]
        elif word in lex.number_scales:
            current = (current or 1) * lex.number_scales[word]
            if lex.number_scales[word] >= 1000:
                total += current
                current = 0
        elif word.isdigit():
            current += float(word)
        else:
            continue
        seen = True
    if not seen:
        return None
    return total + current
