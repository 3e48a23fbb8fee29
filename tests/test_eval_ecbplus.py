"""The ECB+ scorer: clustering metrics on hand-computed cases, the reader on a tiny invented
ECB+ folder, scoring with a fake linker, and the shape of the real corpus when it is there."""

from __future__ import annotations

import itertools
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from newsgraph.eval import SCORERS, ScorerError
from newsgraph.eval.clusters import b_cubed, ceaf_e, conll_f1, linear_assignment_max, muc, pairwise
from newsgraph.eval.ecbplus import (
    EcbDocument,
    SystemOutput,
    align_events,
    blind,
    read_ecbplus,
    score_ecbplus,
)
from newsgraph.eval.split import SPLITS, is_validation
from tests.conftest import shared_path

# -- metrics ------------------------------------------------------------------------------------

GOLD = {1: "A", 2: "A", 3: "A", 4: "B", 5: "B"}


def close(scores: tuple[float, ...], expected: tuple[float, ...]) -> bool:
    return all(a == pytest.approx(b) for a, b in zip(scores, expected, strict=True))


def test_mixed_clustering_hand_computed() -> None:
    # system {1,2} {3,4,5}: worked out item by item / pair by pair / chain by chain
    system = {1: "X", 2: "X", 3: "Y", 4: "Y", 5: "Y"}
    assert close(b_cubed(GOLD, system), (11 / 15, 11 / 15, 11 / 15))
    assert close(pairwise(GOLD, system), (2 / 4, 2 / 4, 1 / 2))
    assert close(muc(GOLD, system), (2 / 3, 2 / 3, 2 / 3))
    # phi4(A,X) = 0.8, phi4(B,Y) = 0.8 beats phi4(A,Y) + phi4(B,X) = 1/3
    assert close(ceaf_e(GOLD, system), (0.8, 0.8, 0.8))
    assert conll_f1(GOLD, system) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_perfect_clustering_whatever_the_labels() -> None:
    system = {1: "p", 2: "p", 3: "p", 4: "q", 5: "q"}
    for metric in (b_cubed, pairwise, muc, ceaf_e):
        assert close(metric(GOLD, system), (1.0, 1.0, 1.0))
    assert conll_f1(GOLD, system) == pytest.approx(1.0)


def test_all_singletons() -> None:
    system = {i: f"s{i}" for i in GOLD}
    # B3 recall: three items at 1/3, two at 1/2
    assert close(b_cubed(GOLD, system), (1.0, 2 / 5, 4 / 7))
    # no system pair or link: empty denominators give 0, as the reference scorer does
    assert close(pairwise(GOLD, system), (0.0, 0.0, 0.0))
    assert close(muc(GOLD, system), (0.0, 0.0, 0.0))
    # best: A with a singleton (2/4) + B with another (2/3) = 7/6 over 5 system, 2 gold
    assert close(ceaf_e(GOLD, system), (7 / 30, 7 / 12, 1 / 3))
    assert conll_f1(GOLD, system) == pytest.approx((0 + 4 / 7 + 1 / 3) / 3)


def test_all_in_one() -> None:
    system = dict.fromkeys(GOLD, "Z")
    assert close(b_cubed(GOLD, system), (13 / 25, 1.0, 13 / 19))
    assert close(pairwise(GOLD, system), (4 / 10, 1.0, 4 / 7))
    assert close(muc(GOLD, system), (3 / 4, 1.0, 6 / 7))
    # only A aligns with Z: phi4 = 6/8
    assert close(ceaf_e(GOLD, system), (0.75, 0.375, 0.5))
    assert conll_f1(GOLD, system) == pytest.approx((6 / 7 + 13 / 19 + 0.5) / 3)


def test_singleton_gold_chains_give_muc_zero_but_b3_one() -> None:
    gold = {1: "a", 2: "b"}
    assert close(muc(gold, gold), (0.0, 0.0, 0.0))
    assert close(b_cubed(gold, gold), (1.0, 1.0, 1.0))
    assert close(ceaf_e(gold, gold), (1.0, 1.0, 1.0))


def test_missing_and_extra_system_items() -> None:
    gold = {1: "A", 2: "A", 3: "B"}
    # 3 missing: a singleton in the system (here, rightly); 9 is not gold: ignored
    system = {1: "X", 2: "X", 9: "X"}
    for metric in (b_cubed, pairwise, muc, ceaf_e):
        assert close(metric(gold, system), (1.0, 1.0, 1.0))
    # 2 missing: split from 1
    assert close(b_cubed(gold, {1: "X", 3: "Y"}), (1.0, (1 / 2 + 1 / 2 + 1) / 3, 0.8))


