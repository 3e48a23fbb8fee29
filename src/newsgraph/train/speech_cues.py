"""Train the learned attribution-cue classifier (``models/attribution_cues``) on PolNeAR train.

    newsgraph train attribution_cues [POLNEAR_TRAIN_DIR] [--out DIR]

Every verb and noun of the parse (:func:`newsgraph.speech.learned.candidates`) is an example;
the head word of a gold attribution's cue is a positive, the other words of a cue ("has",
"passion for") are left out, every other candidate is a negative. A logistic regression over
hashed features (:func:`newsgraph.speech.learned.features`), full-batch Adam with L2, fixed
seed and epochs, so a rebuild gives the same weights.

The checker learns which of the attributions so built are right. Its examples must be what the
cue model does on text it was not fitted on: the documents are split in two folds, a cue model
fitted on one fold builds attributions (cue score at least :data:`COLLECT_THRESHOLD`) on the
other, and each is labelled by whether the PolNeAR scorer matches it to a gold attribution.

PolNeAR attributes more than news readers call a quote ("laid out a plan" is one, "laid
flowers" is not, yet both are "lay" with an object). So the checker also learns from
attributions the cue model builds on real news bodies (the content gold sets' article bodies
under ``data/content_extraction``), which the project labelled itself, right or wrong by sense,
content and source: ``news_checks.tsv`` beside the model (set, document, cue offsets, label;
no text). Where those bodies are missing, the checker learns from PolNeAR alone.

Both thresholds are chosen on train alone: models fitted on train's ``tune`` part (and the news
labels' tune part) score the whole speech stage on its ``validate`` part for each pair of
thresholds, and the best F1 wins whose precision stays at :data:`PRECISION_FLOOR` or more and
whose kept attributions on the news labels' validate part are right at :data:`NEWS_FLOOR` or
more; the shipped models are then fitted on all of train and all the labels. The dev set is
never read here.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph import settings
from newsgraph.eval import polnear
from newsgraph.eval.split import is_validation
from newsgraph.model import Article
from newsgraph.pipeline import process_chunk
from newsgraph.speech import learned
from newsgraph.speech.attributions import find_attributions, rule_attributions
from newsgraph.speech.found import Found
from newsgraph.speech.marks import quotation_spans
from newsgraph.speech.stage import extract_speech, quotes_of
from newsgraph.syntax import Tree
from newsgraph.train import model_dir, shared_dir

BITS = 18
SEED = 20
EPOCHS = 150
LEARNING_RATE = 0.05
L2 = 1e-6
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
CHECK_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
COLLECT_THRESHOLD = 0.3  # the lowest cue score tried: the checker learns from all it may see
# The thresholds chosen keep the stage's precision on train/validate at least this: the rules
# alone score 0.85 there, and the issue asks for 0.82 on PolNeAR's held-out test part.
PRECISION_FLOOR = 0.82
# … and the attributions they keep on the news labels' validate part are right this often: the
# issue asks for quotes precision 0.80 on real news.
NEWS_FLOOR = 0.80
NEWS_DATA = "data/content_extraction"  # under the shared folder: SET/ground-truth.json
NEWS_CHECKS = "news_checks.tsv"  # beside the model: set, document, cue start, cue end, label
SOURCELESS_SHARE = 0.6  # a cue lemma whose gold attributions lack a source this often …
SOURCELESS_COUNT = 5  # … in at least this many of them is read as source-less


Pair = tuple[polnear.PolnearDoc, Article]


def parsed(articles: Sequence[Article]) -> dict[str, Article]:
    """The articles parsed up to the speech stage (which the training runs itself), by id;
    one that fails to parse is left out."""
    done: dict[str, Article] = {}
    for first in range(0, len(articles), settings.CHUNK_SIZE):
        done |= {r.id: r for r in process_chunk(articles[first:first + settings.CHUNK_SIZE],
                                                  polnear.STAGES[:-1])
                 if isinstance(r, Article)}
    return done


def prepare(directory: Path) -> list[Pair]:
    """PolNeAR's documents with their articles parsed up to the speech stage."""
    docs = list(polnear.read_polnear(directory))
    articles = [polnear.make_article(d, str(directory / "text" / f"{d.name}.txt")) for d in docs]
    done = parsed(articles)
    return [(d, done[a.id]) for d, a in zip(docs, articles, strict=True) if a.id in done]


