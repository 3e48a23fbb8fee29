"""The capture's own dates: bylines and date stamps above the body, wire datelines opening it.
They win over any inference, and an "Updated" stamp bounds the date from above. All lines here
are made up in the forms news pages and wires print."""

from __future__ import annotations

import pytest

from newsgraph.ingest.stamps import metadata_line, opening_stamp, wire_dateline
from newsgraph.ingest.text import clean_text
from newsgraph.model import Article
from newsgraph.timex.stage import add_times

BODY = ("Officials met in the capital on Wednesday to discuss the new border crossing, the "
        "ministry said. Talks will resume next month.")


@pytest.mark.parametrize("line, stamps", [
    ("By Jane Doe | June 19, 2024 - 11:01", [("June 19, 2024", False)]),
    ("Valmora Post | 19 Jun, 2024 11:01 GMT", [("19 Jun, 2024 11:01 GMT", False)]),
    ("Published: 19 June 2024 • Updated: 20 June 2024", [("19 June 2024", False),
                                                         ("20 June 2024", True)]),
    ("By Jane Doe and John Roe", []),
    ("World News | Asia", None),  # names alone are a menu, not metadata
    ("The talks ended on June 19, 2024 without a deal.", None),
])
def test_metadata_lines(line: str, stamps: list[tuple[str, bool]] | None) -> None:
    assert metadata_line(line) == stamps


@pytest.mark.parametrize("body, year, day", [
    ("SEOUL, July 27 (Examplewire) -- Officials met.", None, 27),
    ("MOSCOW, July 26. /EXA/. Officials met.", None, 26),
    ("NEW DELHI, Aug. 14, 2022 — Crowds gathered.", 2022, 14),
])
def test_wire_datelines(body: str, year: int | None, day: int) -> None:
    found = wire_dateline(body)
    assert found is not None and found[0] == year and found[2] == day


@pytest.mark.parametrize("paragraph, stamp", [
    ("VALMORA (Examplewire) — Officials met.", "VALMORA (Examplewire) —"),
    ("Port Ardent (EXA) – Officials met.", "Port Ardent (EXA) –"),
    ("SEOUL, July 27 (Examplewire) -- Officials met.", "SEOUL, July 27 (Examplewire) --"),
    ("Sen. Ada Rook (D-VA) said the talks had failed.", None),  # a party label, no dash
    ("Officials (and their aides) — all of them — met.", None),
])
def test_opening_stamps(paragraph: str, stamp: str | None) -> None:
    end = opening_stamp(paragraph)
    assert (paragraph[:end].strip() if end is not None else None) == stamp


def test_a_stamp_opening_a_paragraph_is_a_sentence_of_its_own() -> None:
    from newsgraph.nlp import load_nlp

    doc = load_nlp()("Talks resumed.\nVALMORA (Examplewire) — Ada Rook said the border would "
                     "stay closed.\n\n12:15 p.m.\n\nAda Rook says the talks are over.")
    assert [s.text.strip() for s in doc.sents] == [
        "Talks resumed.", "VALMORA (Examplewire) —",
        "Ada Rook said the border would stay closed.", "12:15 p.m.",
        "Ada Rook says the talks are over."]


def dated(raw: str) -> Article:
    cleaned = clean_text(raw)
    article = Article(id="x", source="t", format="txt", markup="text", raw=raw,
                      raw_sha256="0" * 64, body=cleaned.body, dropped=cleaned.dropped,
                      published_given=cleaned.published_given)
    return add_times(article)


def test_a_byline_with_its_year_dates_the_capture() -> None:
    article = dated(f"Border talks resume\nBy Jane Doe | June 19, 2024 - 11:01\n\n{BODY}")
    assert article.published.value == "2024-06-19"
    assert article.published.confidence >= 0.9


def test_a_dateline_with_a_year_dates_the_capture() -> None:
    article = dated(f"VALMORA, June 19, 2024 (Examplewire) - {BODY}")
    assert (article.published.value, article.published.source) == ("2024-06-19", "metadata")


def test_an_update_stamp_bounds_an_inferred_date() -> None:
    raw = (f"Border talks resume\nUpdated: June 21, 2024\n\n"
           f"VALMORA, June 19 (Examplewire) - {BODY} The 80th anniversary of the D-Day "
           "landings was marked this month.")
    article = dated(raw)
    assert article.published.latest is not None and article.published.latest <= "2024-06-21"
    assert "updated" in article.published.basis


def test_a_stamp_under_a_headline_and_its_dek_dates_the_capture() -> None:
    raw = ("Border talks resume in Valmora\n"
           "Ministers from both sides met again after a year without talks.\n"
           "PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM\n"
           "UPDATED: FRIDAY, MAY 3, 2013, 9: 56 AM\n"
           f"{BODY}")
    article = dated(raw)
    assert article.published.value == "2013-05-02"
    assert "PUBLISHED" not in article.body and "UPDATED" not in article.body


