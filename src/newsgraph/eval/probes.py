"""The project's probe sentences: how much of the language of each PLOVER type the coder reads.

Gold records and keyed articles show the coder the forms their few stories use. The probes
are the other way round: for each type, sentences written for this project in wire English,
one per form news uses for it (verbs and their synonyms, light verbs, nominalisations,
passives, participles, pronouns after a context sentence, the modes of the manual), across
regions and kinds of actor, and for each type sentences that share its words and report no
event (sport, business, weather, figures of speech). A line is ``sentence(s) || TYPE``; the
type is that of the last sentence's event, NONE for none at all.

Figures: ``recall`` is the share of typed probes that yield an event of their type (per type
under ``per_type``); ``clean`` the share of NONE probes that yield no event. The split is by
a hash of the probe's text, like every scorer's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.eval.split import select

BUNDLED = Path(__file__).with_name("event_probes")
NONE = "NONE"
# the date the probes are read at: their acts are told as news of that day
PUBLISHED = "2025-06-15"


@dataclass(frozen=True, slots=True)
class Probe:
    text: str
    type: str
    source: str  # file:line


def read_probes(directory: Path, split: str = "all") -> list[Probe]:
    """The probes of ``split`` in the ``*.txt`` files of ``directory`` (comments start ``#``)."""
    probes = []
    for path in sorted(directory.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "||" not in line:
                raise ValueError(f"{path.name}:{number}: no '|| TYPE' at the end")
            text, kind = (part.strip() for part in line.rsplit("||", 1))
            probes.append(Probe(text, kind, f"{path.name}:{number}"))
    return select(probes, lambda p: p.text, split)


def score_probes(directory: Path = BUNDLED, *, split: str = "all") -> dict[str, Any]:
    """Code every probe of ``split`` alone and score it (module docstring)."""
    from newsgraph.events.ontology import check
    from newsgraph.pipeline import process_text

    probes = read_probes(directory, split)
    for probe in probes:
        if probe.type != NONE:
            check(probe.type)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    errors = []
    for probe in probes:
        events = process_text(probe.text, published_given=PUBLISHED).events
        right = not events if probe.type == NONE else any(e.type == probe.type for e in events)
        total[probe.type] += 1
        found[probe.type] += right
        if not right:
            errors.append({"error": "false positive" if probe.type == NONE else "missed",
                           "type": probe.type, "source": probe.source, "text": probe.text,
                           "system": [e.type for e in events]})
    typed = sum(n for kind, n in total.items() if kind != NONE)
    hits = sum(n for kind, n in found.items() if kind != NONE)
    return {
        "split": split,
        "probes": len(probes),
        "recall": hits / typed if typed else 0.0,
        "clean": found[NONE] / total[NONE] if total[NONE] else 0.0,
        "per_type": {kind: {"probes": total[kind], "recall": found[kind] / total[kind]}
                     for kind in sorted(total) if kind != NONE},
        "errors": errors,
    }