def cue_heads(tree: Tree, item: polnear.GoldAttribution) -> tuple[int | None, set[int]]:
    """A gold cue's head token (its word whose head lies outside it, a verb or noun first)
    and all of its tokens."""
    tokens = [t for s, e in item.cue for t in tree.tokens_in(s, e)]
    if not tokens:
        return None, set()
    inside = set(tokens)
    heads = [t for t in tokens if tree.head(t) not in inside]
    preferred = [t for t in heads if tree.tokens[t].pos in ("VERB", "AUX", "NOUN")]
    return (preferred or heads)[0], inside


def sourceless(pairs: Iterable[Pair]) -> frozenset[str]:
    """Verb lemmas whose gold cues mostly come without a source ("seem", "appear")."""
    seen: dict[str, list[int]] = {}
    for doc, article in pairs:
        tree = Tree(article)
        for item in doc.attributions:
            head, _ = cue_heads(tree, item)
            if head is not None and tree.tokens[head].pos in learned.VERBS:
                counts = seen.setdefault(tree.tokens[head].lemma.lower(), [0, 0])
                counts[0] += not item.source
                counts[1] += 1
    return frozenset(w for w, (none, n) in seen.items()
                     if n >= SOURCELESS_COUNT and none >= SOURCELESS_SHARE * n)


def examples(pairs: Iterable[Pair]) -> tuple[list[list[str]], list[int]]:
    """Feature rows and 0/1 labels of every candidate of every document."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for doc, article in pairs:
        tree = Tree(article)
        marks = quotation_spans(article.body)
        found = rule_attributions(article, tree, marks)
        ctx = learned.Context(tree, found, marks, learned.entity_labels(article.mentions, tree))
        positive: set[int] = set()
        ignored: set[int] = set()
        for item in doc.attributions:
            head, tokens = cue_heads(tree, item)
            if head is not None:
                positive.add(head)
                ignored |= tokens
        for i in learned.candidates(tree):
            if i in ignored and i not in positive:
                continue
            rows.append(learned.features(tree, i, ctx))
            labels.append(int(i in positive))
    return rows, labels


def fit(rows: Sequence[list[str]], labels: Sequence[int], bits: int = BITS,
        epochs: int = EPOCHS, seed: int = SEED) -> np.ndarray:
    """Logistic-regression weights over hashed features: full-batch Adam, L2-regularised."""
    rng = np.random.default_rng(seed)
    indices = learned.hashed(list(rows), bits)
    lengths = np.array([len(r) for r in indices])
    flat = np.concatenate(indices)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.asarray(labels, dtype=np.float64)
    size = 1 << bits
    w = rng.normal(0.0, 1e-3, size)
    m = np.zeros(size)
    v = np.zeros(size)
    b1, b2 = 0.9, 0.999
    for step in range(1, epochs + 1):
        scores = np.add.reduceat(w[flat], starts)
        p = 1.0 / (1.0 + np.exp(-scores))
        grad = np.bincount(flat, weights=np.repeat(p - y, lengths), minlength=size) / len(y)
        grad += L2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= LEARNING_RATE * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return w.astype(np.float32)


@contextmanager
def speech_with(model: learned.CueModel | None) -> Iterator[None]:
    """The speech stage with ``model``'s learned cues (None: the rules alone), for a while."""
    saved = settings.SPEECH_CUE_MODEL
    settings.SPEECH_CUE_MODEL = model is not None
    learned.use_model(model)
    try:
        yield
    finally:
        settings.SPEECH_CUE_MODEL = saved
        learned.use_model(None)


def stage_score(pairs: Sequence[Pair], model: learned.CueModel | None) -> dict[str, float]:
    """The speech stage's precision, recall and F1 on ``pairs`` with ``model`` (None: the
    rules alone), by the PolNeAR scorer's matching."""
    gold = system = matched = 0
    with speech_with(model):
        for doc, article in pairs:
            article.quotes, article.claims = [], []
            extract_speech(article)
            matched += len(polnear.align(doc, article))
            gold += len(doc.attributions)
            system += len(article.quotes)
    p, r = matched / max(system, 1), matched / max(gold, 1)
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def built(article: Article) -> tuple[Tree, list[Found], dict[int, list[str]]]:
    """The article's attributions as the speech stage finds them (under :func:`speech_with`),
    with the checker features of the learned ones, by the ``id`` of each."""
    seen: dict[int, list[str]] = {}
    tree = Tree(article)
    return tree, find_attributions(article, tree, seen), seen


@dataclass(frozen=True)
class NewsDoc:
    """A real news body parsed up to the speech stage, with the project's labels for the
    attributions the cue model builds in it: (cue start, cue end) -> 1 right, 0 wrong."""

    name: str  # SET/DOCUMENT
    article: Article
    labels: dict[tuple[int, int], int]


