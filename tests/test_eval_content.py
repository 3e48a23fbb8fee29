"""The content scorer reproduces the ScrapingHub benchmark's metric on hand-made cases."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.eval.content import (
    BLOCK_LAYER,
    PRECISION_LAYER,
    RECALL_LAYER,
    LayeredCleaner,
    f1_interval,
    load_pages,
    metrics_from_counts,
    page_counts,
    read_page,
    score_content,
    shingles,
    tokenize,
    trafilatura_benchmark,
)
from newsgraph.eval.split import SPLITS, is_validation
from newsgraph.ingest.html import DEFAULT_SETTINGS, LINE_FILTERS, CleanerSettings, clean_html

SHARED_AEB = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "content_extraction"
    / "scrapinghub_aeb"
)


def test_tokenize_is_unicode_word_runs() -> None:
    assert tokenize("Ça va, l'été — 2019!") == ["Ça", "va", "l", "été", "2019"]
    assert tokenize("") == []


def test_shingles_are_counted_4grams() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    # repeated shingles are counted, not collapsed: the metric works on multisets
    assert shingles("x x x x x") == {("x", "x", "x", "x"): 2}


def test_short_text_gives_one_short_shingle() -> None:
    # as in the benchmark: fewer than four tokens still make one (shorter) shingle
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_perfect_prediction() -> None:
    # punctuation and spacing are ignored by the \w+ tokenizer
    assert page_counts("The cat sat on the mat.", "The cat  sat on the mat!") == (1.0, 0.0, 0.0)
    figures = metrics_from_counts([page_counts("a b c d e f", "a b c d e f")])
    assert figures == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_case_matters_as_in_the_benchmark() -> None:
    assert page_counts("The cat sat on", "the cat sat on") == (0.0, 0.5, 0.5)


def test_disjoint_prediction_scores_zero() -> None:
    counts = page_counts("a b c d e", "v w x y z")
    assert counts == (0.0, 0.5, 0.5)
    assert metrics_from_counts([counts]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_partial_case_by_hand() -> None:
    # gold shingles {abcd, bcde}, predicted {abcd}: tp=1 fp=0 fn=1, normalized to 1/2, 0, 1/2
    counts = page_counts("a b c d e", "a b c d")
    assert counts == (0.5, 0.0, 0.5)
    figures = metrics_from_counts([counts])
    assert figures["precision"] == 1.0
    assert figures["recall"] == 0.5
    assert figures["f1"] == pytest.approx(2 / 3)


def test_multiset_intersection() -> None:
    # gold has (x x x x) twice, prediction once: one true positive, one miss
    assert page_counts("x x x x x", "x x x x") == (0.5, 0.0, 0.5)


def test_precision_and_recall_are_means_over_pages() -> None:
    # page 1 perfect; page 2 precision 1, recall 1/2 -> P = 1, R = 3/4, F1 from those means
    counts = [page_counts("a b c d e", "a b c d e"), page_counts("a b c d e", "a b c d")]
    figures = metrics_from_counts(counts)
    assert figures["precision"] == 1.0
    assert figures["recall"] == pytest.approx(0.75)
    assert figures["f1"] == pytest.approx(2 * 0.75 / 1.75)


def test_empty_prediction_is_left_out_of_precision() -> None:
    # the benchmark skips pages with nothing predicted when averaging precision
    counts = [page_counts("a b c d e", "a b c d e"), page_counts("a b c d e", "")]
    figures = metrics_from_counts(counts)
    assert figures["precision"] == 1.0
    assert figures["recall"] == 0.5
    assert figures["f1"] == pytest.approx(2 / 3)


def test_both_empty_is_perfect() -> None:
    assert page_counts("", "") == (0.0, 0.0, 0.0)
    assert metrics_from_counts([page_counts("", "")]) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


def test_bootstrap_interval_is_reproducible_and_brackets_f1() -> None:
    counts = [page_counts("a b c d e", "a b c d")] * 5 + [page_counts("a b c d e", "a b c d e")] * 5
    first = f1_interval(counts, 200)
    assert first == f1_interval(counts, 200)
    f1 = metrics_from_counts(counts)["f1"]
    assert first[0] <= f1 <= first[1]


def test_paired_interval_of_a_gain() -> None:
    worse = [page_counts("a b c d e", "a b c d")] * 10
    better = [page_counts("a b c d e", "a b c d e")] * 5 + worse[:5]
    lo, hi = f1_interval(better, 200, minus=worse)
    assert 0.0 < lo <= hi
    assert f1_interval(worse, 200, minus=worse) == [0.0, 0.0]
    with pytest.raises(ValueError):
        f1_interval(worse, 10, minus=worse[:3])


def _write_benchmark(directory: Path, pages: dict[str, tuple[str, str]]) -> None:
    (directory / "html").mkdir()
    truth = {}
    for page_id, (gold, html) in pages.items():
        truth[page_id] = {"articleBody": gold, "url": f"https://example.com/{page_id}"}
        with gzip.open(directory / "html" / f"{page_id}.html.gz", "wb") as handle:
            handle.write(html.encode("utf-8"))
    (directory / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_score_content_on_a_tiny_directory(tmp_path: Path) -> None:
    _write_benchmark(
        tmp_path,
        {
            "p1": ("alpha beta gamma delta epsilon", "<p>alpha beta gamma delta epsilon</p>"),
            "p2": ("one two three four five", "<p>one two three four</p>"),
            "p3": ("red green blue cyan magenta", "<p>nothing in common here at all</p>"),
        },
    )

    def strip_tags(html: str, url: str | None) -> str:
        return html.replace("<p>", "").replace("</p>", "")

    result = score_content(tmp_path, strip_tags, baseline=strip_tags, bootstrap=50)
    assert result["pages"] == 3
    # P = mean(1, 1, 0) = 2/3, R = mean(1, 1/2, 0) = 1/2
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(0.5)
    lo, hi = result["f1_interval"]
    assert lo <= result["f1"] <= hi
    assert [e["id"] for e in result["errors"]] == ["p3", "p2", "p1"]
    assert result["errors"][0] == {"id": "p3", "url": "https://example.com/p3", "f1": 0.0}
    assert result["baseline"]["f1"] == result["f1"]
    assert result["baseline"]["f1_gain_interval"] == [0.0, 0.0]
    assert "errors" not in result["baseline"]

    limited = score_content(tmp_path, strip_tags, bootstrap=0, limit=1)
    assert limited["pages"] == 1
    assert "baseline" not in limited


def test_split_scores_system_and_baseline_on_the_same_pages_of_one_part(
        tmp_path: Path) -> None:
    texts = {f"p{i}": f"The council approved the harbour budget on Monday, vote {i}."
             for i in range(1, 9)}
    _write_benchmark(tmp_path, {
        page_id: (text, f"<html><body><article><p>{text}</p></article></body></html>")
        for page_id, text in texts.items()
    })
    ids = {split: [page[0] for page in load_pages(tmp_path, split=split)] for split in SPLITS}
    assert ids["tune"] and ids["validate"] and not set(ids["tune"]) & set(ids["validate"])
    assert sorted(ids["tune"] + ids["validate"]) == ids["all"]
    assert all(is_validation(page_id) for page_id in ids["validate"])
    assert [page[0] for page in load_pages(tmp_path, limit=1, split="tune")] == ids["tune"][:1]

    run = CliRunner().invoke(main, ["eval", "content", str(tmp_path), "--split", "validate",
                                    "--json"])
    assert run.exit_code == 0, run.output
    result = json.loads(run.output)
    assert result["split"] == "validate"
    assert result["pages"] == result["baseline"]["pages"] == len(ids["validate"])
    assert {error["id"] for error in result["errors"]} == set(ids["validate"])


def test_read_page_decodes_declared_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>café</p></body></html>'
    path = tmp_path / "x.html.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(html.encode("cp1252"))
    assert "café" in read_page(path)


def test_scores_on_shared_benchmark_subset() -> None:
    if not (SHARED_AEB / "ground-truth.json").exists():
        pytest.skip(f"shared benchmark data not found at {SHARED_AEB}")
    result = score_content(
        SHARED_AEB,
        lambda html, url: clean_html(html, url).body,
        baseline=trafilatura_benchmark,
        bootstrap=20,
        limit=6,
    )
    assert result["pages"] == 6
    for figures in (result, result["baseline"]):
        for key in ("precision", "recall", "f1"):
            assert 0.0 <= figures[key] <= 1.0
        assert 0.0 <= figures["f1_interval"][0] <= figures["f1_interval"][1] <= 1.0
    assert len(result["errors"]) == 6


_LAYER_PAGE = """<html><head><title>Harbour budget approved after long night</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour budget approved after long night</h1>
<p>The council approved the harbour budget on Monday after a session that ran past midnight,
with eleven members in favour and four against the plan to dredge the northern basin.</p>
<p>___</p>
<p>Read more: Council to vote on school closures</p>
<p>Supporters said the dredging would let larger ferries dock by next summer, while the
opposition warned that the cost estimate had doubled since the first draft in March.</p>
<p>The mayor said the work would start in the autumn and be paid for over ten years.</p>
<p>Reporting by Jane Doe; Editing by John Roe</p>
</article><footer>Copyright 2019 Example News</footer></body></html>"""


def test_layered_cleaner_full_body_is_clean_html_body() -> None:
    # the layered path mirrors clean_html step by step; this holds it to the real thing
    url = "https://example.com/harbour"
    for settings in (
        DEFAULT_SETTINGS,
        CleanerSettings(precision_first=False),
        DEFAULT_SETTINGS.with_filters("promo"),
        DEFAULT_SETTINGS.with_filters(*LINE_FILTERS),
        CleanerSettings(recheck_below_chars=0),
    ):
        bodies = LayeredCleaner(settings).bodies(_LAYER_PAGE, url)
        assert bodies[""] == clean_html(_LAYER_PAGE, url, settings).body
        for name, variant in LayeredCleaner(settings).ablations.items():
            assert bodies[name] == clean_html(_LAYER_PAGE, url, variant).body
    assert LayeredCleaner().bodies("", url) == dict.fromkeys(("", *LayeredCleaner().layers), "")


def test_layers_are_precision_mode_recall_prose_and_each_line_filter() -> None:
    cleaner = LayeredCleaner()
    assert cleaner.layers == (PRECISION_LAYER, RECALL_LAYER, BLOCK_LAYER,
                              *DEFAULT_SETTINGS.line_filters)
    assert cleaner.ablations[BLOCK_LAYER] == CleanerSettings(block_add=False)
    assert cleaner.ablations[PRECISION_LAYER] == CleanerSettings(
        precision_first=False, line_filters=DEFAULT_SETTINGS.line_filters
    )
    assert cleaner.ablations[RECALL_LAYER] == CleanerSettings(recall_prose=False)
    no_promo = cleaner.ablations["promo"].line_filters
    assert "promo" not in no_promo and len(no_promo) == len(DEFAULT_SETTINGS.line_filters) - 1
    # a layer switched off is not measured: there is nothing to ablate
    off = LayeredCleaner(CleanerSettings(precision_first=False, recall_prose=False,
                                         block_add=False).with_filters("dek"))
    assert off.layers == ("dek",)


def test_score_content_reports_each_layer(tmp_path: Path) -> None:
    text = (
        "The council approved the harbour budget on Monday after a session that ran past "
        "midnight, with eleven members in favour and four against the plan to dredge the "
        "northern basin."
    )
    _write_benchmark(tmp_path, {"p1": (text, _LAYER_PAGE), "p2": (text, "")})
    cleaner = LayeredCleaner()
    result = score_content(tmp_path, cleaner, baseline=trafilatura_benchmark, bootstrap=20)
    assert set(result["layers"]) == set(cleaner.layers)
    for name, layer in result["layers"].items():
        assert layer["gain"] == pytest.approx(result["f1"] - layer["f1_without"]), name
        assert 0.0 <= layer["pages_changed"] <= result["pages"]
        assert len(layer["gain_interval"]) == 2
    # the promo line is not in the gold, so dropping it can only help here
    assert result["layers"]["promo"]["gain"] > 0
    assert result["layers"]["promo"]["pages_changed"] == 1
    # any other extractor has no layers to report
    assert "layers" not in score_content(tmp_path, trafilatura_benchmark, bootstrap=0)


def test_layers_on_shared_benchmark_subset() -> None:
    if not (SHARED_AEB / "ground-truth.json").exists():
        pytest.skip(f"shared benchmark data not found at {SHARED_AEB}")
    cleaner = LayeredCleaner()
    result = score_content(SHARED_AEB, cleaner, bootstrap=20, limit=4)
    assert list(result["layers"]) == list(cleaner.layers)
    for layer in result["layers"].values():
        assert math.isfinite(layer["gain"])
        assert 0.0 <= layer["f1_without"] <= 1.0
    # the layered path scores exactly what clean_html extracts
    plain = score_content(SHARED_AEB, lambda html, url: clean_html(html, url).body, limit=4,
                          bootstrap=20)
    assert plain["f1"] == result["f1"]
