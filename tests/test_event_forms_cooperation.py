"""The cooperative event forms (data/event_forms/cooperation.yaml) on sentences written for
these tests in the style of wire news: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID,
RETREAT and REQUEST with their modes, and sentences where a word of those forms must not code.

Cases left out because the parse, not the lexicon, decides them: "stepped down", "pulled
back" (the small model tags the particle as an adverb, so the particle senses do not apply),
and "X pressed Y to release Z" (the infinitive is parsed as an adverbial clause, so the release
is coded as well as the request).
"""

from __future__ import annotations

import pytest

from tests.test_events import events_of

# (sentence, type, mode or None)
POSITIVE = [
    # AGREE
    ("Japan sealed a trade deal with Australia on Monday.", "AGREE", None),
    ("Armenia and Azerbaijan reached a peace accord.", "AGREE", None),
    ("Russia assured Turkey of continued gas supplies.", "AGREE", None),
    ("Egypt proposed a ceasefire between Israel and Hamas.", "AGREE", None),
    ("China reaffirmed its commitment to the climate accord.", "AGREE", None),
    ("Kenya announced a new aid package for Somalia.", "AGREE", None),
    ("France extended an invitation to the Indian prime minister.", "AGREE", None),
    ("Iran undertook to cooperate with the inspectors.", "AGREE", None),
    ("Iran and Iraq signed an armistice in 1988.", "SUPPORT", None),  # an agreement signed
    # CONSULT
    ("Blinken discussed the crisis with his Saudi counterpart on Monday.", "CONSULT", None),
    ("Putin spoke with Erdogan on Tuesday.", "CONSULT", None),
    ("Biden called his Chinese counterpart on Monday.", "CONSULT", "phone"),
    ("Biden had a phone call with Xi on Thursday.", "CONSULT", "phone"),
    ("Macron received a phone call from Putin.", "CONSULT", "phone"),
    ("The Indian prime minister attended the G20 summit in Rome.", "CONSULT", "multilateral"),
    ("Iran resumed talks with the European Union.", "CONSULT", None),
    ("Qatar brokered a truce between Israel and Hamas.", "CONSULT", "third-party"),
    ("Egypt facilitated talks between Israel and Hamas.", "CONSULT", "third-party"),
    ("Putin received the Iranian president in Moscow.", "CONSULT", "visit"),
    ("Blinken flew to Israel on Monday.", "CONSULT", "visit"),
    ("Modi began a tour of Japan on Monday.", "CONSULT", "visit"),
    ("Biden and Xi exchanged views on Taiwan.", "CONSULT", None),
    # SUPPORT
    ("Egypt applauded Jordan on Monday.", "SUPPORT", None),
    ("Hungary sided with Russia in the dispute.", "SUPPORT", None),
    ("The US stood by Israel on Monday.", "SUPPORT", None),
    ("The Senate ratified the treaty with Japan.", "SUPPORT", None),
    ("Saudi Arabia and Iran restored diplomatic ties on Friday.", "SUPPORT", None),
    ("Turkey normalized relations with Armenia.", "SUPPORT", None),
    ("China expressed solidarity with Pakistan.", "SUPPORT", None),
    ("Britain sent condolences to Turkey.", "SUPPORT", None),
    ("Germany reiterated its support for Ukraine.", "SUPPORT", None),
    ("Spain's recognition of Palestine angered Israel.", "SUPPORT", None),
    # CONCEDE
    ("Japan expressed regret over the incident.", "CONCEDE", None),
    ("Hamas declared a truce on Sunday.", "CONCEDE", None),
    ("Biden pardoned 300 prisoners on Sunday.", "CONCEDE", None),
    ("Israel dropped its objection to the plan.", "CONCEDE", None),
    ("Israel gave in to the demands of Hamas.", "CONCEDE", None),
    ("Ukraine's unions called off the strike on Friday.", "CONCEDE", None),
    ("Iran admitted responsibility for the downing of the plane.", "CONCEDE", None),
    ("Egypt waived the visa requirement for Russians.", "CONCEDE", None),
    ("Turkey softened its stance on Sweden.", "CONCEDE", None),
    ("Germany announced the withdrawal of its troops from Mali.", "CONCEDE", None),
    ("Japan issued an apology to China.", "CONCEDE", None),
    # COOPERATE
    ("Kenya extradited the suspect to Uganda.", "COOPERATE", None),
    ("The US turned over the suspect to Mexico.", "COOPERATE", None),
    ("India bought oil from Russia.", "COOPERATE", None),
    ("Kenya joined forces with Uganda against the rebels.", "COOPERATE", None),
    ("The US coordinated with Japan on the response.", "COOPERATE", None),
    # AID
    ("Ukraine accepted aid from Japan on Monday.", "AID", None),
    ("Jordan extended a loan to Lebanon.", "AID", None),
    ("The Paris Club wrote off Zambia's debt.", "AID", None),
    ("China sold fighter jets to Pakistan.", "AID", None),
    ("Pakistan's military rescued 10 hostages on Tuesday.", "AID", None),
    ("The UN airlifted food aid to Sudan.", "AID", None),
    ("The EU bailed out Greece in 2010.", "AID", None),
    ("Ecuador provided asylum to Assange.", "AID", None),
    ("The US delivered Patriot systems to Ukraine.", "AID", None),
    ("Germany compensated Namibia for the genocide.", "AID", None),
    # RETREAT
    ("Russia reduced its troops in Syria.", "RETREAT", "withdraw"),
    ("The US drew down its troops in Iraq.", "RETREAT", "withdraw"),
    ("Russian troops vacated the city of Kherson.", "RETREAT", "withdraw"),
    ("Armenia ceded territory to Azerbaijan.", "RETREAT", "withdraw"),
    ("Hamas freed three Israeli hostages.", "RETREAT", "release"),
    ("Iran released two French tourists on Friday.", "RETREAT", "release"),
    ("Russia and Ukraine swapped prisoners on Sunday.", "RETREAT", "release"),
    ("Hamas handed over the bodies of four hostages.", "RETREAT", "release"),
    ("Israel's release of Palestinian prisoners began on Sunday.", "RETREAT", "release"),
    ("Hamas disbanded its militia.", "RETREAT", "disarm"),
    ("Libya dismantled its nuclear program in 2003.", "RETREAT", "disarm"),
    ("Israel halted its offensive in Rafah.", "RETREAT", "ceasefire"),
    ("Israel and Hamas observed the truce on Sunday.", "RETREAT", "ceasefire"),
    ("Israel let aid trucks into Gaza.", "RETREAT", "access"),
    ("Israel unblocked the road to the hospital.", "RETREAT", "access"),
    ("Putin left office in 2008.", "RETREAT", "resign"),
    ("Japan's emperor abdicated in 2019.", "RETREAT", "resign"),
    # REQUEST
    ("The UN called for a ceasefire in Gaza.", "REQUEST", None),
    ("France called on Israel to halt the offensive.", "REQUEST", None),
    ("Zelensky implored NATO to send more jets.", "REQUEST", None),
    ("The US pushed Israel to accept the deal.", "REQUEST", None),
    ("Ukraine sought loans from the IMF.", "REQUEST", "assist"),
    ("Ukraine sought dialogue with Russia.", "REQUEST", "meet"),
    ("Greece sought an apology from Turkey.", "REQUEST", "yield"),
    ("Hamas issued an appeal to the United Nations.", "REQUEST", None),
    ("Macron renewed his call for a ceasefire.", "REQUEST", None),
]