def read_checks(path: Path) -> dict[str, dict[tuple[int, int], int]]:
    """The labels of ``news_checks.tsv``, by SET/DOCUMENT."""
    checks: dict[str, dict[tuple[int, int], int]] = {}
    if not path.is_file():
        return checks
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            checks.setdefault(f"{row['set']}/{row['document']}", {})[
                (int(row["cue_start"]), int(row["cue_end"]))] = int(row["label"])
    return checks


def news_docs(root: Path, checks: dict[str, dict[tuple[int, int], int]]) -> list[NewsDoc]:
    """The labelled news bodies found under ``root`` (none where it is missing), parsed."""
    wanted: dict[str, list[str]] = {}
    for name in sorted(checks):
        group, document = name.split("/", 1)
        wanted.setdefault(group, []).append(document)
    articles: list[Article] = []
    for group, documents in wanted.items():
        truth = root / group / "ground-truth.json"
        if not truth.is_file():
            continue
        bodies = json.loads(truth.read_text(encoding="utf-8"))
        for document in documents:
            body = (bodies.get(document) or {}).get("articleBody") or ""
            if body:
                articles.append(polnear.body_article(f"{group}/{document}", str(truth), body))
    return [NewsDoc(name, article, checks[name]) for name, article in parsed(articles).items()]


def news_examples(docs: Iterable[NewsDoc],
                  model: learned.CueModel) -> tuple[list[list[str]], list[int]]:
    """The checker's feature rows of the labelled attributions ``model`` keeps in ``docs``."""
    rows: list[list[str]] = []
    labels: list[int] = []
    with speech_with(model):
        for doc in docs:
            tree, found, seen = built(doc.article)
            for attribution in found:
                key = (tree.tokens[attribution.cue_tokens[0]].start,
                       tree.tokens[attribution.cue_tokens[-1]].end)
                if id(attribution) in seen and key in doc.labels:
                    rows.append(seen[id(attribution)])
                    labels.append(doc.labels[key])
    return rows, labels


def news_score(docs: Sequence[NewsDoc], model: learned.CueModel) -> dict[str, Any]:
    """How many labelled attributions ``model`` keeps in ``docs`` and the share right."""
    _, labels = news_examples(docs, model)
    return {"kept": len(labels), "right": sum(labels),
            "precision": round(sum(labels) / len(labels), 4) if labels else None}


def fold(name: str) -> int:
    """Which of two folds a document falls in, by a hash of its name apart from the split's."""
    return hashlib.sha256(f"fold:{name}".encode()).digest()[0] % 2


def checker_examples(pairs: Iterable[Pair],
                     model: learned.CueModel) -> tuple[list[list[str]], list[int]]:
    """The checker's feature rows of every attribution ``model``'s cues build on ``pairs``,
    labelled 1 where the PolNeAR scorer matches it to a gold attribution."""
    rows: list[list[str]] = []
    labels: list[int] = []
    with speech_with(model):
        for doc, article in pairs:
            tree, found, seen = built(article)
            article.quotes = quotes_of(article, tree, found)
            matched = set(polnear.align(doc, article).values())
            for index, attribution in enumerate(found):
                if id(attribution) in seen:
                    rows.append(seen[id(attribution)])
                    labels.append(int(index in matched))
            article.quotes = []
    return rows, labels


def fit_checker(pairs: Sequence[Pair], without: frozenset[str], weights: np.ndarray,
                news: Sequence[NewsDoc] = ()) -> tuple[np.ndarray | None, int]:
    """Checker weights from out-of-fold attributions of ``pairs`` and from the labelled ones
    that the cue model ``weights`` builds in ``news`` (None where there are none), and how many
    examples they came from."""
    rows, labels = news_examples(news, learned.CueModel(weights, BITS, COLLECT_THRESHOLD,
                                                        without))
    for k in (0, 1):
        fitted = [p for p in pairs if fold(p[0].name) != k]
        applied = [p for p in pairs if fold(p[0].name) == k]
        if not fitted or not applied:
            continue
        more_rows, more_labels = checker_examples(
            applied, learned.CueModel(fit(*examples(fitted)), BITS, COLLECT_THRESHOLD, without))
        rows += more_rows
        labels += more_labels
    if not rows:
        return None, 0
    return fit(rows, labels, bits=learned.CHECKER_BITS), len(rows)


