"""The little context the resolver reads around an expression: sentences and tense.

Both are cheap regex approximations on purpose: the tagger runs on every article before (and
independently of) the spaCy pipeline, and it only needs to know which sentence an expression is
in (for the narrative rule) and whether the clause around it looks back or forward (for "on
Thursday": the past Thursday in "said on Thursday", the coming one in "will meet on Thursday").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from newsgraph.model import Token
from newsgraph.timex.lexicon import time_lexicon

_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(?=\s*[A-Z\"“(])|\n\s*\n|\n(?=\s*[A-Z\"“])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_CLAUSE_BREAK = re.compile(r"[;:—–]|,\s+(?:and|but|while|when|after|before|as)\s")


def sentence_starts(text: str, tokens: Sequence[Token] | None = None) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is always 0).

    Where ``tokens`` (the parse) are given their sentences are the sentences, so every reader
    of one article splits it the same way; the regex approximation is for text not parsed.
    """
    if tokens:
        return [0, *(t.start for previous, t in pairwise(tokens)
                     if t.sentence != previous.sentence)]
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text[max(0, match.start() - 12):match.start()])
            abbreviations = time_lexicon().abbreviations
            if word and (word.group(1).lower() in abbreviations or len(word.group(1)) == 1):
                continue
        while end < len(text) and text[end].isspace():
            end += 1
        if end < len(text) and end > starts[-1]:
            starts.append(end)
    return starts


def sentence_of(starts: list[int], offset: int) -> int:
    return max(bisect_right(starts, offset) - 1, 0)


@cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = time_lexicon()

    def compile_cues(words: tuple[str, ...]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                sorted(words, key=len, reverse=True))
        return re.compile(rf"(?i)(?<![\w'])(?:{alternatives})(?!\w)")

    return compile_cues(lex.future_cues), compile_cues(lex.past_cues)


_PAST_VERB = re.compile(r"(?<![\w'])[a-z]{3,}ed(?!\w)")
_WORDS_BEFORE = re.compile(r"([A-Za-z']+)\s+(?:([A-Za-z']+)\s+)?$")


def tense(text: str, start: int, end: int, sentence: tuple[int, int]) -> str | None:
    """"future", "past" or None: the tense cue nearest the expression in its clause.

    The clause is the sentence cut at semicolons, dashes and clause-joining conjunctions.
    Cues to the left win over cues to the right, because a time adverbial mostly follows the
    verb it dates ("said Wednesday", "will meet on Thursday"); the right side is read only when
    the clause opens with the expression ("On Friday, the government paid"). A future cue right
    after a past auxiliary ("had been due to expire Friday") is a past plan, so past.
    """
    left_bound, right_bound = sentence
    left = text[left_bound:start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    right = text[end:right_bound]
    cut = _CLAUSE_BREAK.search(right)
    if cut:
        right = right[:cut.start()]
    found = _nearest(left, from_end=True)
    if found is None:
        found = _nearest(right[:80], from_end=False)
    if found is None:
        return None
    label, position, side = found
    if label == "future":
        before = _WORDS_BEFORE.search(side[:position])
        if before and {w.lower() for w in before.groups() if w} & time_lexicon().future_in_past:
            return "past"
    return label


_NOT_FINITE = re.compile(
    r"(?i)(?:\b(?:be|been|being|to|will|would|'ll|can|could|must|is|are|am|was|were|has|have|"
    r"had)\s+)$"
)


def _participle(side: str, start: int) -> bool:
    """"will be held", "is observed", "has been delayed": a participle or an infinitive.

    Its auxiliary carries the tense instead ("was held" is past through "was").
    """
    return _NOT_FINITE.search(side[max(0, start - 12):start]) is not None


def _nearest(side: str, *, from_end: bool) -> tuple[str, int, str] | None:
    """The cue closest to the expression on one side: (label, cue start, the side's text)."""
    future, past = _cue_patterns()
    best: tuple[int, str, int] | None = None
    future_starts = set()
    for label, pattern in (("future", future), ("past", past), ("past", _PAST_VERB)):
        for match in pattern.finditer(side):
            if label == "future":
                future_starts.add(match.start())
            elif match.start() in future_starts or _participle(side, match.start()):
                continue
            distance = len(side) - match.end() if from_end else match.start()
            if best is None or distance < best[0]:
                best = (distance, label, match.start())
            if not from_end:
                break
    return (best[1], best[2], side) if best else None
