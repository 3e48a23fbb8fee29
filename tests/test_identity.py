"""Identity: ids come from the source, and near-duplicate bodies are found as reprints."""

from __future__ import annotations

from newsgraph.ingest.identity import article_id, canonical_url
from newsgraph.ingest.reprints import band_keys, fingerprint, similarity

STORY = (
    "Firefighters battled a blaze at a chemical plant near the river port for eleven hours "
    "before bringing it under control late on Sunday, the regional fire service said. Nobody "
    "was hurt, but residents of three nearby villages were told to keep their windows shut "
    "while experts measured the air. The plant's owner said the fire started in a storage hall "
    "that held packaging material and that no chemicals had leaked into the water."
)


def test_canonical_url_ignores_what_does_not_change_the_page() -> None:
    base = "https://news.example/world/story-1"
    assert canonical_url("HTTPS://News.Example:443/world/story-1/#comments") == base
    assert canonical_url(base + "?utm_source=x&fbclid=y") == base
    assert canonical_url(base + "?page=2") == base + "?page=2"
    assert canonical_url("not a url") is None


def test_id_from_url_when_known_else_raw_hash() -> None:
    assert article_id("https://news.example/a?utm_medium=rss", "f" * 64) == article_id(
        "https://news.example/a", "0" * 64
    )
    assert article_id(None, "ab" * 32) == "ab" * 8


def test_reprint_with_edits_is_similar_and_shares_a_band() -> None:
    reprint = "Chemical plant fire put out\n\n" + STORY.replace("eleven", "11") + " Share this."
    a, b = fingerprint(STORY), fingerprint(reprint)
    assert similarity(a, b) >= 0.7
    assert set(band_keys(a)) & set(band_keys(b))


def test_different_story_is_not_similar() -> None:
    other = (
        "The central bank left its main interest rate unchanged on Thursday and said inflation "
        "was likely to fall back to its target by the end of next year, as energy prices eased."
    )
    assert similarity(fingerprint(STORY), fingerprint(other)) < 0.2


def test_fingerprint_is_stable_and_empty_for_no_words() -> None:
    assert fingerprint(STORY) == fingerprint(STORY)
    assert fingerprint("  ... ") == b""
    assert band_keys(b"") == []