def test_empty_gold_scores_zero() -> None:
    for metric in (b_cubed, pairwise, muc, ceaf_e):
        assert metric({}, {1: "x"}) == (0.0, 0.0, 0.0)


def test_assignment_is_optimal_not_greedy() -> None:
    # greedy takes 0.9 then 0.1; the optimum is 0.8 + 0.8
    assert linear_assignment_max(np.array([[0.9, 0.8], [0.8, 0.1]])) == [(0, 1), (1, 0)]


@pytest.mark.parametrize("shape", [(1, 1), (3, 3), (2, 4), (4, 2), (5, 5), (3, 6)])
def test_assignment_matches_brute_force(shape: tuple[int, int]) -> None:
    rng = random.Random(sum(shape))
    for _ in range(20):
        weights = np.array([[rng.choice([0, 0.25, 0.5, rng.random()]) for _ in range(shape[1])]
                            for _ in range(shape[0])])
        pairs = linear_assignment_max(weights)
        assert len(pairs) == min(shape)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == min(shape)
        rows, cols = shape
        if rows <= cols:
            best = max(sum(weights[r, c] for r, c in enumerate(p))
                       for p in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(weights[r, c] for c, r in enumerate(p))
                       for p in itertools.permutations(range(rows), cols))
        assert sum(weights[r, c] for r, c in pairs) == pytest.approx(best)


def test_alignment_is_one_to_one_largest_overlap_first() -> None:
    document = EcbDocument("d", "t", "t_ecb", "x" * 20,
                           event_mentions=[(0, 5, "a"), (6, 10, "b"), (15, 18, "c")])
    system = [(0, 10, "s0"), (7, 9, "s1"), (18, 20, "s2")]  # s2 only touches c's end
    assert align_events(document, system) == {0: 0, 1: 1}


# -- a tiny ECB+ folder ---------------------------------------------------------------------------


def write_ecb(path: Path, sentences: list[str], events: list[tuple[str, str, list[int]]],
              instances: list[tuple[str, str, str]],
              relations: list[tuple[str, list[str], str]]) -> None:
    """An ECB+-format file: sentences (tokens split on spaces, numbered from 0), markables
    (tag, m_id, token ids), instance markables (tag, m_id, instance_id or "" for none) and
    relations (CROSS_DOC_COREF / INTRA_DOC_COREF, source m_ids, target m_id)."""
    root = ET.Element("Document", doc_name=path.name, doc_id=f"DOC{path.stem}")
    t_id = 0
    for number, sentence in enumerate(sentences):
        for position, word in enumerate(sentence.split(" ")):
            t_id += 1
            token = ET.SubElement(root, "token", t_id=str(t_id), sentence=str(number),
                                  number=str(position))
            token.text = word
    markables = ET.SubElement(root, "Markables")
    for tag, m_id, anchors in events:
        markable = ET.SubElement(markables, tag, m_id=m_id)
        for anchor in anchors:
            ET.SubElement(markable, "token_anchor", t_id=str(anchor))
    for tag, m_id, instance in instances:
        attributes = {"m_id": m_id, "RELATED_TO": "", "TAG_DESCRIPTOR": f"desc_{m_id}"}
        if instance:
            attributes["instance_id"] = instance
        ET.SubElement(markables, tag, attributes)
    relations_element = ET.SubElement(root, "Relations")
    for r_id, (kind, sources, target) in enumerate(relations, start=1):
        relation = ET.SubElement(relations_element, kind, r_id=str(r_id))
        for source in sources:
            ET.SubElement(relation, "source", m_id=source)
        ET.SubElement(relation, "target", m_id=target)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8")


URL = "http : / / news . example / story"


