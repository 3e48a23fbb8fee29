"""The blind split every scorer shares: tune on one part of a gold set, count errors on the other.

Reading a scorer's errors and fixing the rules they point at makes the figures of those same
documents better whether or not the fix carries over, so figures measured where one looked
say little about the next corpus. Each gold set is therefore cut in two: *tune* (about two
thirds), whose errors one reads and fixes, and *validate* (about a third), whose figures are
the ones to report and whose errors one does not study.

The cut is a SHA-256 of each document's id (a file name, a page id), not Python's ``hash()``,
which is salted per process: the same document falls on the same side on every machine and run,
no list of ids has to be kept, and adding documents to a gold set moves none of the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

SPLITS = ("all", "tune", "validate")
VALIDATE_ONE_IN = 3  # about a third of the documents are held out for validation

T = TypeVar("T")


def is_validation(document_id: str) -> bool:
    """Whether the document with this id belongs to the validation part."""
    digest = hashlib.sha256(document_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % VALIDATE_ONE_IN == 0


def check_split(split: str) -> str:
    """``split`` itself when it names a part; a ValueError saying which names do otherwise."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; splits: {', '.join(SPLITS)}")
    return split


def select(items: Iterable[T], key: Callable[[T], str], split: str = "all") -> list[T]:
    """The items of ``split`` (``all``, ``tune`` or ``validate``), ``key`` giving each one's
    document id, in their order."""
    if check_split(split) == "all":
        return list(items)
    validate = split == "validate"
    return [item for item in items if is_validation(key(item)) == validate]
