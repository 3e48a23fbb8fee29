"""The shape every cleaner returns, whether it read HTML or a plain-text capture."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.model import Dropped


@dataclass(slots=True)
class Cleaned:
    """Body text and the metadata found while cleaning; ``dropped`` lists what was removed."""

    body: str
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    published_given: str | None = None  # the date the capture states, as written
    outlet: str | None = None
    url: str | None = None
    dropped: list[Dropped] = field(default_factory=list)
