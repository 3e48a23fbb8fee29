"""The conflictual event forms (data/event_forms/conflict.yaml): ACCUSE, REJECT, THREATEN,
PROTEST, SANCTION, MOBILIZE, COERCE and ASSAULT, on sentences written for these tests in
the style of wire news, with sentences where a word of the file must not code."""

from __future__ import annotations

import pytest

from tests.test_events import events_of

# (sentence, type, mode or None for any mode)
CODED = [
    # ACCUSE
    ("France decried Russia on Tuesday.", "ACCUSE", "disapprove"),
    ("The White House lambasted China over its trade practices.", "ACCUSE", "disapprove"),
    ("Turkey's foreign ministry summoned the Swedish ambassador on Monday.",
     "ACCUSE", "disapprove"),
    ("Germany hit out at Hungary over the veto.", "ACCUSE", "disapprove"),
    ("Britain took issue with Iran's claims.", "ACCUSE", "disapprove"),
    ("Egypt voiced outrage at Israel's raid.", "ACCUSE", "disapprove"),
    ("China voiced strong criticism of Japan on Monday.", "ACCUSE", "disapprove"),
    ("Turkey's criticism of Sweden angered Stockholm.", "ACCUSE", "disapprove"),
    ("Iran alleged that Israel was behind the blast.", "ACCUSE", "allege"),
    ("A Paris court tried Carlos Ghosn in absentia.", "ACCUSE", "allege"),
    ("Ukraine filed a lawsuit against Russia at the International Court of Justice.",
     "ACCUSE", "allege"),
    ("US prosecutors brought charges against Sam Bankman-Fried.", "ACCUSE", "allege"),
    ("The FBI opened an investigation into Senator Bob Menendez.", "ACCUSE", "investigate"),
    ("The European Commission launched a probe into Apple.", "ACCUSE", "investigate"),
    ("Pakistani police questioned Imran Khan on Tuesday.", "ACCUSE", "investigate"),
    # REJECT
    ("Venezuela turned down an offer of aid from the United States.", "REJECT", "assist"),
    ("China ruled out talks with Taiwan's president.", "REJECT", "meet"),
    ("Hungary blocked the EU statement on China.", "REJECT", None),
    ("The Kremlin brushed off the accusations.", "REJECT", None),
    ("Iran's veto of the plan angered Washington.", "REJECT", None),
    ("North Korea defied the United Nations by launching a missile.", "REJECT", None),
    ("Israel's refusal to allow aid angered the United Nations.", "REJECT", None),
    # THREATEN
    ("Pyongyang vowed revenge against Seoul.", "THREATEN", "violence"),
    ("Russia warned Finland on Monday.", "THREATEN", None),
    ("NATO issued an ultimatum to the Taliban.", "THREATEN", None),
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin.",
     "THREATEN", "arrest"),
    ("Iran issued a threat against Israel.", "THREATEN", None),
    ("Russia issued a warning to Finland.", "THREATEN", None),
    # PROTEST
    ("Thousands of Kenyan teachers picketed the ministry in Nairobi.", "PROTEST", "demo"),
    ("Serbian protesters burned an American flag outside the embassy in Belgrade.",
     "PROTEST", "vandalize"),
    ("French farmers set up roadblocks on highways around Paris.", "PROTEST", "obstruct"),
    ("Serbian students held a vigil outside parliament in Belgrade.", "PROTEST", "demo"),
    # SANCTION
    ("The European Union fined Google 2.4 billion euros.", "SANCTION", None),
    ("A Moscow court sentenced Alexei Navalny to 19 years in prison.", "SANCTION", "convict"),
    ("The United States froze the assets of Russian oligarchs.", "SANCTION", "discontinue"),
    ("Washington halted military aid to Kyiv.", "SANCTION", "discontinue"),
    ("The African Union suspended Niger.", "SANCTION", "expel"),
    ("Russia quit the Council of Europe.", "SANCTION", "withdraw"),
    ("Britain closed its embassy in Tehran.", "SANCTION", "withdraw"),
    ("Belarus declared the Polish consul persona non grata.", "SANCTION", "expel"),
    ("Mali kicked out the French ambassador.", "SANCTION", "expel"),
    ("Argentina downgraded diplomatic relations with Israel.", "SANCTION", "discontinue"),
    ("China slapped tariffs on Australian wine.", "SANCTION", "discontinue"),
    ("Norway divested from Israeli firms.", "SANCTION", "discontinue"),
    ("The EU's embargo on Russian oil took effect.", "SANCTION", "discontinue"),
    ("Russia's expulsion of British diplomats angered London.", "SANCTION", "expel"),
    # MOBILIZE
    ("Russia massed troops near the Ukrainian border.", "MOBILIZE", "troops"),
    ("China scrambled fighter jets near Taiwan.", "MOBILIZE", "weapons"),
    ("Iran put its forces on high alert.", "MOBILIZE", "troops"),
    ("Russia called up 300,000 reservists.", "MOBILIZE", "troops"),
    ("Greece deployed riot police to the border.", "MOBILIZE", "police"),
    ("The US flew B-52 bombers over the Korean Peninsula.", "MOBILIZE", "weapons"),
    ("North Korea conducted a missile test on Monday.", "MOBILIZE", "weapons"),
    ("China held military exercises around Taiwan.", "MOBILIZE", "troops"),
    ("North Korea's missile launch alarmed Japan.", "MOBILIZE", "weapons"),
    # COERCE
    ("Iranian police rounded up dozens of activists.", "COERCE", "arrest"),
    ("Turkish authorities cracked down on Kurdish journalists.", "COERCE", "restrict"),
    ("Egypt's crackdown on the Muslim Brotherhood continued.", "COERCE", "restrict"),
    ("Thai authorities dissolved the Move Forward party.", "COERCE", "restrict"),
    ("Bangladesh shut down the internet nationwide.", "COERCE", "censor"),
    ("Myanmar's junta declared martial law in Yangon.", "COERCE", "martial-law"),
    ("Sri Lanka's president declared a state of emergency.", "COERCE", "martial-law"),
    ("Kenyan police dispersed protesters in Nairobi with tear gas.", "COERCE", "restrict"),
    ("Israeli forces sealed off the town of Jenin.", "COERCE", "restrict"),
    ("Iranian commandos boarded a Greek tanker.", "COERCE", "seize"),
    ("Russian hackers breached the Pentagon's network.", "COERCE", "cyber"),
    ("Israel cut off electricity to Gaza.", "COERCE", "withhold"),
    ("China spread disinformation about Taiwan.", "COERCE", "misinformation"),
    ("Russia launched a cyberattack on Estonia.", "COERCE", "cyber"),
    ("Israel's detention of Palestinian activists angered Ramallah.", "COERCE", "arrest"),
    ("Russia's annexation of Crimea angered Kyiv.", "COERCE", "seize"),
    # ASSAULT
    ("Kenyan police fired tear gas at protesters in Nairobi.", "ASSAULT", "crowd-control"),
    ("French police used water cannon against protesters in Paris.",
     "ASSAULT", "crowd-control"),
    ("Israeli jets hit Hezbollah positions in southern Lebanon.", "ASSAULT", None),
    ("Israel carried out a drone strike in Lebanon.", "ASSAULT", "drone"),
    ("An Israeli air strike killed three Hezbollah fighters.", "ASSAULT", "aerial"),
    ("Ukraine downed a Russian Su-34 jet.", "ASSAULT", "aerial"),
    ("Houthi rebels hijacked a cargo ship in the Red Sea.", "ASSAULT", "abduct"),
    ("Ukrainian forces captured Russian soldiers near Bakhmut.", "ASSAULT", "abduct"),
    ("Taliban gunmen gunned down a Pakistani journalist.", "ASSAULT", "firearms"),
    ("Hamas militants took 240 hostages.", "ASSAULT", "abduct"),
    ("Islamic State militants beheaded a Japanese journalist.", "ASSAULT", "targeted"),
    ("A Taliban suicide bomber blew himself up in Kabul.", "ASSAULT", "suicide-attack"),
    ("Al-Shabaab militants detonated a car bomb in Mogadishu.", "ASSAULT", "explosives"),
    ("Palestinian youths threw stones at Israeli soldiers.", "ASSAULT", "primitive"),
    ("The Syrian army used chemical weapons against civilians.", "ASSAULT", "unconventional"),
    ("Chinese coast guard ships rammed a Philippine vessel.", "ASSAULT", None),
    ("Israeli troops exchanged fire with Hezbollah fighters.", "ASSAULT", "firearms"),
    ("Russian forces overran the Ukrainian town of Avdiivka.", "ASSAULT", None),
    ("Russian shelling of Kherson killed two people.", "ASSAULT", "heavy-weapons"),
    ("The Israeli bombardment of Gaza continued.", "ASSAULT", None),
    ("Hamas's kidnapping of Israeli civilians shocked the world.", "ASSAULT", "abduct"),
    ("Russia's incursion into Ukraine began in February.", "ASSAULT", None),
    ("Russian artillery pounded Ukrainian positions near Bakhmut.", "ASSAULT", None),
]

