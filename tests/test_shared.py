"""Concepts that have one home and many readers: actor codes, actor labels, data files."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

import pytest

from newsgraph import data
from newsgraph.model import ACTOR_LABELS, ActorCode
from newsgraph.store import store
from newsgraph.timex.dates import iso_day
from newsgraph.timex.published import ORDINAL_WORDS


@pytest.mark.parametrize(("code", "country", "sector", "party"), [
    ("RUS.MIL", "RUS", "MIL", "RUS"),
    ("RUS", "RUS", "", "RUS"),
    ("IGO.UNO", "IGO", "UNO", "IGO.UNO"),
    ("IGOUNO", "IGOUNO", "", "IGOUNO"),  # CAMEO's one-block form is not split
    ("", "", "", ""),
])
def test_actor_code_parts(code: str, country: str, sector: str, party: str) -> None:
    parsed = ActorCode.parse(code)
    assert (parsed.country, parsed.sector, parsed.party) == (country, sector, party)
    assert str(parsed) == code


def test_actor_code_igo() -> None:
    assert ActorCode.parse("IGO.NATO").is_igo
    assert ActorCode.parse("IGO").is_igo
    assert not ActorCode.parse("IGOUNO").is_igo
    assert not ActorCode.parse("PRK.GOV").is_igo


def _sql_labels(text: str) -> set[str]:
    return set(re.findall(r"'([A-Z_]+)'", text))


def test_actor_labels_match_the_store() -> None:
    """The name index (a migration, which must not change once shipped) and the store's
    queries over it list the labels in SQL; they must stay the model's set, in one order,
    or SQLite stops using the partial index."""
    migration = (resources.files("newsgraph.store") / "migrations" / "0003_name_index.sql")
    listed = re.search(r"label IN \(([^)]*)\)", migration.read_text(encoding="utf-8"))
    assert listed is not None
    assert _sql_labels(listed.group(1)) == ACTOR_LABELS
    assert listed.group(1) == store.NAME_LABELS_SQL


def test_data_files_load_once_by_their_suffix() -> None:
    assert data.load("plover.yaml") is data.load("plover.yaml")
    assert "events" in data.load("anniversaries.json")
    with pytest.raises(ValueError, match="JSON or YAML"):
        data.load("speech_cues.txt")


@pytest.mark.parametrize(("value", "day"), [
    ("2023-07-26", date(2023, 7, 26)),
    ("2023-07-26T09:30:00Z", date(2023, 7, 26)),
    ("2023-07", None),
    ("XXXX-07-26", None),
    ("2023-02-30", None),
    ("", None),
    (None, None),
])
def test_iso_day(value: str | None, day: date | None) -> None:
    assert iso_day(value) == day


def test_anniversary_ordinals_come_from_the_data() -> None:
    assert ORDINAL_WORDS["seventieth"] == 70 and ORDINAL_WORDS["twentieth"] == 20
    assert "last" not in ORDINAL_WORDS  # the tagger's "last" = -1 counts no anniversary
