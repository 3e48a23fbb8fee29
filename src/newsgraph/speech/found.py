"""The attribution record the extractors share, before its speaker is resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.speech.cues import Cue
from newsgraph.speech.marks import Span


@dataclass(slots=True)
class Found:
    """An attribution as the parse shows it, before its speaker is resolved."""

    cue: Cue
    cue_head: int  # the cue word's token: the verb, the noun, a frame's last word
    cue_tokens: list[int]  # with auxiliaries and particles: "have been made", "according to"
    content: list[Span]
    source: list[int] = field(default_factory=list)  # token indices of the source phrase
    cue_type: str = "verb"
    hedge_tokens: list[int] = field(default_factory=list)  # words that hedge it ("reportedly")
    reporter: list[int] = field(default_factory=list)  # who passes the words on ("X quoted Y")
