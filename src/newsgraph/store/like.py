"""LIKE patterns for the store's text filters: what a user types is matched as characters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def contains(where: list[str], params: list[Any], columns: Sequence[str],
             words: str) -> tuple[list[str], list[Any]]:
    """Keep rows where one of ``columns`` contains ``words`` as typed (ASCII letters in any
    case, as LIKE compares them): ``%`` and ``_`` in a search are characters, not wildcards."""
    pattern = f"%{like_escaped(words)}%"
    where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
    return where, [*params, *[pattern] * len(columns)]


def like_escaped(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
