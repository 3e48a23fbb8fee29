"""Attributions the page layout makes, not the grammar: bylined quotes and transcripts.

    “We deserve better than this.” ― Maria Lopez
    SMITH: We will not vote for it.

A quotation followed by a dash and a short name closing its paragraph is that person's; a
paragraph opening with a speaker's name in capitals and a colon is a transcript turn; a short
first line "Name: words" is a headline giving the words to the name.
"""

from __future__ import annotations

import re

from newsgraph.speech.cues import Cue
from newsgraph.speech.found import Found
from newsgraph.speech.marks import Span
from newsgraph.syntax import Tree

DASH_CUE = Cue("―", "speech")
TURN_CUE = Cue(":", "speech")
_BYLINE = re.compile(r"\s*[―—–]\s*(?:-\s*)?([^\n―—–]{2,60}?)\s*(?=\n|$)")
_TURN = re.compile(r"(?m)^[\"“]?([A-Z][A-Z.'\- ]{1,40}):\s+(?=\S)")
# A headline's "Speaker: what they said", e.g. "Poll: Voters Abandon …": a short first line.
_HEADLINE = re.compile(r"\A\s*([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}):\s+(?=\S)")
HEADLINE_WORDS = 20
# A byline is a name: a few capitalized words, not a clause.
BYLINE_WORDS = 6


def layout_attributions(tree: Tree, marks: list[Span]) -> list[Found]:
    """Bylined quotations and transcript turns as attributions."""
    found = []
    body = tree.body
    for start, end in marks:
        match = _BYLINE.match(body, end)
        if not match:
            continue
        name = match.group(1)
        words = name.split()
        if not words or len(words) > BYLINE_WORDS or not words[0][0].isupper():
            continue
        dash = tree.token_at(match.start() + len(match.group()) - len(match.group().lstrip()))
        source = tree.tokens_in(match.start(1), match.end(1))
        if dash is not None and source:
            found.append(Found(DASH_CUE, dash, [dash], [(start, end)], source, "mark"))
    turns = list(_TURN.finditer(body))
    headline = _HEADLINE.match(body)
    if headline and len(body[: body.find("\n")].split()) <= HEADLINE_WORDS:
        turns.append(headline)
    for match in turns:
        colon = tree.token_at(match.end(1))
        source = tree.tokens_in(match.start(1), match.end(1))
        line_end = body.find("\n", match.end())
        content = (match.end(), len(body) if line_end < 0 else line_end)
        if colon is not None and source and content[1] > content[0]:
            found.append(Found(TURN_CUE, colon, [colon], [content], source, "mark"))
    return found