def test_a_date_line_after_the_first_paragraph_is_body() -> None:
    raw = f"{BODY}\nMay 2, 2013\n{BODY}"
    assert dated(raw).published.value != "2013-05-02"


def test_dek_byline_and_credits_are_kept_as_metadata_not_body() -> None:
    raw = ("Border talks resume in Valmora\n"
           "Ministers from both sides met again after a year without talks.\n"
           "By Jane Doe | June 19, 2024 - 11:01\n\n"
           f"{BODY}\n(Photo: Examplewire)\n{BODY}")
    cleaned = clean_text(raw)
    assert cleaned.subtitle == "Ministers from both sides met again after a year without talks."
    assert cleaned.byline == "Jane Doe"
    assert cleaned.captions == ["(Photo: Examplewire)"]
    for text in (cleaned.subtitle, "Jane Doe", "Examplewire"):
        assert text not in cleaned.body
    assert {d.rule for d in cleaned.dropped} >= {"dek", "leading_metadata", "photo_credits"}


def test_capture_metadata_is_stored_and_shown(tmp_path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main
    from newsgraph.pipeline import ingest
    from newsgraph.store import Store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Border talks resume in Valmora\n"
        "Ministers from both sides met again after a year without talks.\n"
        f"By Jane Doe | June 19, 2024 - 11:01\n\n{BODY}\n(Photo: Examplewire)\n{BODY}\n")
    with Store(tmp_path / "s.db") as store:
        ingest([str(tmp_path / "in")], store)
        row = store.articles()[0]
        assert (row["subtitle"], row["byline"]) == (
            "Ministers from both sides met again after a year without talks.", "Jane Doe")
        assert store.load_article(row["id"]).captions == ["(Photo: Examplewire)"]
    shown = CliRunner().invoke(main, ["show", row["id"], "--db", str(tmp_path / "s.db")])
    assert "byline:     Jane Doe" in shown.output and "caption:" in shown.output


def test_a_wire_dateline_leaves_the_body_and_still_dates_it() -> None:
    article = dated(f"VALMORA, June 19, 2024 (Examplewire) - {BODY}")
    assert article.body.startswith("Officials met in the capital")
    assert [d.text for d in article.dropped if d.rule == "dateline"] == [
        "VALMORA, June 19, 2024 (Examplewire) -"]
    assert article.published.value == "2024-06-19"


# Captures written in the styles of wire services, state media, newspapers and blogs.
CAPTURES = {
    "wire": ("N. Korea fires ballistic missile into East Sea\n\nSEOUL, July 27 (Examplewire) -- "
             "North Korea fired a ballistic missile into the East Sea on Thursday, the Joint "
             "Chiefs of Staff said.\nThe launch came a day after the armistice anniversary.\n"
             "(END)\n"),
    "state media": ("Russian defense minister arrives in Pyongyang\nMOSCOW, July 26. /EXA/. "
                    "Russian Defense Minister Sergei Shoigu arrived in Pyongyang on Wednesday at "
                    "the head of a military delegation, the ministry said.\nThe visit will last "
                    "three days.\n"),
    "newspaper": ("World\nBorder talks resume in Valmora\nMinisters from both sides met again "
                  "after a year without talks.\nBy Jane Doe\nJune 19, 2024 - 11:01\nFrom\n"
                  "Send to\nOfficials met in the capital on Wednesday to discuss the new border "
                  "crossing, the ministry said.\nValmora's foreign minister Ana Ruiz (left) meets "
                  "her counterpart in the capital. (Photo: Examplewire)\nTalks will resume next "
                  "month, officials said.\n"),
    "blog": ("Border talks resume\nPosted by admin on June 19, 2024\nOfficials met in the "
             "capital on Wednesday to discuss the new border crossing, the ministry said.\n"
             "Talks will resume next month.\nShare this:\nTwitter\nFacebook\nLike this:\n"
             "Like Loading...\n"),
}
FIRST_WORDS = {"wire": "North Korea fired", "state media": "Russian Defense Minister",
               "newspaper": "Officials met", "blog": "Officials met"}
LAST_WORDS = {"wire": "armistice anniversary.", "state media": "three days.",
              "newspaper": "officials said.", "blog": "next month."}


@pytest.mark.parametrize("style", CAPTURES)
def test_the_body_is_the_article_alone_in_every_style(style: str) -> None:
    cleaned = clean_text(CAPTURES[style])
    assert cleaned.body.startswith(FIRST_WORDS[style]), cleaned.body[:80]
    assert cleaned.body.endswith(LAST_WORDS[style]), cleaned.body[-80:]
    assert cleaned.title and cleaned.title in CAPTURES[style].split("\n")[:2]
