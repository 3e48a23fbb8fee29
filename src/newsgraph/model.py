"""Record types: the one vocabulary of newsgraph.

An :class:`Article` is the data carrier that flows through the per-article stages, the way a
spaCy ``Doc`` flows through pipeline components. Readers create it with the raw input, ``clean``
fills in the body and metadata, ``annotate`` adds sentences, tokens and mentions. Every offset in
every record counts characters in :attr:`Article.body`, the text the store keeps.

Later records (actors, time expressions, events, quotes, claims, stories, happenings) are added
here as their stages land, under the names DESIGN.md gives them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Dropped:
    """A piece of the input that cleaning removed, kept so a user can see what was dropped."""

    rule: str
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token within the article
    sentence: int


@dataclass(slots=True)
class Mention:
    """An entity mention found by the NER model, with offsets into the body."""

    start: int
    end: int
    text: str
    label: str
    sentence: int


@dataclass(slots=True)
class Skip:
    """An input that was not stored, with the reason a user can act on."""

    source: str
    reason: str


@dataclass(slots=True)
class Article:
    """One news article, from its raw capture to its annotations.

    ``id`` comes from the source (canonical URL when known, else a hash of the raw input), so it
    stays put when cleaning improves and re-ingesting the same capture adds nothing.
    """

    id: str
    source: str  # where it was read from: a path, ``path#record`` for JSONL/WARC, or ``-``
    format: str  # the reader that read it: txt | html | json | warc
    markup: str  # what ``raw`` holds, which decides the cleaner: html | text
    raw: str  # the decoded input: plain text or HTML
    raw_sha256: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given by metadata; normalized by the time stage
    encoding: str | None = None
    language: str | None = None
    body: str = ""
    dropped: list[Dropped] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    fingerprint: bytes = b""  # MinHash signature of the body, for reprint detection
    reprint_of: str | None = None

    @property
    def n_words(self) -> int:
        return len(self.body.split())

    def to_dict(self, *, with_raw: bool = False) -> dict[str, Any]:
        """A JSON-ready dict: the shape of ``show --json`` and of the JSONL export."""
        data = asdict(self)
        data.pop("fingerprint")
        if not with_raw:
            data.pop("raw")
        data["n_words"] = self.n_words
        return data


class SkipArticle(Exception):
    """Raised by a stage when an article cannot or should not be stored (e.g. not English)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
