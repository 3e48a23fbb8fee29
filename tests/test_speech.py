"""Quotes and attributions: one sentence of our own for each pattern the speech stage reads."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Quote
from newsgraph.pipeline import process_text
from newsgraph.speech.marks import quotation_spans

# Each case: a short article, and what the first quote whose cue is CUE must look like.
CASES = {
    "indirect_that": (
        "Finance Minister Olaf Scholz said on Monday that the budget would be balanced by 2026.",
        "said", "indirect", "Finance Minister Olaf Scholz", "the budget would be balanced"),
    "direct_after": (
        "“We will not retreat from the border, whatever it costs us,” Emmanuel Macron said.",
        "said", "direct", "Emmanuel Macron", "“We will not retreat"),
    "direct_colon": (
        "Emmanuel Macron told reporters: “We will not retreat from the border, whatever it costs.”",
        "told", "direct", "Emmanuel Macron", "“We will not retreat"),
    "direct_interrupted": (
        "“The talks are over,” Emmanuel Macron said, “and the sanctions will stay in place for "
        "as long as the occupation lasts.”",
        "said", "direct", "Emmanuel Macron", "“The talks are over"),
    "mixed": (
        "Angela Merkel said the agreement was “a historic step for the whole continent.”",
        "said", "mixed", "Angela Merkel", "the agreement was “a historic step"),
    "told_recipient": (
        "Angela Merkel told the delegates that the pipeline would be finished within a year.",
        "told", "indirect", "Angela Merkel", "the pipeline would be finished"),
    "stressed": (
        "The ministry stressed that no troops would cross the river before the vote.",
        "stressed", "indirect", "The ministry", "no troops would cross"),
    "according_to": (
        "According to the Interfax news agency, three ships left the port of Odessa on Tuesday.",
        "According to", "indirect", "the Interfax news agency", "three ships left the port"),
    "contracted_has": (  # "who's argued" is "who has argued", not a passive
        "The plan was drafted by Ada Rook, who’s argued for years that the bridge must close.",
        "’s argued", "indirect", "Ada Rook", "the bridge must close"),
    "named_after_quote": (  # the parse reads "Brannock answers" as a noun; the name speaks
        "“He did nothing for the party. Besides that, not a single accomplishment,” Brannock "
        "answers.", "answers", "direct", "Brannock", "“He did nothing"),
    "after_a_time_stamp": (  # a live page's time stamp is a paragraph, not the speaker
        "Leaders met in Rome on Monday.\n\n12:15 p.m.\n\nEmmanuel Macron says that the border "
        "will stay closed until spring.",
        "says", "indirect", "Emmanuel Macron", "the border will stay closed"),
    "after_a_credit": (  # nor is the place of an agency credit
        "VALMORA (Examplewire) — Emmanuel Macron said the border would stay closed until spring.",
        "said", "indirect", "Emmanuel Macron", "the border would stay closed"),
    "reported": (
        "Interfax reported that three ships left the port of Odessa on Tuesday.",
        "reported", "indirect", "Interfax", "three ships left the port"),
    "state_media": (
        "State media said the harvest had been the largest in a decade.",
        "said", "indirect", "State media", "the harvest had been the largest"),
    "charges_made": (
        "The visit comes as charges have been made that the army is selling fuel to the rebels.",
        "charges have been made", "indirect", None, "the army is selling fuel"),
    "denied": (
        "Both governments have denied the reports of a secret arms deal.",
        "have denied", "indirect", "Both governments", "the reports of a secret arms deal"),
    "speculate": (
        "The closure of the embassy has led some diplomats to speculate that talks have failed.",
        "speculate", "indirect", "some diplomats", "talks have failed"),
    "passive_said_to": (
        "The new rocket is said to carry a payload of several tonnes.",
        "is said", "indirect", None, "The new rocket to carry a payload"),
    "called_for_to": (  # "for" marks the clause the parse hangs from the cue
        "Senator Ruth Adler called for the government to release the harbour report.",
        "called", "indirect", "Senator Ruth Adler", "the government to release"),
    "by_saying": (  # the gerund's speaker is the subject of the verb its phrase modifies
        "Mayor Jonas Weber ended the meeting by saying the bridge would reopen in May.",
        "saying", "indirect", "Mayor Jonas Weber", "the bridge would reopen"),
    "made_it_clear": (
        "The minister made it clear that the talks would resume after the election.",
        "made it clear", "indirect", "The minister", "the talks would resume"),
    "accused_of": (  # the object and its charge are one content
        "The union accused the rail company of hiding the accident figures.",
        "accused", "indirect", "The union", "the rail company of hiding"),
    "as_reported": (
        "The army has moved two brigades north, as Interfax reported on Monday.",
        "reported", "indirect", "Interfax", "The army has moved two brigades"),
    "named_object": (  # a stance toward a name is content, though one word
        "Senator Ruth Adler endorsed Weber on Monday.",
        "endorsed", "indirect", "Senator Ruth Adler", "Weber"),
    "asked_whether": (  # the question put to the speaker; who asked it goes unnamed
        "Asked whether he would run again, Mayor Jonas Weber said he had not decided.",
        "Asked", "indirect", None, "whether he would run again"),
    "manner_of_speaking": (
        "“Go back to the harbour and wait for the ferry,” Mayor Jonas Weber barked.",
        "barked", "direct", "Mayor Jonas Weber", "“Go back to the harbour"),
    "as_put_it": (
        "As one delegate put it, “This convention is a family reunion with ballots.”",
        "put it", "direct", "one delegate", "“This convention is"),
    "called_x_y": (  # the object with what it is called
        "The minister called the shelling of the port a war crime.",
        "called", "indirect", "The minister", "the shelling of the port a war crime"),
    "took_a_swipe_at": (  # the noun's preposition, parsed as the verb's
        "Senator Ruth Adler took a swipe at the harbour board on Monday.",
        "swipe", "indirect", "Senator Ruth Adler", "at the harbour board"),
    "sees_x_as_y": (  # a view of the object: the object and what it is seen as
        "Mayor Jonas Weber sees the ferry line as a lifeline for the island.",
        "sees", "indirect", "Mayor Jonas Weber", "the ferry line as a lifeline"),
    "pointed_out_object": (
        "Mayor Jonas Weber pointed out the cost of the new ferry line.",
        "pointed out", "indirect", "Mayor Jonas Weber", "the cost of the new ferry"),
    "passive_with_agent": (  # what was reported is the passive subject
        "The closure of the port was first reported by Interfax.",
        "was first reported", "indirect", "Interfax", "The closure of the port"),
    "noun_to_clause": (
        "Valmora renewed its threat to cut gas supplies to the island.",
        "threat", "indirect", "its", "to cut gas supplies"),
    "noun_with_maker": (
        "The mayor renewed Ruth Adler's call for a ban on night flights.",
        "call", "indirect", "Ruth Adler's", "for a ban on night flights"),
}


@pytest.fixture(scope="module")
def processed() -> dict[str, Article]:
    return {
        name: process_text(text, published_given="2024-03-05")
        for name, (text, *_rest) in CASES.items()
    }


def _quote(article: Article, cue: str) -> Quote:
    for quote in article.quotes:
        if quote.cue == cue:
            return quote
    raise AssertionError(f"no quote with cue {cue!r}: {[q.cue for q in article.quotes]}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_attribution_pattern(processed: dict[str, Article], name: str) -> None:
    _text, cue, kind, speaker, content_start = CASES[name]
    article = processed[name]
    quote = _quote(article, cue)
    assert quote.kind == kind
    assert quote.speaker == speaker
    assert quote.content(article.body).startswith(content_start)
    assert article.body[quote.cue_start : quote.cue_end] == quote.cue


def test_interrupted_quote_keeps_both_pieces(processed: dict[str, Article]) -> None:
    article = processed["direct_interrupted"]
    quote = _quote(article, "said")
    assert len(quote.parts) == 2
    assert article.body[slice(*quote.parts[1])].startswith("“and the sanctions")


def test_speaker_resolves_to_actor_and_pronoun_to_last_person() -> None:
    article = process_text(
        "Vladimir Putin arrived in Beijing on Tuesday for two days of talks. "
        "He said that the visit would open a new chapter in relations with China.",
        published_given="2024-05-14",
    )
    quote = _quote(article, "said")
    assert quote.speaker == "He"
    assert quote.speaker_kind == "actor"
    assert quote.actor_id == "vladimir_putin"


def test_coordinated_speakers_stay_a_phrase(processed: dict[str, Article]) -> None:
    quote = _quote(processed["denied"], "have denied")
    assert quote.speaker_kind == "phrase" and quote.actor_id is None


def test_statement_time_is_the_cues_time_expression() -> None:
    article = process_text(
        "The Kremlin announced on March 2 that the president would travel to Tehran.",
        published_given="2024-03-05",
    )
    quote = _quote(article, "announced")
    assert (quote.time, quote.time_basis) == ("2024-03-02", "timex")


def test_statement_time_falls_back_to_publication(processed: dict[str, Article]) -> None:
    quote = _quote(processed["stressed"], "stressed")
    assert (quote.time, quote.time_basis) == ("2024-03-05", "published")


def test_agentless_report_takes_the_frames_source() -> None:
    article = process_text(
        "According to Yonhap, two new tanks were shown at the parade. "
        "One of them was said to carry an unusually large gun.",
        published_given="2024-03-05",
    )
    quote = _quote(article, "was said")
    assert quote.speaker == "Yonhap"


def test_no_attribution_without_a_cue() -> None:
    article = process_text(
        "The ferry left the harbour at dawn and reached the island three hours later. "
        "Its crew of twelve unloaded the “emergency” supplies before noon.",
        published_given="2024-03-05",
    )
    assert article.quotes == []


def test_relative_clause_is_not_content() -> None:
    article = process_text(
        "The navy will deploy the frigate, which it considered to be its most capable ship.",
        published_given="2024-03-05",
    )
    assert all(q.cue != "considered" for q in article.quotes)


def test_quotation_spans_pair_straight_and_curly_marks() -> None:
    body = 'He said "one two" and “three four”.\n\n“An open paragraph\n\nNext "five'
    spans = [body[s:e] for s, e in quotation_spans(body)]
    assert spans == ['"one two"', "“three four”", "“An open paragraph", '"five']


def test_offsets_point_at_what_the_record_says(processed: dict[str, Article]) -> None:
    for article in processed.values():
        for quote in article.quotes:
            assert article.body[quote.cue_start : quote.cue_end] == quote.cue
            if quote.speaker is not None:
                assert article.body[quote.speaker_start : quote.speaker_end] == quote.speaker
            for start, end in quote.parts:
                assert 0 <= start < end <= len(article.body)


def test_quotes_and_claims_survive_the_store(store, processed: dict[str, Article]) -> None:  # type: ignore[no-untyped-def]
    article = processed["direct_interrupted"]
    store.save_article(article)
    loaded = store.load_article(article.id)
    assert loaded.quotes == article.quotes
    assert loaded.claims == article.claims


def _claims(text: str) -> list:  # type: ignore[type-arg]
    return process_text(text, published_given="2024-03-05").claims


def test_hedged_report_is_a_factual_claim_of_its_source() -> None:
    claims = _claims("Interfax reported that the convoy had crossed the border at night.")
    factual = [c for c in claims if c.kind == "factual"]
    assert len(factual) == 1
    claim = factual[0]
    assert (claim.claimant, claim.hedge) == ("Interfax", "Interfax reported")
    assert claim.hedge_strength is not None and claim.hedge_strength > 0


def test_plain_speech_is_a_quote_not_a_claim() -> None:
    assert _claims("The mayor said the bridge would reopen in the spring.") == []


def test_adverb_hedges_the_writers_own_sentence() -> None:
    claims = _claims("The missile was reportedly launched from a mobile platform near the coast.")
    assert [(c.kind, c.hedge, c.claimant_kind) for c in claims] == [
        ("factual", "reportedly", "outlet")]


def test_frame_lends_its_source_and_hedge_to_the_numbers_after_it() -> None:
    claims = _claims(
        "According to some estimates, the militia fielded 3,000 fighters. "
        "It lost 400 trucks in the first week."
    )
    numeric = [c for c in claims if c.kind == "numeric"]
    assert [(c.low, c.claimant, c.hedge) for c in numeric] == [
        (3000.0, "some estimates", "According to some estimates"),
        (400.0, "some estimates", "According to some estimates"),
    ]


def test_a_new_paragraph_ends_the_frames_reach() -> None:
    claims = _claims(
        "According to some estimates, the militia fielded 3,000 fighters.\n\n"
        "The army lost 400 trucks in the first week."
    )
    trucks = next(c for c in claims if c.low == 400.0)
    assert trucks.claimant_kind == "outlet" and trucks.hedge is None


# -- reporters apart from speakers ---------------------------------------------------------


def _quotes(text: str) -> list[Quote]:
    return process_text(text, published_given="2024-06-15").quotes


@pytest.mark.parametrize("text", [
    "Foreign Minister Sergei Lavrov said the talks with Turkey had been useful, Interfax "
    "reported on Monday.",
    "Interfax quoted Sergei Lavrov as saying that the talks with Turkey had been useful.",
    "According to Interfax, Sergei Lavrov said the talks with Turkey had been useful.",
    "Sergei Lavrov said the talks with Turkey had been useful, according to Interfax.",
    "\"The talks with Turkey have been useful,\" Sergei Lavrov said, according to Interfax.",
])
def test_the_speaker_speaks_and_the_relaying_source_reports(text: str) -> None:
    [quote] = _quotes(text)
    assert (quote.actor_id, quote.reported_actor_id) == ("sergey_lavrov", "interfax")
    assert quote.reported_by == "Interfax"
    assert quote.content(text).lstrip('"').lower().startswith("the talks with turkey")


def test_a_relayed_report_of_a_conversation_stays_the_reporters() -> None:
    # no words of the speakers' own: what the agency reports is that they talked
    [quote] = _quotes("According to the Interfax news agency, Sergei Lavrov and Hakan Fidan "
                      "spoke about \"matters of mutual concern\" in Ankara.")
    assert (quote.actor_id, quote.reported_by) == ("interfax", None)


def test_a_relaying_source_with_no_speaker_inside_is_the_source() -> None:
    [quote] = _quotes("According to Interfax, three ships left the port of Odessa on Tuesday.")
    assert (quote.actor_id, quote.reported_by) == ("interfax", None)


def test_a_speaker_inside_another_speakers_words_stays_inside() -> None:
    # PolNeAR's nesting: the outer speaker says what the inner one believes, and relays nothing
    [quote] = _quotes("Sergei Lavrov said the Turkish side believed the talks had been useful.")
    assert (quote.actor_id, quote.reported_by) == ("sergey_lavrov", None)


# -- cues by sense -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The government ordered all foreign journalists to leave the country within a week.",
    "The council instructed the ministry to close the border crossings.",
    "Officials were shown the documents on Monday.",
    "The ministry disclosed the full text of the agreement on Friday.",
    "The minister revealed the location of the new air base.",
    "There were calls for calm in the capital after the vote.",  # no one named makes them
    "As the river rose, the mayor closed the bridge.",  # a time, not a saying
    "They made a deal with the landlord that lasted a year.",  # "make" without "clear"
    "The union accused her.",  # a pronoun is no content
    "The dog barked at the ferry all night.",  # a manner verb with no quotation
    "She put the documents on the table.",  # "put" without "it"
    "From the tower we could see the whole harbour.",  # seeing, not a view
    "The soldier pointed a rifle at the driver.",  # "point" takes an object only with "out"
    "There is a threat to cut gas supplies to the island.",  # no one named makes it
])
def test_senses_that_report_no_speech_are_no_cues(text: str) -> None:
    assert _quotes(text) == []


@pytest.mark.parametrize("text, cue", [
    ("The council ordered that the border crossings be closed at once.", "ordered"),
    ("The minister revealed that the army had lost three tanks in the battle.", "revealed"),
    ("The study showed that the river had been polluted for years.", "showed"),
])
def test_the_same_verbs_in_their_reporting_sense_are_cues(text: str, cue: str) -> None:
    assert [q.cue for q in _quotes(text)] == [cue]


def test_a_speech_inside_a_relayed_fact_does_not_take_the_relay() -> None:
    # what the reports vouch for is the sending; the message's words are the message's
    quotes = _quotes("According to reports, Sergei Lavrov sent Hakan Fidan a message saying "
                     "that the talks had been useful.")
    assert (quotes[0].speaker, quotes[0].reported_by) == ("reports", None)


# -- pronouns ------------------------------------------------------------------------------


def test_he_stays_with_the_last_speaker_when_another_person_was_named_since() -> None:
    quotes = _quotes("Sergei Lavrov met Antony Blinken in Geneva on Monday. \"The talks were "
                     "frank,\" Lavrov said after meeting Blinken. \"We will meet again in the "
                     "spring,\" he added.")
    assert [q.actor_id for q in quotes] == ["sergey_lavrov", "sergey_lavrov"]


def test_he_is_the_person_the_previous_sentence_is_about() -> None:
    [quote] = _quotes("Antony Blinken arrived in Kyiv on Monday to meet Volodymyr Zelensky. He "
                      "said the military aid would continue through the winter.")
    assert quote.actor_id == "antony_blinken"


def test_it_is_the_organisation_named_just_before() -> None:
    [quote] = _quotes("The International Atomic Energy Agency inspected the plant on Monday. It "
                      "said the cooling system had been repaired.")
    assert quote.actor_id == "IGO.IAEA"


def test_a_quotation_the_parse_hangs_from_its_cue_is_still_the_quote() -> None:
    # spaCy attaches "not on these terms" to "told"; the quotation is still what was told
    quotes = _quotes("Sergei Lavrov spoke in Moscow on Wednesday.\n\n\"We are ready to talk, but "
                     "not on these terms,\" he told reporters.")
    assert [(q.kind, q.actor_id) for q in quotes] == [("direct", "sergey_lavrov")]


@pytest.mark.parametrize("text, cue", [
    ("Senator Ruth Adler touted her plan for cheaper rail fares on Monday.", "touted"),
    ("The union decried the court's ruling on overtime pay.", "decried"),
    ("Mayor Jonas Weber thanked the volunteers for their help after the flood.", "thanked"),
    ("The statement read: \"We will not accept any deal that abandons our farmers.\"", "read"),
    ("Mayor Jonas Weber hailed the new ferry line as a lifeline for the island.", "hailed"),
    ("The union bemoaned the closure of the rail depot.", "bemoaned"),
])
def test_attitudes_stated_toward_a_person_or_a_policy_are_attributions(text: str,
                                                                      cue: str) -> None:
    assert cue in [q.cue for q in _quotes(text)]


def test_a_verb_of_saying_takes_the_quotation_before_a_verb_of_manner() -> None:
    quotes = _quotes("Ruth Adler said, laughing: “We will win the vote in the spring.”")
    assert [q.cue for q in quotes] == ["said"]


def test_a_participle_of_saying_after_the_content_is_a_second_statement_of_the_speaker() -> None:
    # the parse hangs "adding" from "would reopen"; Ruth Adler says both things
    text = "Ruth Adler said the bridge would reopen in March, adding that the ferry would stop."
    quotes = _quotes(text)
    assert [(q.cue, q.speaker) for q in quotes] == [("said", "Ruth Adler"),
                                                    ("adding", "Ruth Adler")]
    assert "ferry" not in quotes[0].content(text)
