"""How listings are printed: a table for people, JSON or JSON Lines for programs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO


def emit(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    fmt: str,
    stream: TextIO,
    widths: dict[str, int] | None = None,
) -> None:
    """Print ``rows`` as ``table`` (only ``columns``), ``json`` (an array) or ``jsonl``."""
    if fmt == "json":
        json.dump(list(rows), stream, ensure_ascii=False, indent=2, default=str)
        stream.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        stream.write(table(rows, columns, widths or {}))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int]) -> str:
    """A plain-text table; columns named in ``widths`` are cut to that many characters
    (a negative width keeps the end instead, which suits paths)."""
    if not rows:
        return "(none)\n"
    cells = [[_cell(row.get(c), widths.get(c)) for c in columns] for row in rows]
    sizes = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(sizes[i]) for i, c in enumerate(columns)),
        "  ".join("-" * s for s in sizes),
    ]
    lines += ["  ".join(v.ljust(sizes[i]) for i, v in enumerate(r)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def _cell(value: Any, width: int | None) -> str:
    text = "" if value is None else " ".join(str(value).split())
    if width and len(text) > abs(width):
        return text[: width - 1] + "…" if width > 0 else "…" + text[width + 1 :]
    return text
