"""The TimeML scorer: exact figures on a hand-made file, a smoke run on the shared corpus, the
blind split, and the blind test of publication dates (--hide-dct)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.eval import ScorerError
from newsgraph.eval.matching import canonical_value
from newsgraph.eval.split import is_validation, select
from newsgraph.eval.timeml import article_spans, read_timeml, score_hidden_dct, score_timeml
from newsgraph.model import Article, TimeExpr
from tests.conftest import shared_path

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


def test_a_missing_dateparser_is_a_scorer_error_before_any_scoring(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dateparser", None)
    monkeypatch.setitem(sys.modules, "dateparser.search", None)
    with pytest.raises(ScorerError, match=r"needs dateparser.*newsgraph\[dev\]"):
        score_timeml(corpus)
    assert score_timeml(corpus, baseline=False)["gold_timexes"] == 6
    result = CliRunner().invoke(main, ["eval", "timeml", str(corpus)])
    assert result.exit_code == 1 and "needs dateparser" in result.output


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


def test_the_split_is_deterministic_and_about_a_third() -> None:
    names = [f"doc{i:04d}.tml" for i in range(3000)]
    validate = [name for name in names if is_validation(name)]
    assert validate == [name for name in names if is_validation(name)]
    assert 0.3 < len(validate) / len(names) < 0.37


def test_tune_and_validate_are_disjoint_and_make_all() -> None:
    names = [f"APW{i}.tml" for i in range(300)]
    tune, validate = select(names, str, "tune"), select(names, str, "validate")
    assert tune and validate and not set(tune) & set(validate)
    assert sorted(tune + validate) == sorted(select(names, str, "all")) == sorted(names)
    with pytest.raises(ValueError, match="unknown split 'test'"):
        select(names, str, "test")


def test_eval_timeml_scores_only_the_split_asked_for() -> None:
    directory = shared_path("data/temporal/timebank_aquaint")
    whole = _eval(str(directory))
    part = _eval(str(directory), "--split", "validate")
    assert (whole["split"], part["split"]) == ("all", "validate")
    assert 0 < part["files"] < whole["files"]
    assert part["files"] == len(select(list(directory.rglob("*.tml")), lambda p: p.name,
                                       "validate"))


def _timeml(dct: str, text: str) -> str:
    return (f'<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" '
            f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>\n{text}\n</TEXT>\n'
            "</TimeML>\n")


UNDATED = {
    "dateline.tml": ("1998-03-03", "WASHINGTON, March 3, 1998 (AP) -- The Senate voted "
                     '<TIMEX3 tid="t1" type="DATE" value="1998-03-03">Tuesday</TIMEX3> to approve '
                     "a new budget for the Pentagon, officials said. Senator John Smith of Ohio "
                     "said the vote in Washington would stand."),
    "weekday.tml": ("1998-03-04", "Senator John Smith of Ohio said "
                    '<TIMEX3 tid="t1" type="DATE" value="1998-03-04">Wednesday</TIMEX3> that the '
                    "Senate would send the Pentagon budget to the White House in Washington."),
    "explicit.tml": ("2001-05-14", "The company reported on "
                     '<TIMEX3 tid="t1" type="DATE" value="2001-05-10">May 10, 2001</TIMEX3> that '
                     "its profits had risen sharply, and its shares rose in early trading."),
    "nothing.tml": ("1999-07-01", "Farmers in the valley are worried about the weather, and "
                    "officials said the talks on water rights would continue."),
}


def test_hide_dct_dates_the_files_from_their_text_alone(tmp_path: Path) -> None:
    for name, (dct, text) in UNDATED.items():
        (tmp_path / name).write_text(_timeml(dct, text), encoding="utf-8")
    result = _eval(str(tmp_path), "--hide-dct")
    dates = result["publication_date"]
    assert result["split"] == "all" and dates["files"] == 4
    for name in ("day_accuracy", "month_accuracy", "wrong_rate", "unknown_rate"):
        assert 0.0 <= dates[name] <= 1.0
    assert dates["unknown_rate"] >= 1 / 4  # nothing dates nothing.tml
    rows = dates["by_confidence"]
    assert list(rows) == [">=0.9", ">=0.7", ">=0.5", ">=0.3", ">0"]
    assert all(row["wrong"] <= row["files"] <= dates["files"] for row in rows.values())
    assert result["gold_timexes"] == 3 and 0.0 <= result["value_f1"] <= 1.0
    assert all(error["file"] in UNDATED for error in result["errors"])


def test_hide_dct_dates_a_file_whose_dateline_states_its_day(tmp_path: Path) -> None:
    dct, text = UNDATED["dateline.tml"]
    (tmp_path / "dateline.tml").write_text(_timeml(dct, text), encoding="utf-8")
    dates = score_hidden_dct(tmp_path)["publication_date"]
    assert (dates["files"], dates["day_accuracy"], dates["wrong_rate"]) == (1, 1.0, 0.0)


def test_system_expressions_are_placed_back_where_cleaning_moved_them() -> None:
    text = "\nEXPORTS FALL\n\nExports fell on Friday, and again on Friday."
    body = text.split("\n")[-1]  # the cleaner took the headline off
    timexes = [TimeExpr(at, at + 6, "Friday", "DATE", "XXXX-WXX-5")
               for at in (body.index("Friday"), body.rindex("Friday"))]
    article = Article(id="a", source="a.tml", format="txt", markup="text", raw=text,
                      raw_sha256="", body=body, timexes=timexes)
    spans = article_spans(article, text)
    assert [start for start, _, _, _ in spans] == [text.index("Friday"), text.rindex("Friday")]
    assert {text[start:end] for start, end, _, _ in spans} == {"Friday"}


def test_hide_dct_is_only_for_timeml(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["eval", "gum", str(tmp_path), "--hide-dct"])
    assert outcome.exit_code == 2 and "--hide-dct is for the timeml scorer" in outcome.output


def _eval(directory: str, *options: str) -> dict[str, Any]:
    outcome = CliRunner().invoke(main, ["eval", "timeml", directory, "--json", *options],
                                 catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.output)