@pytest.fixture
def ecb_dir(tmp_path: Path) -> Path:
    """Two topics (an earthquake, an election) of two sub-topics each (Avalon / Brindle,
    Lind / Ode), invented."""
    root = tmp_path / "ecb"
    cross = "CROSS_DOC_COREF"
    write_ecb(
        root / "1" / "1_1ecb.xml",
        ["A strong earthquake struck Avalon on Monday .",  # t1-8
         "Officials said the quake did n't cause damage ."],  # t9-17
        [("ACTION_OCCURRENCE", "1", [4]), ("ACTION_OCCURRENCE", "2", [12]),
         ("ACTION_REPORTING", "3", [10]), ("NEG_ACTION_OCCURRENCE", "4", [15]),
         ("HUMAN_PART_PER", "5", [9])],
        [("ACTION_OCCURRENCE", "10", "ACT_AVALON"), ("HUMAN_PART_PER", "11", "HUM_OFF")],
        [(cross, ["1", "2"], "10"), (cross, ["5"], "11")],
    )
    write_ecb(
        root / "1" / "1_2ecb.xml",
        ["The Avalon earthquake killed nobody .",  # t1-6
         "Residents felt the tremor and the shaking ."],  # t7-14
        [("ACTION_OCCURRENCE", "1", [3]), ("ACTION_PERCEPTION", "2", [8]),
         ("ACTION_OCCURRENCE", "3", [10]), ("ACTION_OCCURRENCE", "4", [13])],
        [("ACTION_OCCURRENCE", "10", "ACT_AVALON"), ("UNKNOWN_INSTANCE_TAG", "11", "")],
        [(cross, ["1"], "10"), ("INTRA_DOC_COREF", ["3", "4"], "11")],
    )
    write_ecb(
        root / "1" / "1_1ecbplus.xml",
        [URL,  # t1-9
         "An earthquake hit Brindle ( a port town ) on Friday .",  # t10-21
         "It was the worst quake in years .",  # t22-29
         "Unlisted sentence : rescuers searched ."],  # t30-35
        [("ACTION_OCCURRENCE", "1", [12]), ("ACTION_OCCURRENCE", "2", [26]),
         ("ACTION_OCCURRENCE", "3", [34])],
        [("ACTION_OCCURRENCE", "10", "ACT_BRINDLE")],
        [(cross, ["1", "2"], "10")],
    )
    write_ecb(
        root / "2" / "2_1ecb.xml",
        ["Voters elected Mara Lind as mayor ."],  # t1-7
        [("ACTION_OCCURRENCE", "1", [2, 5])],  # "elected ... as", not contiguous
        [("ACTION_OCCURRENCE", "10", "ACT_LIND")],
        [(cross, ["1"], "10")],
    )
    write_ecb(
        root / "2" / "2_1ecbplus.xml",
        [URL, 'Tom Ode \'s win surprised " everyone " .'],  # t1-9, t10-17
        [("ACTION_OCCURRENCE", "1", [13]), ("ACTION_STATE", "2", [14])],
        [("ACTION_OCCURRENCE", "10", "ACT_ODE")],
        [(cross, ["1"], "10")],
    )
    rows = ["Topic,File,Sentence Number", "1,1ecb,0", "1,1ecb,1", "1,2ecb,0", "1,2ecb,1",
            "1,1ecbplus,1", "1,1ecbplus,2", "2,1ecb,0", "2,1ecbplus,1"]
    (root / "ECBplus_coreference_sentences.csv").write_text("\n".join(rows) + "\n")
    return root


def mention_texts(document: EcbDocument) -> list[tuple[str, str]]:
    return [(document.text[start:end], chain) for start, end, chain in document.event_mentions]


def test_reader_documents_topics_and_text(ecb_dir: Path) -> None:
    documents = read_ecbplus(ecb_dir)
    assert [(d.id, d.topic, d.subtopic) for d in documents] == [
        ("1_1ecb", "1", "1_ecb"), ("1_2ecb", "1", "1_ecb"), ("1_1ecbplus", "1", "1_ecbplus"),
        ("2_1ecb", "2", "2_ecb"), ("2_1ecbplus", "2", "2_ecbplus"),
    ]
    by_id = {d.id: d for d in documents}
    assert by_id["1_1ecb"].text == (
        "A strong earthquake struck Avalon on Monday.\nOfficials said the quake didn't cause"
        " damage.")
    # the URL line (sentence 0 of an ecbplus file) is left out
    assert by_id["1_1ecbplus"].text == (
        "An earthquake hit Brindle (a port town) on Friday.\nIt was the worst quake in years."
        "\nUnlisted sentence: rescuers searched.")
    assert by_id["2_1ecbplus"].text == 'Tom Ode\'s win surprised "everyone".'
    for document in documents:
        for token in document.tokens:
            assert " " not in document.text[token.start:token.end]
        assert "http" not in document.text


