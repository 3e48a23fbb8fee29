"""Divided or sibling states ("the North", "the South") come from the KB's siblings tables."""

from __future__ import annotations

from newsgraph.actors.kb import default_kb, load_kb
from tests.test_actors import at, resolve


def test_koreas_unchanged() -> None:
    kb = default_kb()
    body = "Seoul said North Korea fired a missile. The North denied it, and the South protested."
    result = resolve(kb, body, ("Seoul", "GPE"), ("North Korea", "GPE"))
    north, south = at(result, "The North"), at(result, "the South")
    assert (north.actor_id, north.code, north.method) == ("PRK", "PRK", "context")
    assert (south.actor_id, south.code, south.method) == ("KOR", "KOR", "context")
    assert not any(m.text == "the North Atlantic" for m in resolve(
        kb, "North Korea watched the North Atlantic.", ("North Korea", "GPE")))


def test_sudan_and_south_sudan_from_the_table() -> None:
    kb = default_kb()
    body = ("South Sudan accused Sudan of bombing oil fields near the border. The North "
            "rejected the claim, and the South said it would seek talks.")
    result = resolve(kb, body, ("South Sudan", "GPE"), ("Sudan", "GPE"), date="2012-04-20")
    assert at(result, "The North").actor_id == "SDN"
    assert at(result, "the South").actor_id == "SSD"
    # Before independence "the South" was a region of Sudan, not a state: left alone.
    before = resolve(kb, body, ("South Sudan", "GPE"), ("Sudan", "GPE"), date="2005-01-09")
    assert not any(m.text in ("The North", "the South") for m in before)


def test_two_germanies_need_both_and_the_date() -> None:
    kb = default_kb()
    body = ("East Germany and West Germany signed a treaty. The East wanted credits; "
            "the West wanted visits.")
    spans = (("East Germany", "GPE"), ("West Germany", "GPE"))
    result = resolve(kb, body, *spans, date="1972-12-21")
    assert at(result, "The East").actor_id == "DDR"
    assert at(result, "the West").actor_id == "DEU"
    assert not any(m.text == "the West" for m in resolve(kb, body, *spans, date="2020-01-01"))
    alone = "Germany sent troops. The West applauded."
    assert not any(m.text == "The West" for m in resolve(kb, alone, ("Germany", "GPE"),
                                                         date="1985-01-01"))


def test_a_word_two_tables_claim_is_left_out() -> None:
    kb = default_kb()
    body = "North Korea and Sudan traded arms. The North denied it."
    result = resolve(kb, body, ("North Korea", "GPE"), ("Sudan", "GPE"), date="2015-01-01")
    assert not any(m.text == "The North" for m in result)


def test_bad_siblings_table_is_reported(tmp_path) -> None:
    path = tmp_path / "user.yaml"
    path.write_text("siblings:\n  - states: {PRK: North, XYZ: south}\n", encoding="utf-8")
    problems = load_kb([path]).validate()
    assert any("'XYZ' is not a country" in p for p in problems)
    assert any("must be capitalised" in p for p in problems)
    assert load_kb().validate() == []
