"""The HTML cleaner: body, metadata, robustness, and each named heuristic on its own."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.ingest.html import (
    DEFAULT_SETTINGS,
    LINE_FILTERS,
    CleanerSettings,
    add_recall_prose,
    choose_candidate,
    clean_html,
    drop_promo_lines,
    drop_separator_lines,
    strip_dek,
    strip_leading_dateline,
    strip_title_echo,
    trim_trailing_credits,
)

PARAGRAPHS = [
    "The harbour authority of Port Elwin voted on Tuesday to close the old north pier after "
    "inspectors found that several of its timber supports had rotted through below the waterline.",
    "Mayor Ada Brennan said the closure would last at least eighteen months while engineers "
    "designed a replacement, and that ferry services would move to the south terminal from May.",
    "Fishing crews who use the pier every morning told the meeting they had warned the council "
    "about loose planks for years, and asked for compensation for the longer trips to open water.",
    "The council will publish the engineering survey next week, a spokesman said, together with "
    "a timetable for the works and an estimate of the cost, which local papers put at four "
    "million.",
]

HEADLINE = "Port Elwin closes its crumbling north pier"


def page(
    *,
    head: str = "",
    article_extra: str = "",
    after_article: str = "",
    paragraphs: list[str] = PARAGRAPHS,
) -> str:
    """A plausible news page: navigation, one article, a sidebar and a footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{HEADLINE} | Elwin Gazette</title>{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather forecast</a></li></ul></nav>
<main><article>
<h1>{HEADLINE}</h1>
{body}
{article_extra}
</article>
{after_article}
</main>
<aside class="sidebar"><h3>Most popular</h3><ul>
<li><a href="/a">Lighthouse keeper retires after forty years</a></li>
<li><a href="/b">Storm warning issued for the weekend</a></li></ul></aside>
<footer><p>Elwin Gazette, 12 Quay Street, Port Elwin. Contact the newsroom.</p></footer>
</body></html>"""


META_HEAD = """
<meta property="og:title" content="Port Elwin closes its crumbling north pier">
<meta property="og:site_name" content="Elwin Gazette">
<meta property="article:published_time" content="2019-11-19T08:30:00Z">
<link rel="canonical" href="https://gazette.example.org/news/2019/11/pier-closes">
"""


# ---------------------------------------------------------------------------------------------
# clean_html end to end


def test_body_is_the_article_paragraphs() -> None:
    cleaned = clean_html(page(), "https://gazette.example.org/x")
    for paragraph in PARAGRAPHS:
        assert paragraph in cleaned.body
    assert "Weather forecast" not in cleaned.body
    assert "Lighthouse keeper" not in cleaned.body
    assert "Quay Street" not in cleaned.body


def test_paragraphs_are_separated_by_blank_lines() -> None:
    cleaned = clean_html(page())
    assert cleaned.body.split("\n\n") == PARAGRAPHS


def test_headline_is_metadata_not_body() -> None:
    cleaned = clean_html(page())
    assert cleaned.title == HEADLINE
    assert HEADLINE not in cleaned.body


def test_comments_are_excluded() -> None:
    comments = """<section id="comments" class="comments">
    <h2>Comments</h2>
    <div class="comment"><p>Shocking waste of ratepayers money, the pier was fine in my day and
    nobody ever fell through it, this is just an excuse to sell the land.</p></div>
    <div class="comment"><p>Totally agree with the previous commenter about the waste of money
    and the land sale, the council never listens to the people of this town.</p></div>
    </section>"""
    cleaned = clean_html(page(after_article=comments))
    assert PARAGRAPHS[0] in cleaned.body
    assert "ratepayers" not in cleaned.body
    assert "previous commenter" not in cleaned.body


def test_metadata_title_date_outlet_url() -> None:
    cleaned = clean_html(page(head=META_HEAD), "https://gazette.example.org/?p=123")
    assert cleaned.title == HEADLINE
    assert cleaned.published_given == "2019-11-19"
    assert cleaned.outlet == "Elwin Gazette"
    assert cleaned.url == "https://gazette.example.org/news/2019/11/pier-closes"


def test_given_url_kept_without_canonical() -> None:
    cleaned = clean_html(page(), "https://gazette.example.org/?p=123")
    assert cleaned.url == "https://gazette.example.org/?p=123"


def test_no_date_stays_none() -> None:
    assert clean_html(page(), "https://gazette.example.org/pier").published_given is None


def test_date_in_running_text_is_not_taken_as_publication_date() -> None:
    # free-text date search is off: an event date in the story is not the publication date
    text = ["On March 3, 2015 the harbour board first discussed the pier. " + PARAGRAPHS[0]]
    cleaned = clean_html(page(paragraphs=text + PARAGRAPHS[1:]), "https://gazette.example.org/p")
    assert cleaned.published_given is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "not html at all, just a sentence",
        "\x00\x01\x02",
        "<html><body><article><h1>Cut</h1><p>" + PARAGRAPHS[0][:60],
        page()[: len(page()) // 2],
        "<html><body><div><div><div></p></span></td>" * 50,
    ],
)
def test_broken_html_does_not_raise(html: str) -> None:
    cleaned = clean_html(html, "https://gazette.example.org/broken")
    assert isinstance(cleaned.body, str)
    assert cleaned.url == "https://gazette.example.org/broken" or cleaned.body


def test_truncated_page_keeps_what_it_can() -> None:
    html = page()
    cut = html.index(PARAGRAPHS[2][:40]) + 40  # stop in the middle of the third paragraph
    cleaned = clean_html(html[:cut])
    assert PARAGRAPHS[0] in cleaned.body


def test_dropped_records_filter_rules_and_boilerplate() -> None:
    extra = "<p>Reporting by Jo Smith; Editing by Sam Lee</p>"
    cleaned = clean_html(page(article_extra=extra))
    rules = {d.rule for d in cleaned.dropped}
    assert "trailing-credit" in rules
    assert "html-boilerplate" in rules
    boilerplate = [d.text for d in cleaned.dropped if d.rule == "html-boilerplate"]
    assert any("Lighthouse keeper" in text for text in boilerplate)
    assert not any(PARAGRAPHS[0][:50] in text for text in boilerplate)


def test_dropped_record_is_capped() -> None:
    links = "".join(
        f"<li><a href='/{i}'>Teaser headline number {i} {'x' * 300}</a></li>" for i in range(60)
    )
    cleaned = clean_html(page(after_article=f"<aside><ul>{links}</ul></aside>"))
    boilerplate = [d for d in cleaned.dropped if d.rule == "html-boilerplate"]
    settings = DEFAULT_SETTINGS
    assert len(boilerplate) == settings.max_dropped_blocks + 1
    assert all(len(d.text) <= settings.max_dropped_chars for d in boilerplate[:-1])
    assert "more blocks" in boilerplate[-1].text


def test_record_boilerplate_can_be_switched_off() -> None:
    settings = dataclasses.replace(DEFAULT_SETTINGS, record_boilerplate=False)
    cleaned = clean_html(page(), settings=settings)
    assert all(d.rule != "html-boilerplate" for d in cleaned.dropped)


def test_every_configured_filter_is_registered() -> None:
    assert set(DEFAULT_SETTINGS.line_filters) <= set(LINE_FILTERS)
    assert DEFAULT_SETTINGS.with_filters("promo").line_filters == ("promo",)


# ---------------------------------------------------------------------------------------------
# Layer 3: choosing between precision and balanced extraction


def test_choose_candidate_prefers_precision() -> None:
    settings = CleanerSettings()
    assert choose_candidate("p" * 80, "b" * 100, settings) == "p" * 80


def test_choose_candidate_falls_back_when_precision_over_prunes() -> None:
    settings = CleanerSettings()
    assert choose_candidate("p" * 20, "b" * 100, settings) == "b" * 100
    assert choose_candidate("", "b" * 100, settings) == "b" * 100


def test_recall_prose_adds_the_article_paragraphs_precision_cut() -> None:
    settings = CleanerSettings()
    body = "\n".join(PARAGRAPHS[:2])
    teaser = "Read next: Ferry timetable changes"  # short, not a sentence: recall's debris
    caption = ("The old north pier of Port Elwin, seen from the harbour wall in the early"
               " morning light")
    cut = PARAGRAPHS[2] + " The ferry company said it would add two sailings a day to cover them."
    recall = "\n".join([PARAGRAPHS[0], teaser, PARAGRAPHS[1], caption, cut])
    assert add_recall_prose(body, recall, settings).splitlines() == [*PARAGRAPHS[:2], cut]


def test_recall_prose_never_takes_another_block_or_loses_a_line() -> None:
    settings = CleanerSettings()
    body = "\n".join(PARAGRAPHS[:2])
    elsewhere = "\n".join([PARAGRAPHS[3], PARAGRAPHS[2], PARAGRAPHS[3] + " Again."])
    assert add_recall_prose(body, elsewhere, settings) == body  # recall found another block
    assert add_recall_prose(body, PARAGRAPHS[0], settings) == body  # recall found less
    reordered = add_recall_prose(body, "\n".join([PARAGRAPHS[1], PARAGRAPHS[0] + " More."]),
                                 settings)
    assert set(PARAGRAPHS[:2]) <= set(reordered.splitlines())


# ---------------------------------------------------------------------------------------------
# Layer 4: each line filter alone


def test_separator_lines() -> None:
    kept, removed = drop_separator_lines(["First.", "___", "* * *", "—", "|---|---|", "Second."])
    assert kept == ["First.", "Second."]
    assert removed == ["___", "* * *", "—", "|---|---|"]


def test_title_echo_removed_near_top_only() -> None:
    lines = ["Pier closes", "Pier closes after inspection", "Body text.", "Pier closes"]
    kept, removed = strip_title_echo(lines, ["Pier closes after inspection"])
    assert removed == ["Pier closes after inspection"]
    assert kept == ["Pier closes", "Body text.", "Pier closes"]


def test_title_echo_matches_site_suffix_and_case() -> None:
    title = "Port Elwin closes its crumbling north pier | Elwin Gazette"
    kept, removed = strip_title_echo(
        ["PORT ELWIN CLOSES ITS CRUMBLING NORTH PIER", "Text."], [title]
    )
    assert removed == ["PORT ELWIN CLOSES ITS CRUMBLING NORTH PIER"]
    assert kept == ["Text."]


def test_title_echo_ignores_short_coincidences_and_late_lines() -> None:
    lines = ["Port Elwin", "One.", "Two.", "Three.", "Port Elwin closes its crumbling north pier"]
    kept, removed = strip_title_echo(lines, [HEADLINE])
    assert removed == []
    assert kept == lines
    assert strip_title_echo(["Text."], []) == (["Text."], [])


def test_dek_after_headline_echo() -> None:
    lines = [HEADLINE, "Repairs will take at least eighteen months", "The harbour voted."]
    kept, removed = strip_dek(lines, [HEADLINE])
    assert removed == ["Repairs will take at least eighteen months"]
    assert kept == [HEADLINE, "The harbour voted."]


def test_dek_needs_headline_and_fragment() -> None:
    # no headline echo: a headline-style first line may be a section heading
    lines = ["Repairs will take at least eighteen months", "The harbour voted."]
    assert strip_dek(lines, [HEADLINE]) == (lines, [])
    # a full sentence after the headline is the lead, not a dek
    lines = [HEADLINE, "The harbour authority voted on Tuesday.", "More."]
    assert strip_dek(lines, [HEADLINE]) == (lines, [])


@pytest.mark.parametrize(
    "line",
    [
        "November 20, 2019 - 11:28 AMT",
        "5:45 AM PST 11/19/2019 by Jo Smith",
        "terça-feira, 19 de novembro de 2019 às 20:13",
        "4 min read",
        "Reading time: 3 minutes",
    ],
)
def test_leading_dateline(line: str) -> None:
    kept, removed = strip_leading_dateline([line, "The harbour voted on Nov. 19."])
    assert removed == [line]
    assert kept == ["The harbour voted on Nov. 19."]


def test_dateline_keeps_sentences_and_later_lines() -> None:
    lines = ["On November 19, 2019 the harbour voted.", "Nov 19, 2019"]
    assert strip_leading_dateline(lines) == (lines, [])
    assert strip_leading_dateline(["Text.", "Nov 19, 2019"]) == (["Text.", "Nov 19, 2019"], [])


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Storm warning issued for the weekend",
        "RELATED: Lighthouse keeper retires",
        "[Related: Ferry timetable changes]",
        "You may also like...",
        "SEE MORE: Harbour history in pictures",
        "Don't miss",
        "Leggi anche",
    ],
)
def test_promo_lines(line: str) -> None:
    kept, removed = drop_promo_lines(["Story.", line, "More story."])
    assert removed == [line]
    assert kept == ["Story.", "More story."]


@pytest.mark.parametrize(
    "line",
    [
        "More than 100 people attended the meeting.",
        "Related matters were deferred to December.",
        "Watch the tide: it turns at noon.",
    ],
)
def test_promo_keeps_prose(line: str) -> None:
    assert drop_promo_lines([line]) == ([line], [])


def test_trailing_credits() -> None:
    lines = [
        "The council will publish the survey next week.",
        "(Reporting by Jo Smith; Editing by Sam Lee)",
        "Follow Jo on Twitter and Facebook.",
        "Sign up for our free morning newsletter delivered to your inbox.",
        "© 2019 Elwin Gazette. All rights reserved.",
        "3 Comments",
    ]
    kept, removed = trim_trailing_credits(lines)
    assert kept == lines[:1]
    assert removed == lines[1:]


def test_trailing_credits_only_trims_the_tail() -> None:
    lines = ["Reporting by Jo Smith", "The pier will close in May.", "The survey follows."]
    assert trim_trailing_credits(lines) == (lines, [])


@pytest.mark.parametrize(
    "line",
    [
        "He said he would share it with the harbour board.",
        "The town's newsletter first reported the rot in 2017.",
        "Contact with the ferry was lost at 3 p.m. on Friday.",
    ],
)
def test_trailing_credits_keep_closing_prose(line: str) -> None:
    assert trim_trailing_credits(["Story.", line]) == (["Story.", line], [])


def test_trailing_credits_are_bounded() -> None:
    lines = ["Story."] + ["Copyright Elwin Gazette"] * 20
    kept, removed = trim_trailing_credits(lines)
    assert len(removed) == 8
    assert len(kept) == 13