def test_reader_event_mentions_and_chains(ecb_dir: Path) -> None:
    by_id = {d.id: d for d in read_ecbplus(ecb_dir)}
    assert mention_texts(by_id["1_1ecb"]) == [
        ("struck", "ACT_AVALON"), ("said", "1_1ecb/m3"), ("quake", "ACT_AVALON"),
        ("cause", "1_1ecb/m4"),  # NEG_ACTION kept, the HUMAN_PART_PER one is not an event
    ]
    assert mention_texts(by_id["1_2ecb"]) == [
        ("earthquake", "ACT_AVALON"), ("felt", "1_2ecb/m2"),
        ("tremor", "1_2ecb/intra2"), ("shaking", "1_2ecb/intra2"),  # one in-document chain
    ]
    # "searched" is outside the listed sentences
    assert mention_texts(by_id["1_1ecbplus"]) == [("hit", "ACT_BRINDLE"),
                                                  ("quake", "ACT_BRINDLE")]
    assert mention_texts(by_id["2_1ecb"]) == [("elected Mara Lind as", "ACT_LIND")]
    assert mention_texts(by_id["2_1ecbplus"]) == [("win", "ACT_ODE"),
                                                  ("surprised", "2_1ecbplus/m2")]
    plus = by_id["1_1ecbplus"]
    assert [plus.text[a:b] for a, b in plus.scored_spans] == [
        "An earthquake hit Brindle (a port town) on Friday.", "It was the worst quake in years."]


def test_reader_without_sentence_list_keeps_every_mention(ecb_dir: Path) -> None:
    (ecb_dir / "ECBplus_coreference_sentences.csv").unlink()
    by_id = {d.id: d for d in read_ecbplus(ecb_dir)}
    assert [t for t, _ in mention_texts(by_id["1_1ecbplus"])] == ["hit", "quake", "searched"]
    assert len(by_id["1_1ecbplus"].scored_spans) == 3


def test_reader_limit_topics(ecb_dir: Path) -> None:
    assert {d.topic for d in read_ecbplus(ecb_dir, limit_topics=1)} == {"1"}


def fake_linker(documents: list[EcbDocument]) -> SystemOutput:
    """Reads only the text: stories by place name, both elections in one story (a mistake);
    events by trigger word, the tremor merged with the earthquake (another)."""
    output = SystemOutput()
    for document in documents:
        text = document.text
        story = ("avalon" if "Avalon" in text else "brindle" if "Brindle" in text
                 else "election")
        output.stories[document.id] = story
        for match in re.finditer(r"\b(struck|quake|earthquake|hit|tremor|shaking|searched|"
                                 r"elected|win)\b", text):
            kind = {"searched": "search", "elected": "win", "win": "win"}.get(
                match.group(), "quake")
            output.events.append((document.id, match.start(), match.end(), f"{story}-{kind}"))
    return output


def test_score_with_a_fake_linker(ecb_dir: Path) -> None:
    result = score_ecbplus(ecb_dir, fake_linker)
    assert (result["documents"], result["topics"], result["subtopics"]) == (5, 2, 4)
    subtopic = result["subtopic"]
    # stories {1_1ecb, 1_2ecb} {1_1ecbplus} {2_1ecb, 2_1ecbplus}
    assert subtopic["b3_precision"] == pytest.approx(4 / 5)
    assert subtopic["b3_recall"] == pytest.approx(1.0)
    assert subtopic["b3_f1"] == pytest.approx(8 / 9)
    assert subtopic["pairwise_precision"] == pytest.approx(1 / 2)
    assert subtopic["pairwise_recall"] == pytest.approx(1.0)
    assert subtopic["pairwise_f1"] == pytest.approx(2 / 3)
    assert result["topic"]["b3_f1"] == pytest.approx(11 / 13)
    assert result["topic"]["pairwise_f1"] == pytest.approx(2 / 3)
    singletons = result["baseline"]["singletons"]
    assert singletons["b3_f1"] == pytest.approx(8 / 9)
    assert singletons["pairwise_f1"] == 0.0

    events = result["events"]
    # 13 gold mentions; aligned: struck quake | earthquake tremor shaking | hit quake |
    # elected | win. The two other "earthquake"s are not gold; "searched" is in no listed
    # sentence, so it counts nowhere.
    assert (events["gold_mentions"], events["aligned"], events["system_mentions"]) == (13, 9, 11)
    assert events["alignment_rate"] == pytest.approx(9 / 13)
    assert events["mention_precision"] == pytest.approx(9 / 11)
    assert (events["gold_chains"], events["aligned_gold_chains"]) == (9, 5)
    # gold AVALON(3) INTRA(2) BRINDLE(2) LIND(1) ODE(1); system avalon(5) brindle(2) win(2)
    assert events["muc_f1"] == pytest.approx(4 / 5)
    assert events["b3_f1"] == pytest.approx(56 / 73)
    assert events["ceaf_e_f1"] == pytest.approx(29 / 48)
    assert events["conll_f1"] == pytest.approx((4 / 5 + 56 / 73 + 29 / 48) / 3)
    # blinding changes nothing for a linker that reads only the text
    assert score_ecbplus(ecb_dir, fake_linker, blinded=False) == result