# (sentence, a type that must not be coded)
NEGATIVE = [
    ("Biden called Putin a killer.", "CONSULT"),
    ("Russian troops flew to Syria on Monday.", "CONSULT"),
    ("Russia and Ukraine exchanged fire on Sunday.", "RETREAT"),
    ("Iran released a statement on Monday.", "RETREAT"),
    ("Russia halted gas supplies to Europe.", "RETREAT"),
    ("Apple sold 10 million iPhones in China.", "AID"),
    ("Biden spoke to reporters at the White House.", "CONSULT"),
    ("Germany approved the budget on Friday.", "SUPPORT"),
    ("Prices fell back on Monday.", "RETREAT"),
    ("Israel dropped leaflets over Gaza.", "CONCEDE"),
    ("Germany expressed concern over the Chinese drills.", "SUPPORT"),
    ("Russia showed its new missiles at the parade.", "SUPPORT"),
    ("Iran issued a warning to Israel.", "REQUEST"),
    ("Russia paid the price for the war.", "AID"),
    ("Russia trained its own troops in Belarus.", "AID"),
    ("Spielberg directed the film.", "REQUEST"),
    ("Russia pushed deeper into Ukraine.", "REQUEST"),
    ("India traded barbs with Pakistan.", "COOPERATE"),
    ("Hungary stands by its decision.", "SUPPORT"),
    ("Germany reduced its gas consumption.", "RETREAT"),
    ("The economy yielded strong results.", "CONCEDE"),
    ("Russia restored power to Crimea.", "SUPPORT"),
    ("Biden discussed the economy on Monday.", "CONSULT"),
    ("China contributed to the debate.", "AID"),
    ("Workers in France called a strike on Monday.", "REQUEST"),
    ("The US declared war on Japan.", "CONCEDE"),
]


@pytest.mark.parametrize(("text", "event_type", "mode"), POSITIVE,
                         ids=[f"{row[1]}-{i}" for i, row in enumerate(POSITIVE)])
def test_a_cooperative_form_is_coded(text: str, event_type: str, mode: str | None) -> None:
    found = [(e.type, e.mode) for e in events_of(text)]
    assert any(t == event_type and (mode is None or m == mode) for t, m in found), found


@pytest.mark.parametrize(("text", "event_type"), NEGATIVE,
                         ids=[f"not-{row[1]}-{i}" for i, row in enumerate(NEGATIVE)])
def test_another_sense_of_the_word_does_not_code(text: str, event_type: str) -> None:
    found = [(e.type, e.mode, e.predicate) for e in events_of(text)]
    assert all(t != event_type for t, _, _ in found), found


def test_a_visitor_received_by_a_host_is_the_actor() -> None:
    (event,) = [e for e in events_of("Putin received the Iranian president in Moscow.")
                if e.type == "CONSULT"]
    assert {p.code.split(".")[0] for p in event.actors if p.code} == {"IRN"}
    assert {p.code.split(".")[0] for p in event.recipients if p.code} == {"RUS"}


def test_a_purchase_has_the_seller_as_actor() -> None:
    (event,) = [e for e in events_of("India bought oil from Russia.") if e.type == "COOPERATE"]
    assert {p.code for p in event.actors} == {"RUS"}
    assert {p.code for p in event.recipients} == {"IND"}


def test_a_phone_call_lists_both_parties() -> None:
    (event,) = [e for e in events_of("Biden had a phone call with Xi on Thursday.")
                if e.type == "CONSULT"]
    assert event.mode == "phone" and event.symmetric
    assert {p.code.split(".")[0] for p in event.actors if p.code} == {"USA", "CHN"}
