"""Score a body-text extractor the way the ScrapingHub article-extraction benchmark does.

The benchmark (github.com/scrapinghub/article-extraction-benchmark, ``evaluate.py``) is the
reference public figure for article extractors, so this module reproduces its metric exactly
rather than inventing a close cousin; a number printed here can be set beside the ones in its
README. Its rules, which are easy to get subtly wrong:

* tokens are ``\\w+`` matches (Unicode); shingles are word 4-grams, counted as a multiset, and a
  text with fewer than four tokens yields one shorter shingle holding all of them;
* per page, tp is the multiset intersection, fp and fn the leftovers, then tp/fp/fn are scaled to
  sum to 1 so long articles weigh no more than short ones;
* precision is the *mean over pages* of tp/(tp+fp), skipping pages where nothing was predicted
  (their precision is undefined), and recall the mean of tp/(tp+fn) skipping pages whose gold is
  empty; F1 is the harmonic mean of those two means, not a mean of per-page F1s;
* tokens keep their case (the benchmark's ``re.IGNORECASE`` has no effect on ``\\w+``);
* a page where prediction and gold are both empty drops out of both means (there is nothing to
  score); only if every page is like that are the figures 1.0.

The benchmark reports a bootstrap standard deviation; we report a 95% percentile interval from the
same resampling (pages drawn with replacement), with a fixed seed so reruns print the same numbers.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import trafilatura
from trafilatura.utils import decode_file

from newsgraph.eval.bootstrap import BOOTSTRAP_SEED, interval
from newsgraph.eval.split import select
from newsgraph.ingest.html import (
    DEFAULT_SETTINGS,
    MODES,
    CleanerSettings,
    _extract_text,
    _metadata,
    _parse,
    add_block_prose,
    extract_body,
    filter_lines,
)

Extractor = Callable[[str, str | None], str]
"""(html, url) -> body text; the shape both the candidate and the baseline take."""

SHINGLE_SIZE = 4
WORST_PAGES = 10

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Split into ``\\w+`` tokens, the benchmark's deliberately language-agnostic tokenizer."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Count the word n-grams of ``text``.

    Texts shorter than ``n`` tokens give a single shorter shingle, as in the benchmark, so a
    two-word prediction is still compared rather than silently treated as empty.
    """
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """Return one page's (tp, fp, fn), normalized to sum to 1 (all zero when both are empty).

    Normalizing is what makes the benchmark a per-page average: without it a few long articles
    would dominate the score.
    """
    gold_sh = shingles(gold)
    pred_sh = shingles(predicted)
    tp = float(sum((gold_sh & pred_sh).values()))
    fp = float(sum(pred_sh.values())) - tp
    fn = float(sum(gold_sh.values())) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def _page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def metrics_from_counts(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Precision, recall and F1 over pages, averaged the benchmark's way.

    Pages with nothing predicted are left out of the precision mean and pages with empty gold out
    of the recall mean (the benchmark's ``if tp + fp > 0`` filters). When every page is left out
    — only possible when prediction and gold are both empty everywhere — the figure is 1.0, since
    nothing was missed and nothing was invented.
    """
    precisions = [_page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = float(np.mean(precisions)) if precisions else 1.0
    recall = float(np.mean(recalls)) if recalls else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


Counts = Sequence[tuple[float, float, float]]
Page = tuple[str, str | None, str, str]
"""(id, url, gold body, html): one page of a benchmark-layout directory."""


def f1_interval(
    counts: Counts, resamples: int, seed: int = BOOTSTRAP_SEED, *, minus: Counts | None = None
) -> list[float]:
    """95% bootstrap interval for F1, resampling pages with replacement. With
    ``minus`` (another extractor's counts on the same pages) it is the interval of the F1
    *difference*, each resample drawing the same pages for both: a paired test, much tighter
    than comparing two separate intervals.
    """

    def f1_of(indices: Sequence[int]) -> float:
        value = metrics_from_counts([counts[i] for i in indices])["f1"]
        if minus is not None:
            value -= metrics_from_counts([minus[i] for i in indices])["f1"]
        return value

    if minus is not None and len(minus) != len(counts):
        raise ValueError("paired interval needs counts for the same pages")
    return interval(f1_of, len(counts), resamples, seed)


def read_page(path: Path) -> str:
    """Read one ``.html.gz`` page to text.

    Bytes go through trafilatura's own decoder (UTF-8 first, then the declared or detected
    charset, then lossy UTF-8), so the scorer sees the same text the cleaner would at ingest.
    """
    with gzip.open(path, "rb") as handle:
        return decode_file(handle.read())


def load_pages(directory: Path, limit: int | None = None, split: str = "all") -> list[Page]:
    """Return (id, url, gold body, html) for each page of ``split`` (decided by page id, the
    ground truth's key and the html file's stem) of a benchmark-layout directory.

    Ids are sorted so ``limit`` always picks the same subset of the split.
    """
    truth: dict[str, dict[str, Any]] = json.loads(
        (directory / "ground-truth.json").read_text(encoding="utf-8")
    )
    ids = select(sorted(truth), str, split)
    if limit is not None:
        ids = ids[:limit]
    return [
        (
            page_id,
            truth[page_id].get("url"),
            truth[page_id].get("articleBody") or "",
            read_page(directory / "html" / f"{page_id}.html.gz"),
        )
        for page_id in ids
    ]


def trafilatura_benchmark(html: str, url: str | None) -> str:
    """Trafilatura as the benchmark itself runs it (``include_comments=False``).

    This is the stronger of the two trafilatura baselines (comments are never article text), so
    it is the one to beat: measuring against the literal defaults would flatter any cleaner
    that merely drops comments.
    """
    return trafilatura.extract(html, url=url, include_comments=False) or ""


def _score_bodies(
    pages: Sequence[Page], bodies: Sequence[str], bootstrap: int
) -> tuple[dict[str, Any], list[dict[str, Any]], Counts]:
    counts: list[tuple[float, float, float]] = []
    per_page: list[dict[str, Any]] = []
    for (page_id, url, gold, _html), body in zip(pages, bodies, strict=True):
        c = page_counts(gold, body or "")
        counts.append(c)
        per_page.append(
            {"id": page_id, "url": url, "f1": _f1(_page_precision(*c), _page_recall(*c))}
        )
    figures: dict[str, Any] = metrics_from_counts(counts)
    figures["f1_interval"] = f1_interval(counts, bootstrap)
    figures["pages"] = len(pages)
    return figures, per_page, counts


def _score(
    pages: Sequence[Page], extract: Extractor, bootstrap: int
) -> tuple[dict[str, Any], list[dict[str, Any]], Counts]:
    return _score_bodies(pages, [extract(html, url) or "" for _, url, _, html in pages], bootstrap)


PRECISION_LAYER = "precision_first"
"""The layer name of precision mode with its balanced recheck (the rest are line filter names)."""
RECALL_LAYER = "recall_prose"
"""The layer name of the prose recall mode adds (see ``add_recall_prose``)."""
BLOCK_LAYER = "block_add"
"""The layer name of the blocks the DOM block model adds (see ``add_block_prose``)."""


class LayeredCleaner:
    """:func:`~newsgraph.ingest.html.clean_html`'s body, and the body with each of its layers
    switched off, from one parse, one metadata pass and at most three trafilatura runs a page.

    A layer is a knob of :class:`~newsgraph.ingest.html.CleanerSettings` that changes the body:
    ``precision_first`` (ablation: ``precision_first=False``), ``recall_prose`` and
    ``block_add`` (the same, each switched off) and each name in
    ``line_filters`` (ablation: the same filters without it). Trafilatura is what costs; the
    line filters only post-process its lines, so every ablation reuses the page's precision and
    balanced extractions (each run at most once, balanced only when some variant needs it), and
    measuring all layers costs about one extra balanced run per page rather than one cleaner pass
    per layer. This mirrors ``clean_html``'s body path step by step (same helpers, same order);
    a test holds the full body equal to ``clean_html``'s so the two cannot drift apart.

    Called as an :data:`Extractor` it returns the full cleaner's body, so :func:`score_content`
    scores it like any extractor and adds the ``layers`` figures when it sees one.
    """

    def __init__(self, settings: CleanerSettings | None = None) -> None:
        self.settings = settings if settings is not None else DEFAULT_SETTINGS
        variants: dict[str, CleanerSettings] = {}
        if self.settings.precision_first:
            variants[PRECISION_LAYER] = replace(self.settings, precision_first=False)
        if self.settings.recall_prose:
            variants[RECALL_LAYER] = replace(self.settings, recall_prose=False)
        if self.settings.block_add:
            variants[BLOCK_LAYER] = replace(self.settings, block_add=False)
        for name in self.settings.line_filters:
            others = [f for f in self.settings.line_filters if f != name]
            variants[name] = self.settings.with_filters(*others)
        self.ablations = variants
        """Layer name -> the settings without that layer, in the order the layers run."""

    @property
    def layers(self) -> tuple[str, ...]:
        """The names of the layers switched on in ``settings``."""
        return tuple(self.ablations)

    def __call__(self, html: str, url: str | None) -> str:
        return self.bodies(html, url)[""]

    def bodies(self, html: str, url: str | None) -> dict[str, str]:
        """``""`` -> the full cleaner's body, and each layer name -> the body without it."""
        tree = _parse(html) if html and html.strip() else None
        if tree is None:
            return {name: "" for name in ("", *self.ablations)}
        meta = _metadata(tree, url, self.settings)
        page_url = meta.url or url
        extracted: dict[tuple[bool, str], str] = {}

        def run(settings: CleanerSettings, mode: str) -> str:
            key = (settings.include_tables, mode)
            if key not in extracted:
                extracted[key] = _extract_text(tree, page_url, settings, **MODES[mode])
            return extracted[key]

        def body(settings: CleanerSettings) -> str:
            # clean_html's own body path, with the page's trafilatura runs shared
            text = extract_body(tree, page_url, settings, extract=run)
            lines, _removed = filter_lines(text, meta.titles, settings)
            lines = add_block_prose(tree, lines, lambda: run(settings, "recall"), settings)
            return settings.paragraph_separator.join(lines)

        result = {"": body(self.settings)}
        result.update((name, body(variant)) for name, variant in self.ablations.items())
        return result


def _layer_figures(
    pages: Sequence[Page],
    bodies: Sequence[dict[str, str]],
    layers: Sequence[str],
    f1: float,
    counts: Counts,
    bootstrap: int,
) -> dict[str, dict[str, Any]]:
    """Per layer: F1 without it, its gain (full F1 minus that), the paired 95% interval of the
    gain, and on how many pages switching it off changed the body (0 means it never fired)."""
    figures: dict[str, dict[str, Any]] = {}
    for name in layers:
        without, _, without_counts = _score_bodies(pages, [b[name] for b in bodies], 0)
        figures[name] = {
            "gain": f1 - without["f1"],
            "f1_without": without["f1"],
            "gain_interval": f1_interval(counts, bootstrap, minus=without_counts),
            "pages_changed": sum(b[name] != b[""] for b in bodies),
        }
    return figures


def score_content(
    directory: Path,
    extract: Extractor,
    *,
    baseline: Extractor | None = None,
    bootstrap: int = 1000,
    limit: int | None = None,
    split: str = "all",
) -> dict[str, Any]:
    """Score ``extract`` on the pages of ``split`` of a benchmark-layout directory, optionally
    beside a baseline on the same pages.

    ``directory`` holds ``ground-truth.json`` (id -> {"articleBody", "url"}) and
    ``html/<id>.html.gz``. The result carries precision, recall, F1, its bootstrap interval, the
    page count, the ten worst pages by per-page F1 (the ones worth looking at when tuning) and,
    when ``baseline`` is given, the same figures for it so every report shows the gain, plus
    ``baseline["f1_gain_interval"]``: the paired 95% interval of (F1 - baseline F1), which says
    whether the gain is real. ``limit`` scores only the first pages of the split by id, for
    quick checks and tests. The intervals resample the selected pages only.

    When ``extract`` is a :class:`LayeredCleaner`, the result also has ``layers``: for each
    layer of its settings, ``gain`` (F1 minus the F1 of the same cleaner without that layer, on
    the same pages), ``f1_without``, the paired ``gain_interval`` and ``pages_changed``, so a
    layer that stopped paying for itself shows up in the same report as the headline figure.
    """
    pages = load_pages(Path(directory), limit, split)
    layered = extract if isinstance(extract, LayeredCleaner) else None
    bodies = [layered.bodies(html, url) for _, url, _, html in pages] if layered else []
    if layered is not None:
        result, per_page, counts = _score_bodies(pages, [b[""] for b in bodies], bootstrap)
    else:
        result, per_page, counts = _score(pages, extract, bootstrap)
    result["errors"] = sorted(per_page, key=lambda p: (p["f1"], p["id"]))[:WORST_PAGES]
    if baseline is not None:
        figures, _, base_counts = _score(pages, baseline, bootstrap)
        figures["f1_gain_interval"] = f1_interval(counts, bootstrap, minus=base_counts)
        result["baseline"] = figures
    if layered is not None:
        result["layers"] = _layer_figures(
            pages, bodies, layered.layers, result["f1"], counts, bootstrap
        )
    return {"split": split, **result}