# (sentence, a type that must not be coded): the same words in their other senses
NOT_CODED = [
    ("The storm hit the coast of Florida.", "ASSAULT"),
    ("Typhoon Haiyan hit the Philippines.", "ASSAULT"),
    ("Hurricane Ian pounded the city.", "ASSAULT"),
    ("Inflation hit a record in Turkey.", "ASSAULT"),
    ("China's exports hit a record high.", "ASSAULT"),
    ("Boeing halted deliveries of the 737 Max.", "SANCTION"),
    ("Russia's central bank froze interest rates.", "SANCTION"),
    ("The company cancelled its order with Airbus.", "SANCTION"),
    ("Google shut down its office in Beijing.", "COERCE"),
    ("The airline moved its planes to Dubai.", "MOBILIZE"),
    ("Apple tested a new chip in California.", "MOBILIZE"),
    ("Israel's army scrambled to respond.", "MOBILIZE"),
    ("Trump took over the Republican Party.", "ASSAULT"),
    ("Analysts questioned the decision by Germany.", "ACCUSE"),
    ("The European Commission expressed concern over China's trade practices.", "ACCUSE"),
    ("Biden clashed with Trump over immigration.", "ASSAULT"),
    ("Democrats battled Republicans over the budget.", "ASSAULT"),
    ("Germany's chancellor set off for Paris.", "ASSAULT"),
    ("Japan's prime minister put forward a new plan.", "MOBILIZE"),
    ("Peru's president burned the midnight oil.", "PROTEST"),
    ("Macron engaged in talks with Scholz.", "ASSAULT"),
    ("The ministry declared a public holiday.", "COERCE"),
    ("Cuba lifted the embargo on US goods.", "SANCTION"),
    ("Brazil denied that it supplied weapons to Bolivia.", "REJECT"),
]


@pytest.mark.parametrize(("text", "event_type", "mode"), CODED, ids=[c[0][:40] for c in CODED])
def test_conflict_forms_code(text: str, event_type: str, mode: str | None) -> None:
    found = [e for e in events_of(text) if e.type == event_type]
    assert found, [(e.type, e.mode, e.predicate) for e in events_of(text)]
    if mode is not None:
        assert mode in {e.mode for e in found}, [(e.type, e.mode, e.predicate) for e in found]
    assert all(e.actors for e in found)


@pytest.mark.parametrize(("text", "event_type"), NOT_CODED,
                         ids=[c[0][:40] for c in NOT_CODED])
def test_other_senses_do_not_code(text: str, event_type: str) -> None:
    assert not [e for e in events_of(text) if e.type == event_type], \
        [(e.type, e.mode, e.predicate) for e in events_of(text)]
