"""How many articles an input holds, roughly, for the progress bar's ETA.

A reader streams its input and never knows the total; this counts it apart, in one cheap
pass that reads no article: a text or HTML file is one, a JSON Lines file one a line, a WARC
one a response record. Run in a background thread, it never delays the ingest itself.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable
from pathlib import Path

from newsgraph.ingest.readers import Found, expand_paths, format_of

BLOCK = 1 << 20
WARC_RESPONSE = b"WARC-Type: response"


def estimate_items(paths: Iterable[str]) -> int | None:
    """About how many items ``paths`` hold; None when it cannot tell (stdin)."""
    total = 0
    for found in expand_paths(paths):
        if found == "-":
            return None
        if isinstance(found, Found):
            total += _items_in(found.path)
        else:  # a Skip: it counts once in the progress too
            total += 1
    return total


def _items_in(path: Path) -> int:
    fmt = format_of(path.name)
    if fmt in ("json", "warc") and path.is_file():  # never open a FIFO to count it
        try:
            return max(_count(path, b"\n" if fmt == "json" else WARC_RESPONSE), 1)
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
            return 1
    return 1


def _count(path: Path, needle: bytes) -> int:
    """Occurrences of ``needle`` in the (decompressed) file, block by block."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    found, tail = 0, b""
    with opener(path, "rb") as handle:
        while block := handle.read(BLOCK):
            data = tail + block
            found += data.count(needle)
            tail = data[-(len(needle) - 1):] if len(needle) > 1 else b""
    return found
