"""Tests for plain-text capture cleaning: each rule alone, the full rule list, and the seeds.

All article text here is invented. The seed check at the end reads the shared seeds and gold
keys in place and skips when the shared folder is absent.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.ingest import text as text_mod
from newsgraph.ingest.stamps import is_byline, parse_dateline
from newsgraph.ingest.text import (
    TEXT_RULES,
    TextState,
    clean_text,
    collapse_blank_lines,
    edge_widgets,
    headline,
    is_headline,
    is_photo_credit,
    is_widget_line,
    leading_image_url,
    leading_metadata,
    normalize_spaces,
    photo_credits,
    remove_control_chars,
    run_rules,
    split_glued_sentences,
    trailing_related_block,
    url_lines,
    widget_lines,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

P1 = "The finance minister of Freedonia met the central bank governor on Monday in Port Azul."
P2 = "Officials said the two men discussed inflation, which reached 7.4 percent in March."
P3 = "Comments by the minister after the meeting suggested rates would stay unchanged."
P4 = "The talks resume on Friday."
IMG = "https://static.example-news.net/media/2024/03/88412_0:0:1200:800_1920x0.jpg.webp"


def state(*lines: str) -> TextState:
    return TextState(lines=list(lines))


def rules_of(dropped: list) -> list[str]:
    return [d.rule for d in dropped]


_INVISIBLE = frozenset("\ufeff\u200b\u2060\u00ad\ufffe")


def _breaks_line(ch: str) -> bool:
    """Control characters that end a line (CR, LF, FS ...) or a tab: spacing, not removed."""
    return ch == "\t" or len(f"a{ch}a".splitlines()) > 1


def assert_words_kept(raw: str, body: str) -> None:
    """Every body line is a verbatim (whitespace-collapsed) piece of the raw text, in order."""
    visible = "".join(
        ch
        for ch in raw
        if ch not in _INVISIBLE and (unicodedata.category(ch) != "Cc" or _breaks_line(ch))
    )
    haystack = " ".join(visible.split())
    pos = 0
    for line in body.split("\n"):
        needle = " ".join(line.split())
        if not needle:
            continue
        found = haystack.find(needle, pos)
        assert found >= 0, f"body line not in input (words changed?): {needle!r}"
        pos = found + len(needle)


# --------------------------------------------------------------------------------------------
# Rule list


def test_rule_list_order_and_names() -> None:
    names = [rule.__name__ for rule in TEXT_RULES]
    assert names == [
        "remove_control_chars",
        "normalize_spaces",
        "leading_image_url",
        "url_lines",
        "trailing_related_block",
        "widget_lines",
        "photo_credits",
        "edge_widgets",
        "leading_metadata",
        "headline",
        "dateline",
        "split_glued_sentences",
        "collapse_blank_lines",
    ]


def test_boilerplate_data_loaded_once() -> None:
    assert text_mod._boilerplate() is text_mod._boilerplate()


# --------------------------------------------------------------------------------------------
# remove_control_chars / normalize_spaces and input edge cases


def test_remove_control_chars_alone() -> None:
    s = state("\ufeffThe gov\x00ernor\x07 spoke\u200b.", "Second\tline")
    remove_control_chars(s)
    assert s.lines == ["The governor spoke.", "Second\tline"]
    assert rules_of(s.dropped) == ["remove_control_chars"]
    assert "\\x00" in s.dropped[0].text


def test_normalize_spaces_alone() -> None:
    s = state("  Rates\tstay\u00a0put.   ", "two  spaces", "   ")
    normalize_spaces(s)
    assert s.lines == ["Rates stay put.", "two spaces", ""]
    assert s.dropped == []


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\r\n", "\x00\x00", "\ufeff"])
def test_empty_input_gives_empty_body(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.body == ""
    assert cleaned.title is None


def test_one_line_text_is_body_not_title() -> None:
    cleaned = clean_text("Freedonia Raises Interest Rates Again")
    assert cleaned.body == "Freedonia Raises Interest Rates Again"
    assert cleaned.title is None


def test_windows_line_endings_bom_and_nul() -> None:
    raw = "\ufeff" + P1 + "\r\n\r\n" + P2.replace("inflation", "infla\x00tion") + "\r\n"
    cleaned = clean_text(raw)
    assert cleaned.body == P1 + "\n\n" + P2
    assert "\r" not in cleaned.body


def test_lone_carriage_returns_are_line_breaks() -> None:
    assert clean_text(P1 + "\r" + P2).body == P1 + "\n" + P2


# --------------------------------------------------------------------------------------------
# leading_image_url / url_lines


def test_leading_image_url_glued_to_first_word() -> None:
    s = state(IMG + P1, P2)
    leading_image_url(s)
    assert s.lines == [P1, P2]
    assert s.dropped[0].rule == "leading_image_url"
    assert s.dropped[0].text == IMG


@pytest.mark.parametrize(
    "url",
    [
        "https://img.example.org/a/b/photo.JPG",
        "http://cdn.example.com/x.png?w=800&h=600",
        "//cdn.example.com/pics/lead.jpeg",
        "https://cdn.example.com/i/1.gif",
    ],
)
def test_leading_image_url_variants(url: str) -> None:
    s = state(url + "Officials said nothing.")
    leading_image_url(s)
    assert s.lines == ["Officials said nothing."]


def test_leading_image_url_two_urls_and_a_space() -> None:
    s = state(IMG + " " + IMG + P1)
    leading_image_url(s)
    assert s.lines == [P1]
    assert rules_of(s.dropped) == ["leading_image_url", "leading_image_url"]


def test_leading_image_url_keeps_other_urls_and_mid_line_images() -> None:
    lines = [
        "https://example.com/news/123The page link is not an image and stays.",
        "The photo at https://example.com/a.jpg shows the governor.",
    ]
    s = state(*lines)
    leading_image_url(s)
    assert s.lines == lines
    assert s.dropped == []


def test_url_lines() -> None:
    s = state(P1, "https://example.com/related/story-1", "<www.example.org/x>", P2)
    url_lines(s)
    assert s.lines == [P1, "", "", P2]
    assert rules_of(s.dropped) == ["url_lines", "url_lines"]


# --------------------------------------------------------------------------------------------
# widget_lines


@pytest.mark.parametrize(
    "line",
    [
        "Comments",
        "Post a Comment",
        "Post a Comment (0)",
        "3 comments",
        "Comments (12)",
        "Leave a reply",
        "Previous Post Next Post",
        "Next article",
        "« Previous article",
        "Page 1 of 3",
        "1 2 3 Next »",
        "Share this:",
        "Share on Facebook",
        "Share on Facebook Share on Twitter Share via Email",
        "Subscribe to our newsletter",
        "Follow us on Telegram",
        "Advertisement",
        "4 min read",
        "SHARE",
    ],
)
def test_is_widget_line_positive(line: str) -> None:
    assert is_widget_line(line)


@pytest.mark.parametrize(
    "line",
    [
        P3,
        "No comment.",
        "Next year the bank expects growth to return.",
        "Share prices fell 3 percent on the news.",
        "Subscribers to the bank's bulletin were told first.",
        "Follow the money, the auditor said",
        "2024",
        "",
    ],
)
def test_is_widget_line_negative(line: str) -> None:
    assert not is_widget_line(line)


def test_widget_lines_alone_removes_whole_lines_anywhere() -> None:
    s = state(P1, "Share on Facebook", P3, "", "Comments", "Post a Comment (0)")
    widget_lines(s)
    assert s.lines == [P1, "", P3, "", "", ""]
    assert [d.text for d in s.dropped] == ["Share on Facebook", "Comments", "Post a Comment (0)"]
    assert set(rules_of(s.dropped)) == {"widget_lines"}


# --------------------------------------------------------------------------------------------
# photo_credits


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Reuters",
        "© AFP 2023 / John Smith",
        "Image credit: Freedonia Central Bank",
        "(Photo by Ana Ruiz/Getty Images)",
        "Photo by Ana Ruiz on Unsplash",
        "AP Photo/Lee Min-jun",
        "Copyright 2024 Example Media",
        "Photograph courtesy of the ministry",
    ],
)
def test_is_photo_credit_positive(line: str) -> None:
    assert is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Pictures from the parade showed tanks rolling past the stand.",
        "Copyright lawsuits rose sharply last year, the court said.",
        "Photographers were kept away from the summit venue.",
        P1,
    ],
)
def test_is_photo_credit_negative(line: str) -> None:
    assert not is_photo_credit(line)


def test_photo_credits_alone() -> None:
    s = state(P1, "Photo: Reuters", P2)
    photo_credits(s)
    assert s.lines == [P1, "", P2]
    assert s.dropped[0].rule == "photo_credits"


# --------------------------------------------------------------------------------------------
# trailing_related_block


def test_trailing_related_block_cuts_link_list() -> None:
    s = state(
        P1,
        "",
        P2,
        "",
        "Related articles",
        "Freedonia cuts fuel subsidies",
        "Central bank names new deputy",
        "Share",
    )
    trailing_related_block(s)
    assert [x for x in s.lines if x] == [P1, P2]
    assert s.dropped[0].rule == "trailing_related_block"
    assert s.dropped[0].text.startswith("Related articles\nFreedonia cuts")


def test_trailing_related_block_keeps_marker_followed_by_prose() -> None:
    lines = [P1, "", "Read more", P2, P4]
    s = state(*lines)
    trailing_related_block(s)
    assert s.lines == lines
    assert s.dropped == []


# --------------------------------------------------------------------------------------------
# edge_widgets


def test_edge_widgets_peels_trailing_loose_widgets() -> None:
    s = state(
        P1,
        "",
        P2,
        "",
        "Tags: Freedonia, inflation, banks",
        "Follow us on Telegram @examplenews",
        "Source: Example Wire",
    )
    edge_widgets(s)
    assert [x for x in s.lines if x] == [P1, P2]
    assert set(rules_of(s.dropped)) == {"edge_widgets"}
    assert len(s.dropped) == 3


def test_edge_widgets_keeps_loose_widgets_mid_text() -> None:
    lines = [P1, "Tags: these were the words on the banner", P2]
    s = state(*lines)
    edge_widgets(s)
    assert s.lines == lines


def test_edge_widgets_keeps_short_real_last_paragraph() -> None:
    lines = [P1, "", P2, "", P4]
    s = state(*lines)
    edge_widgets(s)
    assert s.lines == lines
    assert s.dropped == []


def test_edge_widgets_cuts_widget_glued_after_last_sentence() -> None:
    s = state(P1, P2 + "Post a Comment (0)")
    edge_widgets(s)
    assert s.lines == [P1, P2]
    assert s.dropped[0].text == "Post a Comment (0)"


def test_edge_widgets_keeps_last_sentence_that_mentions_comments() -> None:
    lines = [P1, "He declined to answer. Comments from the bank are expected later."]
    s = state(*lines)
    edge_widgets(s)
    assert s.lines == lines


def test_edge_widgets_leading_breadcrumb() -> None:
    s = state("Home » World » Economy", P1)
    edge_widgets(s)
    assert s.lines == ["", P1]


# --------------------------------------------------------------------------------------------
# leading_metadata


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("July 26, 2024", ("July 26, 2024", False)),
        ("Published: 26 July 2024, 10:32 GMT", ("26 July 2024, 10:32 GMT", False)),
        ("Wednesday, March 6, 2024 at 9:15 am", ("Wednesday, March 6, 2024 at 9:15 am", False)),
        ("2024-03-06T09:15:00Z", ("2024-03-06T09:15:00Z", False)),
        ("Updated 7 March 2024", ("7 March 2024", True)),
        ("On July 26, 2024 the bank met.", None),
        (P1, None),
    ],
)
def test_parse_dateline(line: str, expected: tuple[str, bool] | None) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", True),
        ("By Jane Doe and Luis de la Vega, Example Wire", True),
        ("BY MARIA OKAFOR", True),
        ("By a staff reporter", True),
        ("By Wednesday, the talks had collapsed.", False),
        ("By then the governor had left", False),
        ("Byron Kelly arrived late", False),
    ],
)
def test_is_byline(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


def test_leading_metadata_sets_published_and_drops_lines() -> None:
    s = state(
        "Freedonia Holds Rates Steady", "", "By Jane Doe | July 26, 2024 | 4 min read", "", P1, P2
    )
    leading_metadata(s)
    assert s.published_given == "July 26, 2024"
    assert s.lines == ["Freedonia Holds Rates Steady", "", "", "", P1, P2]
    assert rules_of(s.dropped) == ["leading_metadata"]


def test_leading_metadata_update_stamp_is_not_published() -> None:
    s = state("Updated: March 7, 2024", P1)
    leading_metadata(s)
    assert s.published_given is None
    assert s.lines == ["", P1]


def test_leading_metadata_stops_at_first_paragraph() -> None:
    lines = [P1, "July 26, 2024", P2]
    s = state(*lines)
    leading_metadata(s)
    assert s.lines == lines
    assert s.published_given is None


# --------------------------------------------------------------------------------------------
# headline


def test_headline_followed_by_blank_line() -> None:
    title = "Freedonia's finance minister warns of slower growth as inflation stays high"
    s = state(title, "", P1, P2)
    headline(s)
    assert s.title == title
    assert s.lines == ["", "", P1, P2]
    assert s.dropped[0].rule == "headline"
    assert s.dropped[0].text == title


def test_headline_in_title_case_without_blank_line() -> None:
    s = state("Central Bank Keeps Rates on Hold for Third Month", P1)
    headline(s)
    assert s.title == "Central Bank Keeps Rates on Hold for Third Month"


def test_headline_question_is_allowed() -> None:
    assert is_headline("Will Freedonia Raise Rates Again?", P1, followed_by_blank=True)


@pytest.mark.parametrize(
    ("first", "second", "blank"),
    [
        (P1, P2, True),  # a real sentence
        ("The minister said that the bank", "would act soon, officials added.", False),
        ("The minister said growth would slow", "in the second half, he added.", True),
        ("Growth will slow, the minister said and", P2, True),  # dangling word
        ("Rates hold", P1, True),  # too short to be a headline
        ("Officials: growth slowing", P1, False),  # not title case, not set off by a blank
        ("A " * 40 + "headline", P1, True),  # far too long
    ],
)
def test_not_a_headline(first: str, second: str, blank: bool) -> None:
    assert not is_headline(first, second, followed_by_blank=blank)


def test_headline_rule_leaves_sentence_first_line() -> None:
    s = state(P1, "", P2)
    headline(s)
    assert s.title is None
    assert s.lines == [P1, "", P2]


def test_headline_needs_a_body_after_it() -> None:
    s = state("Central Bank Keeps Rates on Hold", "")
    headline(s)
    assert s.title is None


# --------------------------------------------------------------------------------------------
# split_glued_sentences


def test_split_glued_sentences_alone() -> None:
    glued = (
        "The governor left early.Reporters waited outside. Why did rates rise?"
        "What the Bank Said About Inflation?Analysts were divided."
    )
    s = state(glued)
    split_glued_sentences(s)
    assert s.lines == [
        "The governor left early.",
        "",
        "Reporters waited outside. Why did rates rise?",
        "",
        "What the Bank Said About Inflation?",
        "",
        "Analysts were divided.",
    ]
    assert [d.text for d in s.dropped] == [
        "early.Reporters",
        "rise?What",
        "Inflation?Analysts",
    ]
    assert set(rules_of(s.dropped)) == {"split_glued_sentences"}
    assert "".join(s.lines) == glued  # only line breaks were added


@pytest.mark.parametrize(
    "line",
    [
        "Officials from the U.S.A and Canada attended.",
        "Some lenders, e.g.Foo Bank, raised rates.",
        "The deputy, Mr.Smith, declined to comment.",
        "Minister J.Alvarez spoke first.",
        "Inflation hit 7.4 percent, up from 6.9 percent.",
        "See www.example.Com for details.",
        "The meeting ended at 5 p.m.Officials then left.",
        "He shouted 'Stop!' and left.",
        "They flew F-16 jets.F-35 jets came later.",
    ],
)
def test_split_glued_sentences_leaves_abbreviations(line: str) -> None:
    s = state(line)
    split_glued_sentences(s)
    assert s.lines == [line]
    assert s.dropped == []


def test_split_glued_sentences_quotes_and_acronyms() -> None:
    s = state(
        'He called it a "crisis."The bank disagreed.“We are calm,” it said.USSR-era '
        "rules apply.The DPRK.IMF staff agreed."
    )
    split_glued_sentences(s)
    assert [x for x in s.lines if x] == [
        'He called it a "crisis."',
        "The bank disagreed.",
        "“We are calm,” it said.USSR-era rules apply.",
        "The DPRK.",
        "IMF staff agreed.",
    ]


def test_split_glued_sentences_straight_quote_opening_next_sentence() -> None:
    s = state('The bank issued a statement."We will act," it said.')
    split_glued_sentences(s)
    assert [x for x in s.lines if x] == [
        "The bank issued a statement.",
        '"We will act," it said.',
    ]


# --------------------------------------------------------------------------------------------
# collapse_blank_lines


def test_collapse_blank_lines_alone() -> None:
    s = state("", "", P1, "", "", "", P2, P3, "", "")
    collapse_blank_lines(s)
    assert s.lines == [P1, "", P2, P3]


# --------------------------------------------------------------------------------------------
# Full rule list


CAPTURE = "\n".join(
    [
        "\ufeffFreedonia's central bank holds rates as inflation cools  ",
        "",
        "By Jane Doe | March 6, 2024",
        "",
        IMG + P1,
        "Photo: Example Wire",
        "",
        "",
        "",
        P2 + "Asked about a cut, the governor smiled.",
        "Share on Facebook",
        P3,
        "",
        P4,
        "",
        "Comments",
        "Post a Comment (0)",
        "Previous Post Next Post",
    ]
).replace("\n", "\r\n")


def test_full_pipeline_on_invented_capture() -> None:
    cleaned = clean_text(CAPTURE)
    assert cleaned.title == "Freedonia's central bank holds rates as inflation cools"
    assert cleaned.published_given == "March 6, 2024"
    # the removed share line leaves a paragraph break between the two paragraphs around it
    assert cleaned.body == "\n\n".join([P1, P2, "Asked about a cut, the governor smiled.", P3, P4])
    for junk in ("Comments\n", "Post a Comment", "Previous Post", "Share on", "Photo:", IMG):
        assert junk not in cleaned.body
    assert "Comments by the minister" in cleaned.body
    names = {rule.__name__ for rule in TEXT_RULES}
    assert set(rules_of(cleaned.dropped)) <= names
    assert {
        "headline",
        "leading_metadata",
        "leading_image_url",
        "photo_credits",
        "widget_lines",
        "split_glued_sentences",
    } <= set(rules_of(cleaned.dropped))
    assert_words_kept(CAPTURE, cleaned.body)


def test_full_pipeline_date_on_top_becomes_published() -> None:
    raw = "\n".join(["Share this:", "July 26, 2024", "Central Bank Keeps Rates on Hold", P1, P2])
    cleaned = clean_text(raw)
    assert cleaned.published_given == "July 26, 2024"
    assert cleaned.title == "Central Bank Keeps Rates on Hold"
    assert cleaned.body == P1 + "\n" + P2


def test_full_pipeline_trailing_date_stamp_dropped_not_published() -> None:
    cleaned = clean_text("\n".join([P1, P2, "Updated: July 27, 2024 10:15 GMT"]))
    assert cleaned.body == P1 + "\n" + P2
    assert cleaned.published_given is None


def test_full_pipeline_keeps_plain_article_identical() -> None:
    raw = "\n".join([P1, P2, P3, "", P4])
    cleaned = clean_text(raw)
    assert cleaned.body == raw
    assert cleaned.dropped == []
    assert cleaned.title is None


def test_run_rules_with_a_subset() -> None:
    s = run_rules(TextState.from_raw("Comments\n" + P1), [widget_lines, collapse_blank_lines])
    assert s.lines == [P1]


def test_clean_text_accepts_custom_rules() -> None:
    cleaned = clean_text("Comments\n" + P1, rules=[collapse_blank_lines])
    assert cleaned.body == "Comments\n" + P1


_PIECES = [
    P1,
    P2,
    P3,
    P4,
    "Comments",
    "Share this:",
    "Page 2 of 4",
    "Photo: Example Wire",
    IMG,
    "Central Bank Keeps Rates on Hold",
    "By Jane Doe",
    "July 26, 2024",
    "U.S.A",
    "e.g.",
    "Mr.Smith",
    "“Quoted,” he said.",
    "\x00",
    "\ufeff",
    "\u00a0",
    "\t",
    "Tags: a, b",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "\n", "\n\n", "\r\n"])),
        max_size=12,
    )
)
def test_words_never_change_on_mixed_captures(parts: list[tuple[str, str]]) -> None:
    raw = "".join(piece + sep for piece, sep in parts)
    cleaned = clean_text(raw)
    assert_words_kept(raw, cleaned.body)
    assert cleaned.body == cleaned.body.strip()
    assert "\n\n\n" not in cleaned.body


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_and_keeps_words(raw: str) -> None:
    cleaned = clean_text(raw)
    assert_words_kept(raw, cleaned.body)
    assert all(unicodedata.category(ch) != "Cc" or ch == "\n" for ch in cleaned.body)


# --------------------------------------------------------------------------------------------
# Seeds and gold keys (read in place)


@pytest.fixture(scope="module")
def seed_docs() -> list[tuple[dict, str]]:
    gold_path = SHARED / "gold" / "seeds.json"
    if not gold_path.is_file():
        pytest.skip(f"shared seeds and gold keys not found at {SHARED}; seed check skipped")
    docs = json.loads(gold_path.read_text(encoding="utf-8"))
    out = []
    for doc in docs:
        path = SHARED / "seeds" / doc["doc"]
        if path.is_file():
            out.append((doc, path.read_text(encoding="utf-8")))
    if not out:
        pytest.skip(f"no seed texts under {SHARED / 'seeds'}; seed check skipped")
    return out


def test_seeds_match_gold_body_keys(seed_docs: list[tuple[dict, str]]) -> None:
    problems: list[str] = []
    for doc, raw in seed_docs:
        cleaned = clean_text(raw)
        body, gold = cleaned.body, doc["body"]
        name = doc["doc"]
        if not body.startswith(gold["starts_with"]):
            problems.append(f"{name}: body starts {body[:60]!r}")
        if not body.endswith(gold["ends_with"]):
            problems.append(f"{name}: body ends {body[-60:]!r}")
        problems += [f"{name}: boilerplate left: {b!r}" for b in gold["boilerplate"] if b in body]
        # A first line that does not hold the body's first words is the headline: the title.
        first_line = next(line for line in raw.splitlines() if line.strip()).strip()
        if gold["starts_with"] in first_line:
            if cleaned.title is not None:
                problems.append(f"{name}: body's first line taken as title {cleaned.title!r}")
        elif cleaned.title != first_line:
            problems.append(f"{name}: title {cleaned.title!r}, expected the headline line")
        assert_words_kept(raw, body)
    assert not problems, "\n".join(problems)


def test_a_dek_without_a_full_stop_between_headline_and_stamp_is_the_subtitle() -> None:
    cleaned = clean_text("Port strike spreads to three more cities\n"
                         "Dockers demand a new wage deal before the holidays\n"
                         "By Maria Lopez | 3 March 2024 - 09:15\n\n"
                         "Dockers in three more cities walked out on Monday, the union said.\n")
    assert (cleaned.title, cleaned.subtitle, cleaned.byline) == (
        "Port strike spreads to three more cities",
        "Dockers demand a new wage deal before the holidays", "Maria Lopez")
    assert cleaned.body.startswith("Dockers in three more cities")
