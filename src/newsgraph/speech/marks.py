"""Quotation marks: where quoted words begin and end.

Curly marks say which way they face; straight ``"`` marks do not, so they pair up in order
within a paragraph. News style opens every paragraph of a long quote again without closing the
one before, so a paragraph whose last mark stays open ends its quote at the paragraph's end.
Single quotes are left alone: ``'`` is far more often an apostrophe than a quotation mark
(but two of them, ``''``, are a double quote in some archives' plain text).
"""

from __future__ import annotations

import re

OPENING = "“„«"
CLOSING = "”»"
_MARK = re.compile(r"''|[\"“”„«»]")  # '' is how some archives write a straight double quote
_PARAGRAPH = re.compile(r"\n\s*\n")

Span = tuple[int, int]


def quotation_spans(body: str) -> list[Span]:
    """Every quoted passage as (start of opening mark, end of closing mark)."""
    spans: list[Span] = []
    start = 0
    for match in _PARAGRAPH.finditer(body):
        spans.extend(_paragraph_spans(body, start, match.start()))
        start = match.end()
    spans.extend(_paragraph_spans(body, start, len(body)))
    return spans


def _paragraph_spans(body: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    opened: int | None = None
    for match in _MARK.finditer(body, start, end):
        mark = match.group()
        at = match.start()
        if opened is None:
            if mark not in CLOSING or _opens(body, at, start):
                opened = at  # a mark where a quote can open opens one, whichever way it faces
        elif mark in OPENING and body[opened] in OPENING and _opens(body, at, start):
            opened = at  # an unclosed curly quote: restart at the newer opening
        else:
            spans.append((opened, match.end()))
            opened = None
    if opened is not None and end - opened > 1:
        spans.append((opened, _trim_end(body, opened, end)))
    return spans


def _opens(body: str, at: int, paragraph_start: int) -> bool:
    """Whether a quotation can open here: at a paragraph's start or after a space or bracket."""
    return at == paragraph_start or body[at - 1].isspace() or body[at - 1] in "([{—–-:"


def _trim_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


def inside(spans: list[Span], start: int, end: int) -> Span | None:
    """The quoted passage that holds [start, end), if any."""
    for span in spans:
        if span[0] <= start and end <= span[1]:
            return span
    return None


def is_quotation(body: str, span: Span, marks: list[Span]) -> bool:
    """Whether a span is a quotation: one of ``marks``, less trailing punctuation or space."""
    start, end = span
    while end > start and body[end - 1] in ".,;:!? ":
        end -= 1
    return any(q_start == start and end - 1 <= q_end - 1 <= span[1] for q_start, q_end in marks)


def holds_quotation(span: Span, marks: list[Span]) -> bool:
    """Whether quoted words lie in a span, wholly or in part (what makes a paraphrase mixed)."""
    return any(q_start < span[1] and span[0] < q_end for q_start, q_end in marks)
