"""Ingest end to end: stored records, idempotent re-ingest, reprints, reprocess, offsets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsgraph.model import SkipArticle
from newsgraph.pipeline import ingest, process_text, reprocess
from newsgraph.store import Store
from tests.conftest import EXAMPLES

WIRE = (
    "https://img.example.org/pics/flood_2000x1000.jpgHeavy rain flooded parts of the old town "
    "on Saturday, forcing the evacuation of 300 residents, the mayor's office said.\n"
    "\"The water rose faster than anyone expected,\" Mayor Anna Berg told reporters. Emergency "
    "crews built a temporary dam of sandbags along the riverbank overnight, and the army sent "
    "two helicopters to help.\n"
    "The river reached its highest level since 1997, according to the national weather service.\n"
    "Comments\nPost a Comment\n"
)


def test_ingest_stores_annotated_articles_with_valid_offsets(store: Store) -> None:
    summary = ingest([str(EXAMPLES)], store)
    assert summary.stored >= 6
    assert summary.ok
    for article_id in store.article_ids():
        article = store.load_article(article_id)
        assert article.body.strip()
        assert article.sentences and article.tokens
        for mention in article.mentions:
            assert article.body[mention.start : mention.end] == mention.text
        for token in article.tokens:
            assert 0 <= token.start < token.end <= len(article.body)
            assert 0 <= token.head < len(article.tokens)


def test_reingest_adds_nothing(store: Store) -> None:
    first = ingest([str(EXAMPLES)], store)
    counts = {t: store.count(t) for t in ("article", "mention", "token", "dropped")}
    second = ingest([str(EXAMPLES)], store)
    assert second.stored == 0
    assert second.already_stored == first.stored
    assert {t: store.count(t) for t in counts} == counts


def test_same_file_under_another_name_is_the_same_article(store: Store, inputs: Path) -> None:
    (inputs / "one.txt").write_text(WIRE)
    (inputs / "copy.txt").write_text(WIRE)
    summary = ingest([str(inputs)], store)
    assert (summary.stored, summary.already_stored) == (1, 1)


def test_edited_copy_from_another_outlet_is_a_reprint(store: Store, inputs: Path) -> None:
    (inputs / "a.txt").write_text(WIRE)
    blog = "Old town flooded\n\n" + WIRE.split("jpg", 1)[1].replace("300", "about 300")
    (inputs / "b.txt").write_text(blog.replace("Post a Comment", "Post a Comment (4)"))
    summary = ingest([str(inputs)], store)
    assert (summary.stored, summary.reprints) == (2, 1)
    rows = store.articles()
    assert rows[1]["reprint_of"] == rows[0]["id"]
    assert rows[1]["title"] == "Old town flooded"


def test_workers_give_the_same_store(tmp_path: Path) -> None:
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            ingest([str(EXAMPLES)], store, workers=workers)
            results.append([
                (r["id"], r["reprint_of"], r["n_words"], store.load_article(r["id"]).mentions)
                for r in store.articles()
            ])
    assert results[0] == results[1]


def test_reprocess_is_idempotent_and_follows_the_code(store: Store, monkeypatch) -> None:
    ingest([str(EXAMPLES)], store)
    before = {i: store.load_article(i) for i in store.article_ids()}
    reprocess(store, first_stage="annotate")
    reprocess(store, first_stage="clean")
    after = {i: store.load_article(i) for i in store.article_ids()}
    assert [(a.body, a.mentions, a.reprint_of) for a in before.values()] == [
        (a.body, a.mentions, a.reprint_of) for a in after.values()
    ]
    # Changed cleaning code shows up in every stored article after `reprocess --stage clean`.
    from newsgraph.ingest import stage as clean_module

    original = clean_module.clean_text

    def shouting(raw: str):
        cleaned = original(raw)
        cleaned.body = cleaned.body.upper()
        return cleaned

    monkeypatch.setattr(clean_module, "clean_text", shouting)
    reprocess(store, first_stage="clean")
    texts = [store.load_article(i) for i in store.article_ids()]
    assert any(a.body.isupper() for a in texts if a.markup == "text")
    assert all(a.body[m.start : m.end] == m.text for a in texts for m in a.mentions)


def test_process_text_api() -> None:
    article = process_text(WIRE, url="https://news.example/flood")
    assert article.body.startswith("Heavy rain flooded")
    assert "Post a Comment" not in article.body
    assert any(m.text == "Anna Berg" for m in article.mentions)
    with pytest.raises(SkipArticle):
        process_text("   \n")


def test_non_english_article_is_skipped_with_reason(store: Store, inputs: Path) -> None:
    (inputs / "de.txt").write_text(
        "Die Regierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien "
        "beschlossen. Der Minister sagte, die Kosten würden in den nächsten Jahren sinken."
    )
    summary = ingest([str(inputs)], store)
    assert summary.stored == 0
    assert "not English" in summary.skipped.first[0].reason


def test_nothing_readable_is_not_ok(store: Store, inputs: Path) -> None:
    (inputs / "empty.txt").write_text("")
    summary = ingest([str(inputs)], store)
    assert not summary.ok
    assert summary.skipped.first[0].reason == "empty file"


def test_examples_copy_is_self_contained(tmp_path: Path) -> None:
    """The sample corpus ingests from anywhere (no path assumptions)."""
    shutil.copytree(EXAMPLES, tmp_path / "corpus")
    with Store(tmp_path / "x.db") as store:
        assert ingest([str(tmp_path / "corpus")], store).stored >= 6


def test_python_api_round_trip(tmp_path: Path) -> None:
    import newsgraph

    with newsgraph.open_store(tmp_path / "api.db") as store:
        summary = newsgraph.ingest([str(EXAMPLES)], store)
        assert summary.stored == store.count("article")
    with newsgraph.open_store(tmp_path / "api.db", readonly=True) as store:
        first = store.articles(limit=1)[0]
        assert store.load_article(first["id"]).body


def test_undated_reprint_takes_the_date_of_its_dated_original(store: Store, inputs: Path) -> None:
    import json

    body = WIRE.split("jpg", 1)[1]
    record = {"url": "https://wire.example/flood", "published": "2024-06-02", "text": body}
    (inputs / "a.jsonl").write_text(json.dumps(record) + "\n")
    (inputs / "b.txt").write_text("Old town flooded\n\n" + body)
    ingest([str(inputs)], store)
    rows = {r["source"].rsplit("/", 1)[-1]: r for r in store.articles()}
    assert rows["b.txt"]["reprint_of"] == rows["a.jsonl#L1"]["id"]
    assert rows["b.txt"]["published"] == "2024-06-02"
    assert rows["b.txt"]["published_source"] == "inferred"


def test_time_stage_stores_two_clocks(store: Store, inputs: Path) -> None:
    (inputs / "a.txt").write_text(
        "LIMA, June 4 (Examplewire) - Peru's congress voted on Tuesday to hold early elections "
        "in April 2027. The last early election, in 2020, followed a similar crisis.\n"
    )
    ingest([str(inputs)], store)
    article = store.load_article(store.article_ids()[0])
    # A dateline without a year and nothing else in the corpus: the year stays open.
    assert article.published.value == "XXXX-06-04"
    by_text = {t.text: t for t in article.timexes}
    assert by_text["April 2027"].value == "2027-04"
    assert by_text["April 2027"].earliest == "2027-04-01"
    assert by_text["2020"].anchor == "absolute"
    assert all(article.body[t.start : t.end] == t.text for t in article.timexes)
    # The same text with its date in metadata: relative expressions anchor on it.
    record = {"published": "2026-06-04", "text": article.body}
    (inputs / "b.jsonl").write_text(__import__("json").dumps(record) + "\n")
    ingest([str(inputs / "b.jsonl")], store)
    dated = next(store.load_article(i) for i in store.article_ids() if i != article.id)
    tuesday = next(t for t in dated.timexes if t.text == "Tuesday")
    assert (tuesday.value, tuesday.anchor) == ("2026-06-02", "published")
