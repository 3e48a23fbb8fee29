"""The probes scorer: its reader, its figures on a small folder, and the bundled set's shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import SCORERS, ScorerError
from newsgraph.eval.probes import BUNDLED, read_probes, score_probes
from newsgraph.eval.split import is_validation
from newsgraph.events.ontology import EVENT_TYPES

PROBES = """# a comment
Canada imposed sanctions on Venezuela on Monday. || SANCTION
Peru praised Chile on Monday. || ACCUSE

The striker hit the post twice in the first half. || NONE
Inflation hit households hard in Lagos last year. || NONE
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "probes.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_figures_count_typed_probes_found_and_none_probes_left_alone(tmp_path: Path) -> None:
    result = score_probes(write(tmp_path, PROBES))
    assert result["probes"] == 4
    assert result["recall"] == 0.5  # the sanction is found; the praise is no accusation
    assert result["per_type"]["SANCTION"] == {"probes": 1, "recall": 1.0}
    assert result["clean"] == 1.0
    [miss] = result["errors"]
    assert miss["type"] == "ACCUSE" and miss["source"] == "probes.txt:3"
    assert miss["system"] == ["SUPPORT"]


def test_the_split_is_a_partition_by_the_probe_s_text(tmp_path: Path) -> None:
    folder = write(tmp_path, PROBES)
    tune, validate = read_probes(folder, "tune"), read_probes(folder, "validate")
    assert len(tune) + len(validate) == 4
    assert all(is_validation(p.text) for p in validate)
    assert not any(is_validation(p.text) for p in tune)


@pytest.mark.parametrize("text, message", [
    ("A line with no type.\n", "no '|| TYPE'"),
    ("Peru praised Chile. || PRAISE\n", "PRAISE"),
])
def test_a_bad_probe_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ScorerError, match=message):
        SCORERS["probes"]([str(write(tmp_path, text))])


def test_the_bundled_probes_cover_every_plover_type_with_negatives() -> None:
    probes = read_probes(BUNDLED)
    kinds = {p.type for p in probes}
    assert kinds == set(EVENT_TYPES) | {"NONE"}
    assert len({p.text for p in probes}) == len(probes)  # no probe twice
