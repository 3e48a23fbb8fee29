"""Numeric claims: one sentence of our own for each pattern the figure reader must get right."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Article, Claim
from newsgraph.pipeline import process_text
from newsgraph.speech.claims import numeric_claims
from newsgraph.speech.numbers import digit_value, parse_figure, quantities, split_token

STAGES = ("clean", "language", "annotate", "time", "actors")


def _article(text: str) -> Article:
    return process_text(text, published_given="2023-07-27", stage_names=STAGES)


# Each case: a text, the evidence text of one claim in it, and what that claim must carry.
# low/high are compared with pytest.approx; "hedge" None means no hedge at all.
CASES: dict[str, tuple[str, str, dict]] = {
    "range_with_scale": (
        "The famine left an estimated 1-2.5 million villagers dead across the plateau.",
        "1-2.5 million villagers dead",
        {"low": 1_000_000, "high": 2_500_000, "comparator": "range", "unit": "villagers",
         "hedge": "an estimated", "hedge_strength": 0.4},
    ),
    "range_between": (
        "Aid workers said the flooding had displaced between 400 and 650 households.",
        "between 400 and 650 households",
        {"low": 400, "high": 650, "comparator": "range", "unit": "households", "hedge": None},
    ),
    "range_from_to_percent": (
        "The central bank raised its key rate from 4 to 6.5 percent in a single meeting.",
        "from 4 to 6.5 percent",
        {"low": 4, "high": 6.5, "comparator": "range", "unit": "percent"},
    ),
    "range_words_or": (
        "Witnesses saw two or three armoured vehicles near the checkpoint.",
        "two or three armoured vehicles",
        {"low": 2, "high": 3, "comparator": "range", "unit": "vehicles"},
    ),
    "range_scale_not_shared": (
        "The region's population grew from 900 to 1.4 million settlers within the empire.",
        "from 900 to 1.4 million settlers",
        {"low": 900, "high": 1_400_000, "comparator": "range"},
    ),
    "word_number": (
        "The coast guard rescued twenty-seven fishermen from the capsized trawler.",
        "twenty-seven fishermen",
        {"low": 27, "high": 27, "comparator": "exact", "unit": "fishermen", "hedge": None},
    ),
    "word_number_hundreds": (
        "The convoy carried three hundred and forty refugees to the border.",
        "three hundred and forty refugees",
        {"low": 340, "high": 340, "unit": "refugees"},
    ),
    "half_a_million": (
        "The shelling drove half a million residents from the eastern districts.",
        "half a million residents",
        {"low": 500_000, "high": 500_000, "comparator": "exact", "unit": "residents"},
    ),
    "a_dozen": (
        "The navy lost a dozen patrol boats during the storm.",
        "a dozen patrol boats",
        {"low": 12, "high": 12, "unit": "patrol boats"},
    ),
    "fraction_partitive": (
        "The blaze destroyed nearly three quarters of the province's grain silos.",
        "nearly three quarters of the province's grain silos",
        {"low": 0.75, "high": 0.75, "comparator": "about", "unit": "grain silos",
         "hedge": "nearly", "hedge_strength": 0.2},
    ),
    "fraction_a_third": (
        "A third of the garrison deserted before the siege began.",
        "A third of the garrison",
        {"low": 1 / 3, "high": 1 / 3, "unit": "garrison"},
    ),
    "vague_plural": (
        "Hundreds of volunteers searched the forest for the missing hikers.",
        "Hundreds of volunteers",
        {"low": 200, "high": None, "comparator": "over", "unit": "volunteers"},
    ),
    "vague_plural_nested": (
        "Tens of thousands of farmers blocked the motorways with their tractors.",
        "Tens of thousands of farmers",
        {"low": 20_000, "high": None, "comparator": "over", "unit": "farmers"},
    ),
    "over_more_than": (
        "The rebels captured more than 1,300 rifles from the arsenal.",
        "more than 1,300 rifles",
        {"low": 1300, "high": 1300, "comparator": "over", "unit": "rifles", "hedge": None},
    ),
    "over_at_least": (
        "At least 23 climbers were stranded on the glacier overnight.",
        "At least 23 climbers",
        {"low": 23, "comparator": "over", "hedge": None},
    ),
    "over_plus_suffix": (
        "The museum displays 400-plus paintings from the northern school.",
        "400-plus paintings",
        {"low": 400, "comparator": "over", "unit": "paintings"},
    ),
    "over_well_over_is_hedge": (
        "The epidemic in the valley caused the deaths of well over 80,000 cattle.",
        "well over 80,000 cattle",
        {"low": 80_000, "comparator": "over", "unit": "cattle", "hedge": "well over",
         "hedge_strength": 0.2, "about": "deaths of well over 80,000 cattle"},
    ),
    "under_fewer_than": (
        "The airline kept fewer than 90 pilots on its payroll after the merger.",
        "fewer than 90 pilots",
        {"low": 90, "comparator": "under", "unit": "pilots", "hedge": None},
    ),
    "under_up_to": (
        "The new reactor can supply up to 300 megawatts to the grid.",
        "up to 300 megawatts",
        {"low": 300, "comparator": "under", "unit": "megawatts"},
    ),
    "about_some": (
        "Some 750 miners walked out of the shafts at dawn.",
        "Some 750 miners",
        {"low": 750, "comparator": "about", "unit": "miners", "hedge": "Some",
         "hedge_strength": 0.2},
    ),
    "about_roughly": (
        "The tanker spilled roughly 4,000 tonnes of crude oil off the cape.",
        "roughly 4,000 tonnes of crude oil",
        {"low": 4000, "comparator": "about", "unit": "tonnes of oil", "hedge": "roughly"},
    ),
    "attribution_credited_with": (
        "The veteran ace is credited with over 35 air victories in the northern campaign.",
        "over 35 air victories",
        {"low": 35, "comparator": "over", "unit": "air victories",
         "hedge": "credited with over", "hedge_strength": 0.4},
    ),
    "attribution_estimated_at": (
        "The damage to the harbour was estimated at about $7.5 million.",
        "about $7.5 million",
        {"low": 7_500_000, "comparator": "about", "unit": "US dollars",
         "hedge": "estimated at about", "hedge_strength": 0.4},
    ),
    "attribution_believed_to": (
        "The warlord is believed to have recruited 6,000 fighters in the south.",
        "6,000 fighters",
        {"low": 6000, "comparator": "exact", "hedge": "believed to", "hedge_strength": 0.5},
    ),
    "percent_sign": (
        "The drought left 18% of farms without water for the summer.",
        "18% of farms",
        {"low": 18, "high": 18, "comparator": "exact", "unit": "percent", "hedge": None},
    ),
    "percent_word": (
        "Turnout fell to almost 41 percent in the northern provinces.",
        "almost 41 percent",
        {"low": 41, "comparator": "about", "unit": "percent", "hedge": "almost"},
    ),
    "money_symbol": (
        "The ministry said the new bridge would cost $2.4 billion to build.",
        "$2.4 billion",
        {"low": 2_400_000_000, "high": 2_400_000_000, "comparator": "exact",
         "unit": "US dollars"},
    ),
    "money_euro_comparator": (
        "The airline reported losses of more than €350 million for the quarter.",
        "more than €350 million",
        {"low": 350_000_000, "comparator": "over", "unit": "euros"},
    ),
    "money_word": (
        "Investors poured about 3 billion dollars into the new port.",
        "about 3 billion dollars",
        {"low": 3_000_000_000, "comparator": "about", "unit": "dollars"},
    ),
    "comparison_without_figure": (
        "The northern front received more tonnage of shells than the southern front did.",
        "more tonnage of shells",
        {"low": None, "high": None, "comparator": "over", "unit": "tonnage of shells"},
    ),
    "comparison_fewer": (
        "The garrison now has fewer tanks than it had before the truce.",
        "fewer tanks",
        {"low": None, "high": None, "comparator": "under", "unit": "tanks"},
    ),
    "rank_ordinal_superlative": (
        "The cyclone, the second deadliest of the decade, flattened the fishing villages.",
        "second deadliest",
        {"low": 2, "high": 2, "comparator": "exact", "unit": "rank"},
    ),
    "rank_top": (
        "The republic is one of the top ten producers of cobalt.",
        "top ten producers",
        {"low": 10, "comparator": "under", "unit": "rank"},
    ),
    "ordinal_anniversary": (
        "The town celebrated the 60th anniversary of its founding with a parade.",
        "60th anniversary",
        {"low": 60, "high": 60, "unit": "anniversary"},
    ),
    "participle_after_noun": (
        "The explosion left 36 workers injured at the refinery.",
        "36 workers injured",
        {"low": 36, "unit": "workers"},
    ),
    "compound_unit_with_name": (
        "The squadron flew 220 then-modern Sabre F-86 jets to the front.",
        "220 then-modern Sabre F-86 jets",
        {"low": 220, "unit": "Sabre F-86 jets"},
    ),
    "long_hyphenated_modifiers": (
        "The army fielded 730 then-ultra-light M-113 carriers along the river.",
        "730 then-ultra-light M-113 carriers",
        {"low": 730, "unit": "M-113 carriers"},
    ),
    "noun_with_prepositional_complement": (
        "The institute unveiled two new designs for drones at the fair.",
        "two new designs",
        {"low": 2, "unit": "designs", "about": "two new designs for drones"},
    ),
    "share_of_ten": (
        "Nearly seven of 10 farmers rely on the river for irrigation.",
        "Nearly seven of 10 farmers",
        {"low": 0.7, "high": 0.7, "comparator": "about", "unit": "farmers"},
    ),
}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    """Every case processed once: spaCy loads once for the module."""
    return {name: _article(text) for name, (text, _, _) in CASES.items()}


def _claim(article: Article, text: str) -> Claim:
    found = [c for c in numeric_claims(article) if c.text == text]
    assert found, f"no claim {text!r} in {[c.text for c in numeric_claims(article)]}"
    return found[0]


@pytest.mark.parametrize("name", list(CASES))
def test_claim_pattern(articles: dict[str, Article], name: str) -> None:
    _, evidence, expected = CASES[name]
    claim = _claim(articles[name], evidence)
    assert claim.kind == "numeric"
    for field_name, value in expected.items():
        got = getattr(claim, field_name)
        if isinstance(value, float | int) and not isinstance(value, bool):
            assert got == pytest.approx(value), f"{field_name}: {got!r} != {value!r}"
        else:
            assert got == value, f"{field_name}: {got!r} != {value!r}"
    if "hedge" in expected and expected["hedge"] is None:
        assert claim.hedge_start is None and claim.hedge_strength is None


def test_the_statement_is_the_clause_holding_the_figure() -> None:
    article = _article(
        "The militia seized 14 villages and burned 300 houses, losing 45 fighters on the way."
    )
    body = article.body
    by_text = {c.text: c for c in numeric_claims(article)}
    assert body[by_text["14 villages"].start : by_text["14 villages"].end] == \
        "The militia seized 14 villages"
    assert body[by_text["300 houses"].start : by_text["300 houses"].end] == \
        "burned 300 houses, losing 45 fighters on the way"
    assert body[by_text["45 fighters"].start : by_text["45 fighters"].end] == \
        "losing 45 fighters on the way"
    assert all(c.sentence == 0 for c in by_text.values())


def test_hedge_offsets_point_at_the_hedge() -> None:
    article = _article("The outbreak killed an estimated 1,100 seals along the coast.")
    claim = _claim(article, "1,100 seals")
    assert article.body[claim.hedge_start : claim.hedge_end] == "an estimated"
    assert claim.comparator == "about"


def test_plain_comparators_are_not_hedges() -> None:
    article = _article(
        "The port handled more than 900 ships, at least 40 tankers and over 70 ferries last "
        "season."
    )
    claims = numeric_claims(article)
    assert {c.text for c in claims} >= {"more than 900 ships", "at least 40 tankers",
                                        "over 70 ferries"}
    assert all(c.hedge is None and c.comparator == "over" for c in claims)


EXCLUSIONS = {
    "years_and_durations": (
        "In 1987 the dam was finished, and three years ago it was repaired after 24 hours of "
        "heavy rain on July 27.",
        ["1987", "three", "24", "27"],
    ),
    "names_with_numbers": (
        "The MiG-21 and the Hwasong-15 were shown beside an F-16, and the G20 later invoked "
        "Article 5 of the charter over COVID-19.",
        ["21", "15", "16", "20", "5", "19"],
    ),
    "one_as_pronoun": (
        "One of the prototypes resembled the older designs, engineers said.",
        ["One"],
    ),
    "referential_small_number": (
        "The two ministers signed the accord in the capital.",
        ["two"],
    ),
    "ages_and_labels": (
        "The general, 67, retired at the age of 70, and his memoir is on page 212.",
        ["67", "70", "212"],
    ),
    "compound_attributes": (
        "A 12-year-old girl presented a 10-point plan to the council.",
        ["12", "10"],
    ),
    "codes_and_scores": (
        "The team won 3-1, and fans can call 555-0142 or dial 800 555 0199 for tickets.",
        ["3", "1", "555", "800"],
    ),
    "enumeration_and_named_age": (
        "Her worries are, one, the cost, and two, the delay, said Kowalski, 52, on Monday.",
        ["one", "two", "52"],
    ),
    "plain_ordinal": (
        "The ministers met for the third time and ordered a second inquiry.",
        ["third", "second"],
    ),
}


@pytest.mark.parametrize("name", list(EXCLUSIONS))
def test_numbers_that_are_not_claims(name: str) -> None:
    """Each text holds numbers (listed) and no claim: every one must be left out."""
    text, words = EXCLUSIONS[name]
    article = _article(text)
    assert all(word in article.body for word in words)
    claims = numeric_claims(article)
    assert claims == [], f"read as claims: {[c.text for c in claims]}"


def test_one_of_the_top_five_is_a_rank_not_a_count() -> None:
    article = _article("The country is one of the top five exporters of tin.")
    claims = numeric_claims(article)
    assert [c.text for c in claims] == ["top five exporters"]
    assert claims[0].unit == "rank" and claims[0].comparator == "under"


def test_change_and_level_are_not_a_range() -> None:
    article = _article("Shares of the miner fell 4 to 37 on Friday, while rents rose from 5 to 7 "
                       "percent.")
    claims = {c.text: c for c in numeric_claims(article)}
    assert "4 to 37" not in claims
    assert claims["4"].comparator == "exact" and claims["37"].low == 37
    assert claims["from 5 to 7 percent"].comparator == "range"


def test_years_in_a_sentence_with_a_count() -> None:
    article = _article("The storm killed 31 people in 2011 and flooded 2,000 homes.")
    texts = [c.text for c in numeric_claims(article)]
    assert texts == ["31 people", "2,000 homes"]


# --- the figure reader on its own, without a parse -----------------------------------------


@pytest.mark.parametrize(
    ("words", "joiner", "low", "high"),
    [
        (["3", "-", "4.5", "million"], None, 3e6, 4.5e6),
        (["200", "and", "300"], "and", 200, 300),
        (["two", "to", "three", "hundred"], None, 200, 300),
        (["900", "to", "1.2", "million"], None, 900, 1.2e6),
        (["half", "a", "million"], None, 5e5, 5e5),
        (["one", "and", "a", "half", "million"], None, 1.5e6, 1.5e6),
        (["two", "thirds"], None, 2 / 3, 2 / 3),
        (["a", "dozen"], None, 12, 12),
        (["two", "dozen"], None, 24, 24),
        (["1.2", "bn"], None, 1.2e9, 1.2e9),
        (["hundreds", "of", "thousands"], None, 200_000, None),
        (["several", "hundred"], None, 300, None),
    ],
)
def test_parse_figure(words: list[str], joiner: str | None, low: float, high: float | None) -> None:
    figure = parse_figure(words, joiner=joiner)
    assert figure is not None
    assert figure.low == pytest.approx(low)
    assert figure.high == (None if high is None else pytest.approx(high))


def test_parse_figure_refuses_what_is_not_a_quantity() -> None:
    assert parse_figure(["3", "-", "1"]) is None  # a score runs backwards
    assert parse_figure(["200", "and"], joiner="and") is None
    assert digit_value("0192") is None  # a code, not a count
    assert split_token("2-3.5") == ["2", "-", "3.5"]
    assert split_token("1.2bn") == ["1.2", "bn"]
    assert split_token("B-29") == ["b", "29"]


def test_data_file_is_consistent() -> None:
    q = quantities()
    for modifier in (*q.before.values(), *q.after.values()):
        assert modifier.comparator in {"exact", "over", "under", "about"}
        assert modifier.hedge is None or 0 < modifier.hedge <= 1
    assert q.before[("more", "than")].hedge is None
    assert q.before[("nearly",)].hedge is not None
    assert all(0 < a.hedge <= 1 for a in q.attribution_verbs.values())


# --- properties over every claim ------------------------------------------------------------

COMPARATORS = {"": "exact", "more than ": "over", "nearly ": "about", "fewer than ": "under",
               "approximately ": "about", "at least ": "over", "up to ": "under"}
FIGURES = {"17": 17, "2,450": 2450, "forty-two": 42, "3.5 million": 3.5e6, "eleven": 11,
           "a dozen": 12, "600": 600}
NOUNS = ["soldiers", "trucks", "wells", "schools", "cargo ships"]


@settings(max_examples=25, deadline=None)
@given(comparator=st.sampled_from(sorted(COMPARATORS)), figure=st.sampled_from(sorted(FIGURES)),
       noun=st.sampled_from(NOUNS))
def test_generated_figures_round_trip(comparator: str, figure: str, noun: str) -> None:
    text = f"Officials said the army had seized {comparator}{figure} {noun} in the region."
    article = _article(text)
    claim = _claim(article, f"{comparator}{figure} {noun}")
    assert claim.low == pytest.approx(FIGURES[figure])
    assert claim.comparator == COMPARATORS[comparator]
    assert claim.unit == noun
    _check_offsets(article, claim)


def _check_offsets(article: Article, claim: Claim) -> None:
    body = article.body
    assert 0 <= claim.start <= claim.evidence_start < claim.evidence_end <= claim.end <= len(body)
    assert body[claim.evidence_start : claim.evidence_end] == claim.text
    assert claim.text == claim.text.strip() and claim.text
    if claim.hedge is not None:
        assert claim.hedge_start is not None and claim.hedge_end is not None
        assert body[claim.hedge_start : claim.hedge_end] == claim.hedge
        assert 0 < (claim.hedge_strength or 0) <= 1
    if claim.low is not None and claim.high is not None:
        assert claim.low <= claim.high
    sentence = article.sentences[claim.sentence]
    assert sentence.start <= claim.evidence_start and claim.evidence_end <= sentence.end


def test_every_claim_lies_inside_its_body(articles: dict[str, Article]) -> None:
    count = 0
    for article in articles.values():
        for claim in numeric_claims(article):
            _check_offsets(article, claim)
            count += 1
    assert count >= len(CASES)


def test_no_tokens_no_claims() -> None:
    article = Article(id="x", source="-", format="txt", markup="text", raw="", raw_sha256="")
    assert numeric_claims(article) == []
