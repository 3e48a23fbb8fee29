"""Train the learned attribution-cue classifier (``models/attribution_cues``) on PolNeAR train.

    newsgraph train attribution_cues [POLNEAR_TRAIN_DIR] [--out DIR]

Every verb and noun of the parse (:func:`newsgraph.speech.learned.candidates`) is an example;
the head word of a gold attribution's cue is a positive, the other words of a cue ("has",
"passion for") are left out, every other candidate is a negative. A logistic regression over
hashed features (:func:`newsgraph.speech.learned.features`), full-batch Adam with L2, fixed
seed and epochs, so a rebuild gives the same weights. The decision threshold is chosen on
train alone: a model fitted on train's ``tune`` part scores the whole speech stage on its
``validate`` part at each threshold, and the best F1 wins; the shipped model is then fitted on
all of train. The dev set is never read here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph import settings
from newsgraph.eval import polnear
from newsgraph.eval.split import is_validation
from newsgraph.model import Article
from newsgraph.pipeline import process_chunk
from newsgraph.speech import learned
from newsgraph.speech.attributions import rule_attributions
from newsgraph.speech.marks import quotation_spans
from newsgraph.speech.stage import extract_speech
from newsgraph.syntax import Tree

BITS = 18
SEED = 20
EPOCHS = 150
LEARNING_RATE = 0.05
L2 = 1e-6
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
# The threshold chosen keeps the stage's precision on train/validate at least this: the rules
# alone score 0.82 there (0.85 on dev), and the issue asks for about 0.80 on dev.
PRECISION_FLOOR = 0.78
SOURCELESS_SHARE = 0.6  # a cue lemma whose gold attributions lack a source this often …
SOURCELESS_COUNT = 5  # … in at least this many of them is read as source-less


Pair = tuple[polnear.PolnearDoc, Article]


def prepare(directory: Path) -> list[Pair]:
    """PolNeAR's documents with their articles parsed up to the speech stage."""
    docs = list(polnear.read_polnear(directory))
    out: list[Pair] = []
    for first in range(0, len(docs), settings.CHUNK_SIZE):
        batch = docs[first:first + settings.CHUNK_SIZE]
        articles = [polnear.make_article(d, str(directory / "text" / f"{d.name}.txt"))
                    for d in batch]
        done = {r.id: r for r in process_chunk(articles, polnear.STAGES[:-1])
                if isinstance(r, Article)}
        out += [(d, done[a.id]) for d, a in zip(batch, articles, strict=True) if a.id in done]
    return out


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


def stage_score(pairs: Sequence[Pair], model: learned.CueModel | None) -> dict[str, float]:
    """The speech stage's precision, recall and F1 on ``pairs`` with ``model`` (None: the
    rules alone), by the PolNeAR scorer's matching."""
    saved = settings.SPEECH_CUE_MODEL
    settings.SPEECH_CUE_MODEL = model is not None
    learned.use_model(model)
    gold = system = matched = 0
    try:
        for doc, article in pairs:
            article.quotes, article.claims = [], []
            extract_speech(article)
            matched += len(polnear.align(doc, article))
            gold += len(doc.attributions)
            system += len(article.quotes)
    finally:
        settings.SPEECH_CUE_MODEL = saved
        learned.use_model(None)
    p, r = matched / max(system, 1), matched / max(gold, 1)
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def choose_threshold(pairs: Sequence[Pair],
                     log: Callable[[str], Any] = print) -> tuple[float, dict[str, Any]]:
    """Fit on train's tune part, pick the threshold with the best F1 on its validate part
    whose precision stays at :data:`PRECISION_FLOOR` or more."""
    tune = [p for p in pairs if not is_validation(p[0].name)]
    held = [p for p in pairs if is_validation(p[0].name)]
    rows, labels = examples(tune)
    weights = fit(rows, labels)
    without = sourceless(tune)
    table = {"rules": stage_score(held, None)}
    log(f"  rules alone on train/validate: {table['rules']}")
    for threshold in THRESHOLDS:
        table[str(threshold)] = stage_score(
            held, learned.CueModel(weights, BITS, threshold, without))
        log(f"  threshold {threshold}: {table[str(threshold)]}")
    allowed = [t for t in THRESHOLDS if table[str(t)]["precision"] >= PRECISION_FLOOR]
    best = max(allowed or THRESHOLDS, key=lambda t: table[str(t)]["f1"])
    return best, table


def train(pairs: Sequence[Pair], out: Path,
          log: Callable[[str], Any] = print) -> dict[str, Any]:
    """Choose the threshold, fit on all of ``pairs``, write the weights and ``training.json``
    into ``out`` (the card beside them is written by hand from it)."""
    began = time.perf_counter()
    threshold, table = choose_threshold(pairs, log)
    rows, labels = examples(pairs)
    weights = fit(rows, labels)
    without = sourceless(pairs)
    model = learned.CueModel(weights, BITS, threshold, without)
    seconds = round(time.perf_counter() - began, 1)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", weights=weights.astype(np.float16),
                        bits=np.int64(BITS), threshold=np.float64(threshold),
                        sourceless=np.array(sorted(without)))
    info = {"documents": len(pairs), "examples": len(labels), "positives": int(sum(labels)),
            "bits": BITS, "seed": SEED, "epochs": EPOCHS, "learning_rate": LEARNING_RATE,
            "l2": L2, "threshold": threshold, "sourceless": sorted(without),
            "threshold_table": table,
            "train_seconds": seconds, "train_fit": stage_score(pairs, model)}
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def build(directory: Path, out: Path, log: Callable[[str], Any] = print) -> dict[str, Any]:
    """Parse PolNeAR train at ``directory`` and write the model into ``out``; return what
    ``training.json`` records."""
    began = time.perf_counter()
    pairs = prepare(directory)
    log(f"parsed {len(pairs)} documents in {time.perf_counter() - began:.0f}s")
    return train(pairs, out, log)
