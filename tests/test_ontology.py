"""The PLOVER ontology file: types, modes, contexts, legacy names and CAMEO codes."""

from __future__ import annotations

import pytest

from newsgraph.events import ontology
from newsgraph.events.ontology import (
    EVENT_TYPES,
    QUADS,
    check,
    contexts,
    has_country,
    legacy_type,
    modes,
    project_code,
    quad,
    requires_recipient,
)

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# The context sections of the manual (version 2), in its snake_case names.
CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security", "gender",
    "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory", "peacekeeping",
    "health", "asylum", "migration", "disasters", "natural_resource", "environment",
    "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption",
    "illegal_drugs", "trafficking",
)


def test_sixteen_types_in_manual_order() -> None:
    assert EVENT_TYPES == TYPES


@pytest.mark.parametrize("name", TYPES)
def test_each_type_loads(name: str) -> None:
    assert quad(name) in QUADS
    assert isinstance(requires_recipient(name), bool)
    assert ontology.description(name)
    for mode in modes(name):
        check(name, mode)
    assert len(set(modes(name))) == len(modes(name))


def test_modes_as_the_manual_lists_them() -> None:
    assert modes("AGREE") == ()
    assert modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert modes("RETREAT") == ("withdraw", "release", "disarm", "ceasefire", "access", "resign")
    assert modes("REQUEST") == modes("REJECT") == ("assist", "change", "yield", "meet")
    assert modes("ACCUSE") == ("disapprove", "investigate", "allege")
    assert "martial-law" in modes("COERCE")
    assert len(modes("ASSAULT")) == 15
    assert "sideAB" not in modes("ASSAULT")  # commented out in the manual


def test_quads_and_recipients() -> None:
    by_quad = {q: [t for t in TYPES if quad(t) == q] for q in QUADS}
    assert by_quad["verbal_cooperation"] == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"]
    assert by_quad["material_cooperation"] == ["COOPERATE", "AID", "RETREAT"]
    assert by_quad["verbal_conflict"] == ["REQUEST", "ACCUSE", "REJECT", "THREATEN"]
    assert by_quad["material_conflict"] == [
        "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"
    ]
    assert [t for t in TYPES if requires_recipient(t)] == ["COOPERATE", "AID", "SANCTION"]


def test_every_context_named() -> None:
    assert contexts() == CONTEXTS
    for name in CONTEXTS:
        check("CONSULT", None, name)


def test_legacy_mapping() -> None:
    assert legacy_type("DEMAND") == "REQUEST"
    assert legacy_type("DISAPPROVE") == "ACCUSE"
    assert legacy_type("FIGHT") == "ASSAULT"
    assert legacy_type("INVESTIGATE") is None
    assert legacy_type("DOCUMENT") is None
    assert legacy_type("CRIME") is None
    assert legacy_type("fight") == "ASSAULT"
    for name in TYPES:
        assert legacy_type(name) == name


@pytest.mark.parametrize(
    ("event_type", "mode", "context"),
    [
        ("DEMAND", None, None),  # a legacy name is not a v2 type
        ("consult", None, None),  # names are case-sensitive
        ("CONSULT", "host", None),  # a 0.5b1 mode
        ("AGREE", "visit", None),  # AGREE has no modes
        ("ASSAULT", "assassinate", None),
        ("CONSULT", "visit", "refugees"),  # a 0.5b1 context
        ("CONSULT", None, "humanitarian"),
    ],
)
def test_check_rejects_unknowns(event_type: str, mode: str | None, context: str | None) -> None:
    with pytest.raises(ValueError):
        check(event_type, mode, context)


def test_unknown_type_raises_everywhere() -> None:
    for function in (modes, requires_recipient, quad):
        with pytest.raises(ValueError, match="unknown PLOVER event type"):
            function("FIGHT")


def test_cameo_codes() -> None:
    assert project_code("JAP") == "JPN"
    assert project_code("ITL") == "ITA"
    assert project_code("VTN.MIL") == "VNM.MIL"
    assert project_code("IGO") == "IGO"
    assert project_code("RUS.GOV") == "RUS.GOV"
    assert project_code("NGO") == "NGO"
    assert has_country("IGO") and has_country("JPN.GOV")
    assert not has_country("NGO") and not has_country("IMG.GOV")


def test_loaded_once() -> None:
    assert ontology.ontology() is ontology.ontology()
    assert ontology.cameo_codes() is ontology.cameo_codes()
