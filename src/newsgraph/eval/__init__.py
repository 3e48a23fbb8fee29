"""Scorers against gold keys: ``newsgraph eval SCORER PATH…``.

Each scorer is a function of its paths and a ``split`` (the part of the gold set to score, see
:mod:`newsgraph.eval.split`) returning one dict of figures (``precision``, ``recall``, ``f1``,
``accuracy``; a baseline's under ``baseline``; misses under ``errors``), whose ``split`` says
which part was scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class ScorerError(Exception):
    """Bad scorer arguments or a gold set that cannot be read."""


class Scorer(Protocol):
    """What ``eval`` calls: the command line's paths, and the part of the gold set to score."""

    def __call__(self, paths: list[str], *, split: str = "all") -> dict[str, Any]: ...


def _content(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Our HTML cleaner against trafilatura alone (defaults, comments excluded), same run and
    same pages, with each cleaner layer's gain (F1 with it minus F1 without it) under
    ``layers``: the ablations reuse the cleaner's trafilatura runs, so they come at little cost
    and every report says which layers still earn their place."""
    from newsgraph.eval.content import LayeredCleaner, score_content, trafilatura_benchmark

    directory = _one_dir(paths, "content DIR")
    return score_content(
        directory,
        extract=LayeredCleaner(),
        baseline=trafilatura_benchmark,
        split=split,
    )


def _timeml(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Time expressions against TimeML files, with dateparser alone as the baseline."""
    from newsgraph.eval.timeml import score_timeml

    return score_timeml(_one_dir(paths, "timeml DIR"), split=split)


def timeml_hidden_dct(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Publication dates and time expressions of TimeML files whose creation times are hidden
    from the pipeline (``eval timeml DIR --hide-dct``)."""
    from newsgraph.eval.timeml import score_hidden_dct

    return score_hidden_dct(_one_dir(paths, "timeml DIR --hide-dct"), split=split)


def _gum(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Entity types and KB links against GUM's news documents."""
    from newsgraph.eval.gum import score_gum

    return score_gum(_one_dir(paths, "gum DIR"), split=split)


def _polnear(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Quotes (attributions) against PolNeAR's brat files; an optional LIMIT scores only the
    first documents of the split, for a quick look while the extractor changes."""
    from newsgraph.eval.polnear import score_polnear

    usage = "usage: newsgraph eval polnear DIR [LIMIT]"
    if len(paths) not in (1, 2):
        raise ScorerError(usage)
    limit = None
    if len(paths) == 2:
        if not paths[1].isdigit():
            raise ScorerError(f"{usage} (LIMIT is a number of documents)")
        limit = int(paths[1])
    directory = Path(paths[0])
    if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
        raise ScorerError(f"no PolNeAR text/ and attributions/ under {directory}")
    return score_polnear(directory, limit, split=split)


def _ecbplus(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Stories against ECB+ sub-topics and event clusters against its cross-document chains,
    with our linker as the system; an optional LIMIT_TOPICS scores only the first topics of
    the split."""
    from newsgraph.eval.ecbplus import ecbplus_system, score_ecbplus

    usage = "usage: newsgraph eval ecbplus DIR [LIMIT_TOPICS]"
    if len(paths) not in (1, 2):
        raise ScorerError(usage)
    limit = None
    if len(paths) == 2:
        if not paths[1].isdigit() or int(paths[1]) < 1:
            raise ScorerError(f"{usage} (LIMIT_TOPICS is a number of topic folders)")
        limit = int(paths[1])
    directory = Path(paths[0])
    if not directory.is_dir() or not any(directory.glob("*/*.xml")):
        raise ScorerError(f"no ECB+ topic folders (TOPIC/*.xml) under {directory}")
    return score_ecbplus(directory, ecbplus_system, limit, split=split)


def _plover(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Event types and actors against PLOVER's gold standard records (PLOVER_GSR_CAMEO.txt),
    one sentence each, 0.5b1 types mapped to v2."""
    from newsgraph.eval.plover import score_plover

    if len(paths) != 1:
        raise ScorerError("usage: newsgraph eval plover FILE")
    path = Path(paths[0])
    if not path.is_file():
        raise ScorerError(f"no PLOVER gold file {path}")
    try:
        return score_plover(path, split=split)
    except ValueError as error:  # not JSON, or not a list of records
        raise ScorerError(f"cannot read PLOVER gold file {path}: {error}") from error


def _probes(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Event types on the project's probe sentences (the bundled set, or a folder of them)."""
    from newsgraph.eval.probes import BUNDLED, score_probes

    if len(paths) > 1:
        raise ScorerError("usage: newsgraph eval probes [DIR]")
    directory = Path(paths[0]) if paths else BUNDLED
    if not directory.is_dir() or not any(directory.glob("*.txt")):
        raise ScorerError(f"no probe files (*.txt) in {directory}")
    try:
        return score_probes(directory, split=split)
    except ValueError as error:  # a line without its type, or a type PLOVER lacks
        raise ScorerError(f"cannot read probes in {directory}: {error}") from error


def _gold(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """The project's hand-made keys against the documents they describe."""
    from newsgraph.eval.gold import score_gold

    if len(paths) != 2:
        raise ScorerError("usage: newsgraph eval gold KEY.json DOCS_DIR")
    key, docs = Path(paths[0]), Path(paths[1])
    if not key.is_file():
        raise ScorerError(f"no gold key file {key}")
    if not docs.is_dir():
        raise ScorerError(f"no document directory {docs}")
    return score_gold(key, docs, split=split)


def _one_dir(paths: list[str], usage: str) -> Path:
    if len(paths) != 1:
        raise ScorerError(f"usage: newsgraph eval {usage}")
    directory = Path(paths[0])
    if not directory.is_dir():
        raise ScorerError(f"no directory {directory}")
    return directory


def _dating(paths: list[str], *, split: str = "all") -> dict[str, Any]:
    """Publication dates the corpus step gives the undated half of a mixed feed of news
    captures that state their own dates (ECB+ documents, the stated date as the key)."""
    from newsgraph.eval.dating import score_dating

    directory = _one_dir(paths, "dating ECBPLUS_DIR")
    if not any(directory.glob("*/*.xml")):
        raise ScorerError(f"no ECB+ topic folders (TOPIC/*.xml) under {directory}")
    return score_dating(directory, split=split)


SCORERS: dict[str, Scorer] = {
    "content": _content,
    "dating": _dating,
    "ecbplus": _ecbplus,
    "gold": _gold,
    "gum": _gum,
    "plover": _plover,
    "polnear": _polnear,
    "probes": _probes,
    "timeml": _timeml,
}


def render(result: dict[str, Any], indent: str = "") -> str:
    """Figures as indented ``name: value`` lines; lists (errors) summarized by their length."""
    lines = []
    for name, value in result.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{name}:")
            lines.append(render(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{name}: {len(value)} (see --json)")
        elif isinstance(value, float):
            lines.append(f"{indent}{name}: {value:.4f}")
        elif isinstance(value, list) and value and all(isinstance(v, float) for v in value):
            lines.append(f"{indent}{name}: [{', '.join(f'{v:.4f}' for v in value)}]")
        else:
            lines.append(f"{indent}{name}: {value}")
    return "\n".join(lines) + "\n"