def test_the_linker_sees_blinded_documents(ecb_dir: Path) -> None:
    seen: list[EcbDocument] = []

    def spy(documents: list[EcbDocument]) -> SystemOutput:
        seen.extend(documents)
        return SystemOutput()

    result = score_ecbplus(ecb_dir, spy)
    assert len(seen) == 5
    assert all(d.topic == d.subtopic == "" and not d.event_mentions and not d.tokens
               for d in seen)
    assert not {d.id for d in seen} & {d.id for d in read_ecbplus(ecb_dir)}
    # saying nothing: singleton stories, nothing aligned
    assert result["subtopic"] == result["baseline"]["singletons"]
    assert result["events"]["aligned"] == 0
    assert result["events"]["conll_f1"] == 0.0


def test_blind_is_repeatable(ecb_dir: Path) -> None:
    documents = read_ecbplus(ecb_dir)
    assert blind(documents) == blind(documents)
    copies, back = blind(documents)
    assert sorted(back.values()) == sorted(d.id for d in documents)
    assert {c.text for c in copies} == {d.text for d in documents}


def test_split_keeps_each_topic_whole_and_limits_topics_within_the_part(
        ecb_dir: Path) -> None:
    # a third topic, "6", on the validation side (topics 1 and 2 are on the tuning side)
    for name in ("6_1ecb", "6_2ecb"):
        write_ecb(ecb_dir / "6" / f"{name}.xml", ["A ferry sank off Corla on Sunday ."],
                  [("ACTION_OCCURRENCE", "1", [3])], [], [])
    topics = {split: [(d.topic, d.id) for d in read_ecbplus(ecb_dir, split=split)]
              for split in SPLITS}
    assert topics["tune"] and topics["validate"]
    assert not set(topics["tune"]) & set(topics["validate"])
    assert sorted(topics["tune"] + topics["validate"]) == sorted(topics["all"])
    assert all(is_validation(topic) for topic, _ in topics["validate"])
    assert all(not is_validation(topic) for topic, _ in topics["tune"])
    assert {d.topic for d in read_ecbplus(ecb_dir, limit_topics=1, split="tune")} == {"1"}
    result = score_ecbplus(ecb_dir, fake_linker, split="validate")
    assert result["split"] == "validate"
    assert (result["documents"], result["topics"]) == (len(topics["validate"]), 1)
    # the baseline over the part's documents only: two singletons against their one sub-topic
    assert result["baseline"]["singletons"]["b3_f1"] == pytest.approx(2 / 3)


def test_scorer_arguments(ecb_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ScorerError, match="usage"):
        SCORERS["ecbplus"]([])
    with pytest.raises(ScorerError, match="LIMIT_TOPICS"):
        SCORERS["ecbplus"]([str(ecb_dir), "x"])
    with pytest.raises(ScorerError, match="no ECB"):
        SCORERS["ecbplus"]([str(tmp_path / "missing")])


# -- the real corpus ------------------------------------------------------------------------------


def test_real_ecbplus_shape() -> None:
    directory = shared_path("data/coref/ecbplus_topics_1_35")
    documents = read_ecbplus(directory)
    assert len(documents) == 772
    assert len({d.topic for d in documents}) == 33
    subtopics = {d.subtopic for d in documents}
    assert len(subtopics) == 66
    assert all(s == f"{d.topic}_ecb" or s == f"{d.topic}_ecbplus"
               for d in documents for s in [d.subtopic])
    # the sentence-restricted gold, as counted in the literature (train + dev topics)
    assert sum(len(d.event_mentions) for d in documents) == 5053
    for document in documents:
        path = directory / document.topic / f"{document.id}.xml"
        words = {int(t.get("t_id", "0")): t.text or ""
                 for t in ET.parse(path).getroot().iter("token")}
        starts = {t.start: t for t in document.tokens}
        ends = {t.end: t for t in document.tokens}
        for token in document.tokens:
            assert document.text[token.start:token.end] == words[token.t_id]
        for start, end, chain in document.event_mentions:
            assert chain
            assert 0 <= start < end <= len(document.text)
            assert start in starts and end in ends
            inside = [t for t in document.tokens if start <= t.start and t.end <= end]
            assert document.text[start:end].replace(" ", "") == "".join(
                words[t.t_id] for t in inside)
