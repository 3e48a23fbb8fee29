"""The package's data files: word lists, tables, the ontology, the knowledge base.

Word lists are data so that they grow without code changes; every module reads its files
through :func:`load`, so each is found, decoded and parsed the same way (JSON or YAML by its
suffix) and read once per process however many modules ask for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import srsly


@cache
def load(name: str) -> Any:
    """The parsed contents of the data file ``name`` ("plover.yaml", "timex_cues.json").

    The result is shared by every caller, so callers build their own structures from it and
    never change it.
    """
    if not name.endswith((".json", ".yaml", ".yml")):
        raise ValueError(f"{name}: a data file is JSON or YAML")
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else srsly.yaml_loads(text)


def names(folder: str) -> list[str]:
    """The data files in ``folder`` as names :func:`load` takes ("event_forms/assault.yaml"),
    sorted, so that files added to a folder are read in a fixed order."""
    root = resources.files(__name__).joinpath(folder)
    if not root.is_dir():
        return []
    return sorted(f"{folder}/{entry.name}" for entry in root.iterdir()
                  if entry.name.endswith((".json", ".yaml", ".yml")))


def append_checked(path: Path, data: dict[str, Any], problems_of: Callable[[Path], list[str]]
                   ) -> list[str]:
    """Write ``data`` (a user file's content with an entry appended) to ``path`` only if
    ``problems_of`` finds nothing wrong with it when read back from a temporary copy; the
    problems are returned, with the copy's name replaced by the file's, and nothing is written
    when there are any. The user files of the knowledge base and of outlets are added to so."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    srsly.write_yaml(tmp, data)
    problems = problems_of(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        return [p.replace(str(tmp), str(path)) for p in problems]
    tmp.replace(path)
    return []
