"""The DOM block layer: cutting a page into blocks, their features, the model and block-add."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsgraph.ingest.blocks import (
    CLASS_WORDS,
    FEATURE_NAMES,
    MODEL_PATH,
    BlockModel,
    add_blocks,
    addable,
    block_features,
    line_places,
    load_model,
    merge_blocks,
    page_blocks,
    shingle_share,
    shingles,
)
from newsgraph.ingest.html import CleanerSettings, _parse, admits_block, clean_html
from tests.test_html import PARAGRAPHS, page

URL = "https://gazette.example.org/news/pier"


def _blocks(html: str) -> list:
    tree = _parse(html)
    assert tree is not None
    return page_blocks(tree)


def test_blocks_are_text_outside_nested_blocks_in_document_order() -> None:
    blocks = _blocks(
        "<html><body><div class='story'>Lead words <b>in bold</b><p>First <a href='/x'>linked"
        "</a> paragraph.</p>tail of the div<ul><li>One item</li><li>Two<br>lines</li></ul>"
        "</div></body></html>"
    )
    assert [(b.tag, b.text) for b in blocks] == [
        ("div", "Lead words in bold tail of the div"),
        ("p", "First linked paragraph."),
        ("li", "One item"),
        ("li", "Two lines"),
    ]
    paragraph = blocks[1]
    assert paragraph.link_chars == len("linked") and paragraph.link_start is False
    assert "div" in paragraph.ancestors
    body_group = 1 << list(CLASS_WORDS).index("body")  # "story" is a body word
    assert paragraph.ancestor_mask & body_group and not paragraph.class_mask & body_group
    # siblings share their enclosing block; nested blocks list it in their chain
    assert blocks[2].parent == blocks[3].parent != blocks[1].parent
    assert blocks[2].parent in blocks[2].chain


def test_invisible_and_hidden_text_is_skipped_but_tails_are_kept() -> None:
    blocks = _blocks(
        "<html><body><p>Before<script>var x = 1;</script> after</p>"
        "<div hidden><p>Hidden copy</p></div><p aria-hidden='true'>Icon text</p>"
        "<p><style>p {}</style>Shown</p></body></html>"
    )
    assert [b.text for b in blocks] == ["Before after", "Shown"]


def test_features_say_where_the_body_is() -> None:
    html = page(paragraphs=PARAGRAPHS[:2],
                article_extra=f'<div class="share-tools"><p>{PARAGRAPHS[2]}</p></div>')
    blocks = _blocks(html)
    body = "\n".join(PARAGRAPHS[:2])
    features = block_features(blocks, body, body)
    assert features.shape == (len(blocks), len(FEATURE_NAMES))
    column = {name: features[:, i] for i, name in enumerate(FEATURE_NAMES)}
    texts = [b.text for b in blocks]
    inside, nav = texts.index(PARAGRAPHS[2]), texts.index("Home")
    assert column["in_body"][texts.index(PARAGRAPHS[0])] == 1.0
    assert column["in_body"][inside] == 0.0
    assert column["in_container"][inside] == 1.0 and column["in_container"][nav] == 0.0
    assert column["before_span"][nav] == 1.0 and column["prev_in_body"][inside] == 1.0
    assert column["class_social"][inside] == 0.0 and column["anc_class_social"][inside] == 1.0
    assert block_features([], body, body).shape == (0, len(FEATURE_NAMES))


def test_shingle_share_counts_4grams() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingle_share("a b c d e", shingles("x a b c d")) == 0.5
    assert shingle_share("", {}) == 0.0


def test_merge_puts_each_block_after_the_last_line_before_it() -> None:
    lines = ["first", "second", "third"]
    assert merge_blocks(lines, [1.0, 4.0, None], [(0, "top"), (2, "middle"), (9, "end")]) == [
        "top", "first", "middle", "second", "end", "third"]
    blocks = _blocks("<html><body><p>one two three four</p><p>five six seven eight</p>"
                     "</body></html>")
    assert line_places(["five six seven eight", "nothing here"], blocks) == [1.0, None]


def _model(**weights: float) -> BlockModel:
    """A hand-set model: standardisation off, so the weights act on the raw features."""
    beta = np.zeros(len(FEATURE_NAMES))
    for name, value in weights.items():
        beta[FEATURE_NAMES.index(name)] = value
    size = len(FEATURE_NAMES)
    return BlockModel(np.zeros(size), np.ones(size), beta, threshold=0.5)


PROMO = "Read more: The council said on Monday that the storm would reach the harbour by Friday."
TEASER = ('<p><a href="/storm">Storm warning issued for the weekend</a> as forecasters say the '
          "harbour could flood on Friday night.</p>")


def test_add_blocks_inserts_confident_blocks_in_place_and_respects_the_veto() -> None:
    html = page(paragraphs=PARAGRAPHS[:2], article_extra=(
        f'<div class="share-tools"><p>{PARAGRAPHS[2]}</p><p>{PROMO}</p>{TEASER}'
        f"<p>Share this story</p></div><p>{PARAGRAPHS[3]}</p>"))
    tree = _parse(html)
    lines = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3]]
    # in the body's container and ending like a sentence: article text
    model = _model(bias=-3.0, in_container=2.0, sentence_end=2.0)
    added = add_blocks(tree, lines, "", model)
    assert added[:5] == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], PROMO, PARAGRAPHS[3]]
    # a model that says yes to everything still only adds prose that does not open with a link
    eager = add_blocks(tree, lines, "", _model(bias=5.0))
    assert PROMO in eager
    assert not {"Home", "Share this story", "Most popular"} & set(eager)
    assert not any(line.startswith("Storm warning") for line in eager)
    # lines already in the body are never added twice
    assert add_blocks(tree, PARAGRAPHS, "", _model(bias=5.0)).count(PARAGRAPHS[2]) == 1
    # the promo passes the model, but the cleaner's veto keeps it out
    assert PROMO not in add_blocks(tree, lines, "", _model(bias=5.0), admits_block)


def test_addable_gates_on_prose_and_body() -> None:
    blocks = _blocks(f"<html><body><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>Short one."
                     f"</p><p>{PARAGRAPHS[2].rstrip('.')}</p>{TEASER}</body></html>")
    features = block_features(blocks, PARAGRAPHS[0], "")
    assert addable(features).tolist() == [False, True, False, False, False]
    assert addable(np.zeros((0, len(FEATURE_NAMES)))).shape == (0,)


def test_admits_block_refuses_what_the_line_filters_drop() -> None:
    assert admits_block(PARAGRAPHS[0])
    assert not admits_block("Related: The ten weirdest galaxies")
    assert not admits_block("Follow us on Twitter @example and on Facebook.")
    assert not admits_block("© 2019 Elwin Gazette. All rights reserved.")


def test_clean_html_adds_a_paragraph_trafilatura_drops_inside_the_article() -> None:
    # trafilatura drops a paragraph wrapped in a sharing-tools box; the stored model puts it back
    html = page(paragraphs=PARAGRAPHS[:2],
                article_extra=f'<div class="share-tools"><p>{PARAGRAPHS[2]}</p></div>'
                              f"<p>{PARAGRAPHS[3]}</p>")
    without = clean_html(html, URL, CleanerSettings(block_add=False)).body.split("\n\n")
    assert PARAGRAPHS[2] not in without
    body = clean_html(html, URL).body.split("\n\n")
    assert body == PARAGRAPHS
    # navigation, sidebar and footer stay out
    assert not {"Home", "Most popular", "Storm warning issued for the weekend"} & set(body)


def test_clean_html_without_anything_to_add_is_unchanged() -> None:
    html = page()
    assert clean_html(html, URL).body == clean_html(html, URL,
                                                    CleanerSettings(block_add=False)).body


def test_stored_model_matches_the_features_and_round_trips() -> None:
    model = load_model()
    assert model.weights.shape == (len(FEATURE_NAMES),)
    assert 0.0 < model.threshold < 1.0
    again = BlockModel.from_json(json.loads(json.dumps(model.to_json())))
    assert np.allclose(again.weights, model.weights) and again.threshold == model.threshold
    stale = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    stale["features"] = stale["features"][:-1]
    with pytest.raises(ValueError, match="rebuild"):
        BlockModel.from_json(stale)
    assert (MODEL_PATH.parent / "card.md").exists()