def choose_thresholds(pairs: Sequence[Pair], news: Sequence[NewsDoc] = (),
                      log: Callable[[str], Any] = print) -> tuple[float, float, dict[str, Any]]:
    """Fit on the tune parts of train and of the news labels, and pick the cue and checker
    thresholds with the best F1 on train's validate part among those that keep its precision
    at :data:`PRECISION_FLOOR` or more and the news labels' validate part right at
    :data:`NEWS_FLOOR` or more."""
    tune = [p for p in pairs if not is_validation(p[0].name)]
    held = [p for p in pairs if is_validation(p[0].name)]
    news_held = [d for d in news if is_validation(d.name)]
    weights = fit(*examples(tune))
    without = sourceless(tune)
    checker, _ = fit_checker(tune, without, weights,
                             [d for d in news if not is_validation(d.name)])
    table: dict[str, Any] = {"rules": stage_score(held, None)}
    log(f"  rules alone on train/validate: {table['rules']}")
    for threshold in THRESHOLDS:
        table[f"{threshold}"] = stage_score(held, learned.CueModel(weights, BITS, threshold,
                                                                   without))
        log(f"  cue threshold {threshold}, no checker: {table[f'{threshold}']}")
    choices = []
    for threshold in THRESHOLDS:
        for check in CHECK_THRESHOLDS if checker is not None else ():
            key = f"{threshold}/{check}"
            model = learned.CueModel(weights, BITS, threshold, without, checker, check)
            table[key] = stage_score(held, model)
            if news_held:
                table[key]["news"] = news_score(news_held, model)
            choices.append((threshold, check, key))
            log(f"  cue threshold {threshold}, checker {check}: {table[key]}")
    if not choices:
        choices = [(t, 0.0, f"{t}") for t in THRESHOLDS]

    def allowed_by_news(key: str) -> bool:
        share = table[key].get("news", {}).get("precision")
        return share is None or share >= NEWS_FLOOR

    precise = [c for c in choices if table[c[2]]["precision"] >= PRECISION_FLOOR]
    allowed = [c for c in precise if allowed_by_news(c[2])]
    # No pair may reach the news floor (the labels say the model is no news quoter): then the
    # PolNeAR floor alone decides, and the table says so.
    table["news_floor_met"] = bool(allowed)
    threshold, check, _ = max(allowed or precise or choices, key=lambda c: table[c[2]]["f1"])
    return threshold, check, table


def train(pairs: Sequence[Pair], out: Path, news: Sequence[NewsDoc] = (),
          log: Callable[[str], Any] = print) -> dict[str, Any]:
    """Choose the thresholds, fit on all of ``pairs`` and ``news``, write the weights and
    ``training.json`` into ``out`` (the card beside them is written by hand from it)."""
    began = time.perf_counter()
    threshold, check, table = choose_thresholds(pairs, news, log)
    rows, labels = examples(pairs)
    weights = fit(rows, labels)
    without = sourceless(pairs)
    checker, checked = fit_checker(pairs, without, weights, news)
    model = learned.CueModel(weights, BITS, threshold, without, checker, check)
    seconds = round(time.perf_counter() - began, 1)
    out.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {
        "weights": weights.astype(np.float16), "bits": np.int64(BITS),
        "threshold": np.float64(threshold), "sourceless": np.array(sorted(without))}
    if checker is not None:
        arrays |= {"checker": checker.astype(np.float16), "check_threshold": np.float64(check)}
    np.savez_compressed(out / "weights.npz", **arrays)
    info = {"documents": len(pairs), "examples": len(labels), "positives": int(sum(labels)),
            "bits": BITS, "seed": SEED, "epochs": EPOCHS, "learning_rate": LEARNING_RATE,
            "l2": L2, "threshold": threshold, "sourceless": sorted(without),
            "checker_bits": learned.CHECKER_BITS, "checker_examples": checked,
            "news_documents": len(news),
            "collect_threshold": COLLECT_THRESHOLD, "check_threshold": check,
            "threshold_table": table,
            "train_seconds": seconds, "train_fit": stage_score(pairs, model)}
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def build(directory: Path, out: Path, log: Callable[[str], Any] = print) -> dict[str, Any]:
    """Parse PolNeAR train at ``directory`` and write the model into ``out``; return what
    ``training.json`` records."""
    began = time.perf_counter()
    pairs = prepare(directory)
    news = news_docs(shared_dir() / NEWS_DATA, read_checks(model_dir(learned.MODEL) / NEWS_CHECKS))
    log(f"parsed {len(pairs)} documents and {len(news)} labelled news bodies in "
        f"{time.perf_counter() - began:.0f}s")
    return train(pairs, out, news, log)
