"""The TimeML scorer: exact figures on a hand-made file, and a smoke run on the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.matching import canonical_value
from newsgraph.eval.timeml import read_timeml, score_timeml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Six gold expressions; the tagger finds six (published 2024-03-14):
#   Wednesday        gold = system span, same value         strict, relaxed, value
#   last year        same span, gold 2023-Q4 vs system 2023  strict, relaxed, wrong value
#   the next two years  same span, P2Y                       strict, relaxed, value
#   1990             system "early 1990", value 1990         relaxed only, value
#   now              same span, PRESENT_REF                  strict, relaxed, value
#   a while          not found                               miss
#   system "daily"   no gold                                 spurious
DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>hand</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-14" functionInDocument="CREATION_TIME">\
2024-03-14</TIMEX3></DCT>
<TEXT>
The minister <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="2024-03-13">Wednesday</TIMEX3> that exports <EVENT eid="e2" class="OCCURRENCE">fell\
</EVENT> <TIMEX3 tid="t2" type="DATE" value="2023-Q4">last year</TIMEX3> and would recover \
<SIGNAL sid="s1">over</SIGNAL> <TIMEX3 tid="t3" type="DURATION" value="P2Y">the next two years\
</TIMEX3>. The plant opened in early <TIMEX3 tid="t4" type="DATE" value="1990">1990</TIMEX3> \
and <TIMEX3 tid="t5" type="DATE" value="PRESENT_REF">now</TIMEX3> employs 300 people; it has \
been idle for <TIMEX3 tid="t6" type="DURATION" value="PXX">a while</TIMEX3>, and the agency \
reports daily.
</TEXT>
</TimeML>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    part = tmp_path / "Hand"
    part.mkdir()
    (part / "doc.tml").write_text(DOC, encoding="utf-8")
    return tmp_path


def test_reading_strips_tags_and_keeps_gold_offsets(corpus: Path) -> None:
    doc = read_timeml(corpus / "Hand" / "doc.tml", "Hand")
    assert doc.dct == "2024-03-14"
    assert "<" not in doc.text and "said Wednesday that" in doc.text
    assert [doc.text[s:e] for s, e, _, _ in doc.gold] == [
        "Wednesday", "last year", "the next two years", "1990", "now", "a while"
    ]
    assert doc.gold[2][2:] == ("DURATION", "P2Y")


def test_scores_on_a_hand_made_file(corpus: Path) -> None:
    result = score_timeml(corpus, baseline=False)
    assert (result["files"], result["gold_timexes"], result["system_timexes"]) == (1, 6, 6)
    assert result["strict_precision"] == pytest.approx(4 / 6)
    assert result["strict_recall"] == pytest.approx(4 / 6)
    assert result["strict_f1"] == pytest.approx(4 / 6)
    assert result["relaxed_precision"] == pytest.approx(5 / 6)
    assert result["relaxed_recall"] == pytest.approx(5 / 6)
    assert result["relaxed_f1"] == pytest.approx(5 / 6)
    assert result["value_accuracy"] == pytest.approx(4 / 5)
    assert result["value_f1"] == pytest.approx(4 / 6)
    assert set(result["parts"]) == {"Hand"}
    assert result["parts"]["Hand"]["relaxed_f1"] == pytest.approx(5 / 6)
    misses = {(e["gold_text"], e["system_text"]) for e in result["errors"]}
    assert misses == {("last year", "last year"), ("a while", None), (None, "daily")}
    assert "baseline" not in result


def test_the_dateparser_baseline_is_scored_alongside(corpus: Path) -> None:
    result = score_timeml(corpus)
    baseline = result["baseline"]
    assert baseline["gold_timexes"] == 6
    assert set(baseline["parts"]) == {"Hand"}
    assert 0.0 <= baseline["value_f1"] <= 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("194X", "194"),
        ("19XX", "19"),
        ("1997-XX-XX", "1997"),
        ("2023-07-26TMO", "2023-07-26"),
        ("1989-11-06T17", "1989-11-06T17:00"),
        ("2000-W7", "2000-W07"),
        ("2023-W30", "2023-07-24/2023-07-30"),
        ("P1E", "P10Y"),
        ("P2Q", "P6M"),
        ("PXE", "PXY"),
    ],
)
def test_canonical_values(a: str, b: str) -> None:
    assert canonical_value(a) == canonical_value(b)


def test_canonical_values_keep_real_differences() -> None:
    assert canonical_value("2023") != canonical_value("2023-Q4")
    assert canonical_value("PRESENT_REF") != canonical_value("PAST_REF")
    assert canonical_value("P1D") != canonical_value("PT24H")


def test_on_the_shared_timebank_sample() -> None:
    directory = SHARED / "data" / "temporal" / "timebank_aquaint"
    if not directory.is_dir():
        pytest.skip(f"shared TimeML corpus not found at {directory}")
    result = score_timeml(directory, baseline=False, limit=12)
    assert result["files"] == 12
    assert set(result["parts"]) <= {"TimeBank", "AQUAINT"}
    assert result["relaxed_f1"] > 0.8
    assert result["value_f1"] > 0.65
    assert len(result["errors"]) <= 50
