"""The per-article stages, each declared once: the one list everything else follows.

As spaCy's factories declare its components, each :class:`StageSpec` names a stage, the
function that runs it, what of the article it reads, which tables of the store its records go
to, and whether it depends on the publication date. The default stage order, the stages run
again when the corpus dates an article, and the store's table lists (what an article's records
are, what re-dating rewrites) are derived from :data:`STAGES` and written nowhere else. The
function is named as ``module:function`` and imported on first use, so that the store can read
the declarations without loading spaCy. Every stage function lives in the ``stage`` module of
its package (``newsgraph.events.stage:code_events``) and only moves data between the article
and the modules that do the work; ``annotate`` is :mod:`newsgraph.nlp`'s, the spaCy module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One per-article stage."""

    name: str
    function: str  # "module:function"
    reads: tuple[str, ...]  # Article fields it reads
    writes: tuple[str, ...]  # store tables its records go to, parties before their events
    dated: bool  # its records depend on the publication date
    batched: bool = False  # the function takes a list of articles (annotate, for spaCy)

    def load(self) -> Callable[..., Any]:
        return _load(self.function)


@cache
def _load(function: str) -> Callable[..., Any]:
    module, name = function.split(":")
    return getattr(import_module(module), name)


STAGES: tuple[StageSpec, ...] = (
    StageSpec("clean", "newsgraph.ingest.stage:clean", ("raw", "markup", "url"),
              ("dropped",), dated=False),
    StageSpec("language", "newsgraph.ingest.stage:detect_language", ("body",), (),
              dated=False),
    StageSpec("fingerprint", "newsgraph.ingest.stage:add_fingerprint", ("body",),
              ("fingerprint_band",), dated=False),
    StageSpec("annotate", "newsgraph.nlp:annotate", ("body",), ("sentence", "token", "mention"),
              dated=False, batched=True),
    # Dates the article, then resolves every time expression against that date.
    StageSpec("time", "newsgraph.timex.stage:add_times",
              ("body", "sentences", "dropped", "published_given", "url", "captured"),
              ("timex",), dated=True),
    StageSpec("actors", "newsgraph.actors.stage:resolve_actors",
              ("body", "tokens", "mentions", "published"), ("mention",), dated=True),
    StageSpec("speech", "newsgraph.speech.stage:extract_speech",
              ("body", "tokens", "mentions", "timexes", "published"), ("quote", "claim"),
              dated=True),
    # Codes the acts, then puts each on the map (the dateline, in `dropped`, as a last resort).
    StageSpec("events", "newsgraph.events.stage:code_events",
              ("body", "tokens", "mentions", "actors", "timexes", "quotes", "published",
               "dropped"),
              ("event_party", "event"), dated=True),
    StageSpec("terms", "newsgraph.link.stage:add_terms", ("body", "mentions", "published"),
              ("article_term",), dated=True),
)
BY_NAME: dict[str, StageSpec] = {spec.name: spec for spec in STAGES}
DEFAULT_STAGES: tuple[str, ...] = tuple(BY_NAME)
# The stage that sets the publication date.
DATING_STAGE = "time"


def _tables(specs: tuple[StageSpec, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(table for spec in specs for table in spec.writes))


# Every table holding an article's records, in an order that deletes parties before events.
RECORD_TABLES: tuple[str, ...] = _tables(STAGES)
# What a new publication date rewrites.
DATED_TABLES: tuple[str, ...] = _tables(tuple(s for s in STAGES if s.dated))
# What re-dating runs: every dated stage, and from the first stage whose records a dated one
# rewrites (annotate's entity mentions, which the actors stage resolves at the date), so that
# a re-dated article is what a fresh ingest with its date would make.
REDATED_STAGES: tuple[str, ...] = DEFAULT_STAGES[next(
    i for i, s in enumerate(STAGES) if set(s.writes) & set(DATED_TABLES)):]


def stages_from(first: str) -> tuple[str, ...]:
    """The default stages from ``first`` on: what re-deriving that stage's records means."""
    if first not in BY_NAME:
        raise ValueError(f"unknown stage {first!r}; stages: {', '.join(DEFAULT_STAGES)}")
    return DEFAULT_STAGES[DEFAULT_STAGES.index(first):]
