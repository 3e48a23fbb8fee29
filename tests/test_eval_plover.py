"""The plover scorer: figures on a small GSR-format file with a fake coder, and the reader on
the shared GSR file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval import SCORERS, ScorerError
from newsgraph.eval.plover import read_gsr, record_key, score_plover
from newsgraph.eval.split import SPLITS, is_validation
from newsgraph.events.ontology import EVENT_TYPES
from newsgraph.model import Event, Party
from tests.conftest import shared_path

DATE = "2021-03-04"

# Invented sentences in the GSR's shape (0.5b1 names, CAMEO codes).
R1 = "Washington and Tokyo agreed to build a joint research station."
R2 = "Italian gunboats shelled a French trawler off the coast."
R3 = "A water forum urged Washington to fund clean wells."
R4 = "Moscow cut off its gas deliveries to London."
R5 = "A Vietnamese delegation visited Phnom Penh for border talks."


def _record(id_: str, event: str, text: str, source: object, target: object) -> dict:
    return {"id": id_, "date": DATE, "event": event, "text": text, "source": source,
            "target": target, "textInfo": {"markup": text}}


def _actor(code: str, sector: str | None = None) -> dict:
    actor = {"actorText": code, "code": code}
    if sector:
        actor["sector"] = sector
    return actor


GSR = [
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"},
    _record("X-AGREE-1", "AGREE", R1, [_actor("USA"), _actor("JAP")], ""),
    _record("X-FIGHT-1", "FIGHT", R2, [_actor("ITL", "MIL")], [_actor("FRA", "***")]),
    _record("X-DEMAND-1", "DEMAND", R3, [_actor("NGO")], [_actor("USA")]),
    _record("X-SANCTION-1", "SANCTION", R4, [_actor("RUS", "GOV")], [_actor("GBR")]),
    _record("X-CONSULT-1", "CONSULT", R5, [_actor("VTN", "GOV")], [_actor("KHM")]),
    _record("X-INVESTIGATE-1", "INVESTIGATE", "Police looked into the fire.", [], ""),
    _record("X-AGREE-2", "AGREE", "", [_actor("USA")], ""),
]


def _event(type_: str, actors: list[str], recipients: list[str] = ()) -> Event:
    def parties(codes: list[str]) -> list[Party]:
        return [Party(text=c, start=0, end=1, code=c) for c in codes]

    return Event(type=type_, predicate="x", predicate_start=0, predicate_end=1, sentence=0,
                 start=0, end=1, actors=parties(actors), recipients=parties(list(recipients)))


SYSTEM = {
    # symmetric gold: actor ∪ recipient {USA, JPN} against the sources; CONSULT is extra
    R1: [_event("AGREE", ["USA.GOV"], ["JPN"]), _event("CONSULT", ["USA"], ["JPN"])],
    # actor wrong (DEU, not ITA), recipient right (FRA)
    R2: [_event("ASSAULT", ["DEU.MIL"], ["FRA"])],
    # wrong type: a miss and a false positive
    R3: [_event("REJECT", ["USA"])],
    # nothing found
    R4: [],
    # two of the gold type: the second gets the actor right (the best), neither the recipient
    R5: [_event("CONSULT", ["USA"]), _event("CONSULT", ["VNM.GOV"])],
}


@pytest.fixture
def gsr(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR), encoding="utf-8")
    return path


def fake_code(text: str, date: str | None) -> list[Event]:
    assert date == DATE
    return SYSTEM[text]


def test_figures(gsr: Path) -> None:
    result = score_plover(gsr, fake_code)
    assert result["records"] == 5
    assert result["skipped"] == {"DOCUMENT": 1, "INVESTIGATE": 1, "no text": 1}
    assert result["type_accuracy"] == pytest.approx(3 / 5)  # R1, R2, R5
    assert result["actor_accuracy"] == pytest.approx(2 / 3)  # R1, R5 of R1, R2, R5
    assert result["recipient_accuracy"] == pytest.approx(1 / 2)  # R2 of R2, R5
    assert result["false_positive_rate"] == pytest.approx(2 / 6)  # R1 CONSULT, R3 REJECT
    assert result["coverage"] == pytest.approx(4 / 5)


def test_headline_figures_carry_bootstrap_intervals(gsr: Path) -> None:
    result = score_plover(gsr, fake_code)
    for name in ("type_accuracy", "false_positive_rate", "coverage"):
        low, high = result[f"{name}_interval"]
        assert 0.0 <= low <= result[name] <= high <= 1.0
        assert low < high  # five records disagreeing among themselves leave real doubt
    assert score_plover(gsr, fake_code)["type_accuracy_interval"] == \
        result["type_accuracy_interval"]  # a fixed seed: the same run, the same interval


def test_per_type(gsr: Path) -> None:
    per_type = score_plover(gsr, fake_code)["per_type"]
    assert list(per_type) == ["AGREE", "CONSULT", "REQUEST", "SANCTION", "ASSAULT"]
    assert per_type["AGREE"] == {
        "records": 1, "type_accuracy": 1.0, "actor_accuracy": 1.0,
        "recipient_accuracy": None, "false_positive_rate": 0.5, "coverage": 1.0,
    }
    assert per_type["ASSAULT"]["actor_accuracy"] == 0.0
    assert per_type["ASSAULT"]["recipient_accuracy"] == 1.0
    assert per_type["CONSULT"]["actor_accuracy"] == 1.0
    assert per_type["CONSULT"]["recipient_accuracy"] == 0.0
    # the NGO source has no country: the actor is not scored, even had the type been right
    assert per_type["REQUEST"]["type_accuracy"] == 0.0
    assert per_type["REQUEST"]["actor_accuracy"] is None
    assert per_type["REQUEST"]["false_positive_rate"] == 1.0
    assert per_type["SANCTION"]["coverage"] == 0.0
    assert per_type["SANCTION"]["false_positive_rate"] is None  # no system events


def test_errors(gsr: Path) -> None:
    errors = {e["id"]: e for e in score_plover(gsr, fake_code)["errors"]}
    assert {i: e["error"] for i, e in errors.items()} == {
        "X-AGREE-1": "false positive",
        "X-FIGHT-1": "actor",
        "X-DEMAND-1": "miss, false positive",
        "X-SANCTION-1": "miss",
        "X-CONSULT-1": "recipient",
    }
    assert errors["X-DEMAND-1"]["gold"] == "REQUEST"
    assert errors["X-DEMAND-1"]["system"] == ["REJECT"]
    assert errors["X-DEMAND-1"]["text"] == R3
    assert errors["X-FIGHT-1"]["gold_actors"] == ["ITA.MIL"]
    assert errors["X-FIGHT-1"]["system_parties"] == {"actors": ["DEU.MIL"],
                                                   "recipients": ["FRA"]}


def test_reader_maps_types_and_codes(gsr: Path) -> None:
    records, _ = read_gsr(gsr)
    by_id = {r.id: r for r in records}
    assert by_id["X-AGREE-1"].sources == ["USA", "JPN"] and by_id["X-AGREE-1"].symmetric
    assert by_id["X-FIGHT-1"].type == "ASSAULT" and by_id["X-FIGHT-1"].legacy == "FIGHT"
    assert by_id["X-FIGHT-1"].targets == ["FRA"]  # "***" is no sector
    assert by_id["X-CONSULT-1"].sources == ["VNM.GOV"] and not by_id["X-CONSULT-1"].symmetric


def test_split_reads_disjoint_records_that_make_all(gsr: Path) -> None:
    parts = {split: read_gsr(gsr, split) for split in SPLITS}
    ids = {split: [record.id for record in records] for split, (records, _) in parts.items()}
    assert ids["tune"] and ids["validate"] and not set(ids["tune"]) & set(ids["validate"])
    assert sorted(ids["tune"] + ids["validate"]) == sorted(ids["all"])
    assert all(is_validation(record_id) for record_id in ids["validate"])
    assert parts["tune"][1] + parts["validate"][1] == parts["all"][1]  # skipped, by reason
    # a record without an id is split by its sentence, which does not move with the file
    assert record_key({"text": f" {R1} "}) == R1 == record_key({"id": "", "text": R1})
    result = score_plover(gsr, fake_code, split="validate")
    assert result["split"] == "validate" and result["records"] == len(ids["validate"])
    assert {error["id"] for error in result["errors"]} <= set(ids["validate"])


def test_registered_scorer(gsr: Path, tmp_path: Path) -> None:
    with pytest.raises(ScorerError, match="usage"):
        SCORERS["plover"]([])
    with pytest.raises(ScorerError, match="no PLOVER gold file"):
        SCORERS["plover"]([str(tmp_path / "missing.json")])
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": 1}', encoding="utf-8")
    with pytest.raises(ScorerError, match="cannot read"):
        SCORERS["plover"]([str(bad)])


def test_reads_the_shared_gsr() -> None:
    path = shared_path("reference/plover/PLOVER_GSR_CAMEO.txt")
    records, skipped = read_gsr(path)
    assert len(records) == 157  # 162 minus the DOCUMENT header and 4 INVESTIGATE records
    assert skipped == {"DOCUMENT": 1, "INVESTIGATE": 4}
    assert {r.type for r in records} <= set(EVENT_TYPES)
    assert {r.legacy for r in records} >= {"DEMAND", "DISAPPROVE", "FIGHT"}
    countries = {c.partition(".")[0] for r in records for c in r.sources + r.targets}
    assert not countries & {"JAP", "ITL", "VTN"}
    assert {"JPN", "ITA", "VNM", "IGO"} <= countries
    by_id = {r.id: r for r in records}
    assert by_id["PLOVER-GSR01-CONSULT-0005"].targets == ["JPN.GOV"]
    assert by_id["PLOVER-GSR01-AGREE-0001"].symmetric
    # a stray string target ("diplomatic") is no target: the record is symmetric
    assert by_id["PLOVER-GSR01-AGREE-0007"].targets == []
    assert by_id["PLOVER-GSR01-AGREE-0007"].symmetric


def test_the_coder_meets_the_issue_targets_on_the_validation_records() -> None:
    """The full pipeline on the validation part of PLOVER's gold-standard sentences, the part
    no rule was written from, stands for unseen records: the event of the gold type on at
    least 72% of them, at most 12% of its events of another type (UniversalPetrarch: 68% and
    23% on its own suite)."""
    result = score_plover(shared_path("reference/plover/PLOVER_GSR_CAMEO.txt"),
                          split="validate")
    assert result["type_accuracy"] >= 0.72
    assert result["false_positive_rate"] <= 0.12
